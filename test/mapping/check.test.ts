import { describe, expect, it } from 'vitest';
import { isWolkvoxBulkError } from '../../src/core/errors.js';
import { checkMapping } from '../../src/mapping/load.js';
import type { MappingProblem } from '../../src/mapping/problems.js';
import { expectError } from '../helpers.js';
import { FULL_EXAMPLE } from './examples.js';

// Each problem's English at its path (its message code is checked by test/core/say.test.ts).
type English = Pick<MappingProblem, 'path' | 'message'>;

function problemsOf(value: unknown): readonly English[] {
  try {
    checkMapping(value, 'm.json');
  } catch (error) {
    if (isWolkvoxBulkError(error)) return (error.details as MappingProblem[]).map(({ path, message }) => ({ path, message }));
    throw error;
  }
  return [];
}

const withFields = (fields: Record<string, unknown>) => ({ id: 'ID', fields });

describe('checkMapping accepts', () => {
  it.each([
    ['the full example', FULL_EXAMPLE],
    ['the smallest mapping', { id: 'ID', fields: { Email: 'Correo' } }],
    ['an id template', { id: { template: '{Prefijo}{Numero}', trim: true, type: 'string' }, fields: { A: 'B' } }],
    ['a sheet by position', { id: 'ID', sheet: 2, fields: { A: 'B' } }],
    ['typed objects', withFields({
      S: { column: 'S', type: 'search', searchModule: 'contacts', idColumn: 'SID', case: 'upper' },
      C: { column: 'C', type: 'currency', symbol: 'COP', decimal: ',' },
      T: { column: 'T', type: 'telephone', country: 'CO', code: '+57' },
      U: { column: 'U', type: 'table' },
      L: { column: 'L', type: 'search', lookup: { module: 'empresas', field: 'nombre', compare: 'ignore-case' } },
      D: { column: 'D', type: 'datetime', format: 'YYYY-MM-DD[T]HH:mm:ss' },
    })],
    ['a tab delimiter', { id: 'ID', delimiter: '\t', fields: { A: 'B' } }],
    ['"write" on fields of every source', withFields({ A: { column: 'A', write: 'if-empty' }, B: { value: 'x', write: 'if-empty' }, C: { template: '{C}', write: 'always', empty: 'clear' } })],
  ])('%s', (_, value) => {
    expect(checkMapping(value, 'm.json')).toBe(value);
  });
});

describe('checkMapping reports', () => {
  it.each<[string, unknown, English[]]>([
    ['a value that is not an object', [1], [{ path: '', message: expect.stringMatching(/^a mapping must be a JSON object.*got a list$/) }]],
    ['missing id and fields', {}, [
      { path: 'id', message: 'is missing: set it to the column holding the wolkvox id of each record, or find each record by a key of its own with "match", such as { "column": "Documento", "field": "documento" }' },
      { path: 'fields', message: 'is missing: list the CRM fields to update, such as { "Email": "Correo" }' },
    ]],
    ['unknown top-level keys', { id: 'ID', fields: { A: 'B' }, feilds: {}, 'header row': 2 }, [
      { path: 'feilds', message: 'unknown key; did you mean "fields"?' },
      { path: '"header row"', message: 'unknown key; did you mean "headerRow"?' },
    ]],
    ['a field written outside "fields"', { id: 'ID', fields: { A: 'B' }, Email: 'Correo' }, [
      { path: 'Email', message: 'unknown key; CRM fields go inside "fields"' },
    ]],
    ['an empty fields object', { id: 'ID', fields: {} }, [{ path: 'fields', message: 'is empty: list at least one CRM field to update' }]],
    ['bad top-level values', { id: '', fields: { A: 'B' }, headerRow: 0, sheet: 1.5, delimiter: 'tab', encoding: 'utf8', empty: 'Skip', module: 3 }, [
      { path: 'module', message: 'must be a CRM module name such as "contacts", got 3 (number)' },
      { path: 'sheet', message: 'must be a whole number from 1 up (the position of the worksheet, or use its name), got 1.5 (number)' },
      { path: 'headerRow', message: 'must be a whole number from 1 up (the row holding the column names), got 0 (number)' },
      { path: 'delimiter', message: 'must be ",", ";", "\\t" or "|", got "tab" (string)' },
      { path: 'encoding', message: 'must be "utf-8", "utf-16le", "utf-16be", "windows-1252" or "latin1", got "utf8" (string); did you mean "utf-8"?' },
      { path: 'id', message: 'must be the name of the column holding the wolkvox id, got an empty string' },
      { path: 'empty', message: 'must be "skip", "clear" or "error", got "Skip" (string); did you mean "skip"?' },
    ]],
    ['an unknown field key', withFields({ Email: { colum: 'Correo' } }), [
      { path: 'fields."Email".colum', message: 'unknown key; did you mean "column"?' },
      { path: 'fields."Email"', message: 'needs one source: "column", "value" or "template"' },
    ]],
    ['two sources', withFields({ Email: { column: 'Correo', value: 'x@y.co' } }), [
      { path: 'fields."Email"', message: 'has "column" and "value"; keep one source' },
    ]],
    ['a bad type name', withFields({ N: { column: 'N', type: 'int' }, M: { column: 'M', type: 'nmber' }, O: { column: 'O', type: 7 } }), [
      { path: 'fields."N".type', message: expect.stringMatching(/^unknown type "int" \(string\); did you mean "integer"\? \(types: string, number,/) },
      { path: 'fields."M".type', message: expect.stringMatching(/^unknown type "nmber" \(string\); did you mean "number"\?/) },
      { path: 'fields."O".type', message: expect.stringMatching(/^unknown type 7 \(number\) \(types:/) },
    ]],
    ['bad option values', withFields({ E: { column: 'E', case: 'Lower', empty: 'blank', trim: 'yes' }, S: { column: 'S', type: 'number', decimal: ';' } }), [
      { path: 'fields."E".trim', message: 'must be true or false, got "yes" (string)' },
      { path: 'fields."E".case', message: 'must be "lower" or "upper", got "Lower" (string); did you mean "lower"?' },
      { path: 'fields."E".empty', message: 'must be "skip", "clear" or "error", got "blank" (string)' },
      { path: 'fields."S".decimal', message: 'must be "." or ",", got ";" (string)' },
    ]],
    ['a bad format token', withFields({ F: { column: 'F', type: 'date', format: 'YYYY-MM-dd', inputFormat: 'DD/mm/YYYY' } }), [
      { path: 'fields."F".format', message: expect.stringMatching(/^unknown token "dd"; did you mean "DD"\?/) },
      { path: 'fields."F".inputFormat', message: '"mm" is minutes and needs an hour (HH); the month is "MM"' },
    ]],
    ['type-specific keys on the wrong type', withFields({ S: { column: 'S', format: 'YYYY', decimal: ',', symbol: 'COP', case: 'upper', type: 'number' } }), [
      { path: 'fields."S".format', message: "is only used by date or datetime fields, and this field's type is number" },
      { path: 'fields."S".case', message: "is only used by string, address or search fields, and this field's type is number" },
      { path: 'fields."S".symbol', message: "is only used by currency fields, and this field's type is number" },
    ]],
    ['search without searchModule, currency without symbol', withFields({ S: { column: 'S', type: 'search' }, C: { column: 'C', type: 'currency' } }), [
      { path: 'fields."S"', message: 'a search field needs "searchModule" (the module of the linked record, such as "contacts"), or "lookup" to find the linked record by name' },
      { path: 'fields."C"', message: 'a currency field needs "symbol" (such as "COP")' },
    ]],
    ['lookups that cannot find a record (issue 19)', withFields({
      A: { column: 'A', type: 'search', lookup: { module: 'empresas' } },
      B: { column: 'B', type: 'search', lookup: 'empresas' },
      C: { column: 'C', type: 'search', lookup: { module: ' ', field: 'nombre', compare: 'ignorecase', modul: 'x' } },
      D: { column: 'D', type: 'search', idColumn: 'DID', lookup: { module: 'empresas', field: 'nombre' } },
      E: { column: 'E', lookup: { module: 'empresas', field: 'nombre' } },
    }), [
      { path: 'fields."A".lookup', message: 'needs "field": the field of that module holding the name, such as "nombre"' },
      { path: 'fields."B".lookup', message: 'must be an object such as { "module": "empresas", "field": "nombre" }, got "empresas" (string)' },
      { path: 'fields."C".lookup.modul', message: 'unknown key; did you mean "module"?' },
      { path: 'fields."C".lookup.module', message: 'must be a module name, got an empty string' },
      { path: 'fields."C".lookup.compare', message: 'must be "exact", "ignore-case" or "document", got "ignorecase" (string); did you mean "ignore-case"?' },
      { path: 'fields."D".lookup', message: 'cannot be used with "idColumn": the linked record\'s id comes from the column ("idColumn") or is found by name ("lookup"); remove one' },
      { path: 'fields."E".lookup', message: "is only used by search fields, and this field's type is string" },
    ]],
    ['a bad template', withFields({ N: { template: '{Nombre {Apellido}' } }), [
      { path: 'fields."N".template', message: '"{" at position 1 is not closed by "}"; write "{{" for a literal brace' },
    ]],
    ['bad map and default', withFields({ A: { column: 'A', map: {} }, B: { column: 'B', map: { x: null } }, C: { column: 'C', default: 'Otro' } }), [
      { path: 'fields."A".map', message: 'is empty; list the values to replace' },
      { path: 'fields."B".map."x"', message: 'must be text, a number or true/false, got null' },
      { path: 'fields."C".default', message: 'is only used with "map" (for values missing from it); an empty cell follows "empty"' },
    ]],
    ['options with no use on a constant', withFields({ A: { value: 'x', map: { a: 'b' }, empty: 'clear' } }), [
      { path: 'fields."A".map', message: 'has no use with a constant "value"' },
      { path: 'fields."A".empty', message: 'has no use with a constant "value"' },
    ]],
    ['bad field entries', withFields({ '': 'A', ' Email': 'Correo', N: 5, V: { value: null } }), [
      { path: 'fields.""', message: 'a field label cannot be empty' },
      { path: 'fields." Email"', message: 'the label has spaces at its start or end; CRM labels must match exactly' },
      { path: 'fields."N"', message: 'must be a column name or an object with "column", "value" or "template", got 5 (number)' },
      { path: 'fields."V".value', message: 'must be text, a number or true/false, got null' },
    ]],
    ['id options that make no sense', { id: { column: 'ID', value: 'x', empty: 'skip', format: 'YYYY', type: 'number', tirm: true }, fields: { A: 'B' } }, [
      { path: 'id.value', message: 'a constant id would update the same record on every row; use "column" or "template"' },
      { path: 'id.empty', message: 'the id can never be empty: rows without one are reported as invalid' },
      { path: 'id.format', message: 'is not used by the id, which is always text' },
      { path: 'id.tirm', message: 'unknown key; did you mean "trim"?' },
      { path: 'id.type', message: 'the id is always text: remove "type" or set it to "string", got "number" (string)' },
    ]],
    // Issue 19: "write" names its field and what to write.
    ['a bad "write"', withFields({ A: { column: 'A', write: 'ifempty' }, B: { column: 'B', write: true }, C: { column: 'C', write: 'if-empty', empty: 'clear' } }), [
      { path: 'fields."A".write', message: 'must be "always" or "if-empty", got "ifempty" (string); did you mean "if-empty"?' },
      { path: 'fields."B".write', message: 'must be "always" or "if-empty", got true (boolean)' },
      { path: 'fields."C".write', message: '"if-empty" only fills a CRM field that is empty, so "empty": "clear" would clear nothing; write "empty": "skip", or "write": "always" to clear the CRM\'s value' },
    ]],
    ['"write" on the id', { id: { column: 'ID', write: 'if-empty' }, fields: { A: 'B' } }, [
      { path: 'id.write', message: 'the id names the record, it is never written; set "write" on the fields' },
    ]],
    ['bad attachments', { id: 'ID', fields: { A: 'B' }, attachments: { colum: 'X', maxBytes: -1, separator: '' } }, [
      { path: 'attachments.colum', message: 'unknown key; did you mean "column"?' },
      { path: 'attachments', message: 'needs "column": the column listing the file names to attach' },
      { path: 'attachments.separator', message: 'must be the text between file names, such as "|", got an empty string' },
      { path: 'attachments.maxBytes', message: 'must be a whole number from 1 up (the largest file size in bytes), got -1 (number)' },
    ]],
  ])('%s', (_, value, expected) => {
    expect(problemsOf(value)).toEqual(expected);
  });

  it('puts every problem in one MAPPING_INVALID error: title, one line each, what to do', async () => {
    const value = { id: 'ID', fields: { Email: { colum: 'Correo', case: 'Lower' } }, headerRow: 0 };
    await expectError(() => checkMapping(value, 'm.json'), {
      code: 'MAPPING_INVALID',
      message: new RegExp(
        [
          '^Invalid mapping: m\\.json has 4 problems:',
          '  headerRow: must be a whole number from 1 up \\(the row holding the column names\\), got 0 \\(number\\)',
          '  fields\\."Email"\\.colum: unknown key; did you mean "column"\\?',
          '  fields\\."Email": needs one source: "column", "value" or "template"',
          '  fields\\."Email"\\.case: must be "lower" or "upper", got "Lower" \\(string\\); did you mean "lower"\\?',
          'Fix the mapping, then run wolkvox-bulk validate again\\.$',
        ].join('\\n'),
      ),
    });
  });
});
