import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWolkvoxBulkError } from '../../src/core/errors.js';
import type { CellValue, MapResult } from '../../src/core/types.js';
import { compileMapping } from '../../src/mapping/compile.js';
import { draftMapping } from '../../src/mapping/draft.js';
import { checkMapping } from '../../src/mapping/load.js';
import { normalizeKey } from '../../src/mapping/match-key.js';
import type { MappingProblem } from '../../src/mapping/problems.js';
import { validateFile } from '../../src/run/validate.js';
import { expectError, tempDir } from '../helpers.js';

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

const byDocument = { match: { column: 'Documento', field: 'documento', compare: 'document' }, fields: { Nombre: 'Nombre' } };

function mapWith(mapping: object, values: Record<string, CellValue>): MapResult {
  const dir = tempDir();
  const loaded = { mapping: checkMapping(mapping, 'm.json'), file: path.join(dir, 'm.json'), dir };
  return compileMapping(loaded, { file: 'clientes.csv', headers: ['Documento', 'Correo', 'Nombre'] }).mapRow({ rowNumber: 4, values });
}

describe('mapping "match": a row finds its record by a key of its own (issue 19)', () => {
  it.each([
    ['a column and a field', { match: { column: 'Documento', field: 'documento' }, fields: { A: 'B' } }],
    ['each comparison', { match: { column: 'Correo', field: 'email', compare: 'ignore-case' }, fields: { A: 'B' } }],
    ['document numbers', byDocument],
  ])('accepts %s', (_, value) => {
    expect(checkMapping(value, 'm.json')).toBe(value);
  });

  it.each<[string, unknown, English[]]>([
    ['both "id" and "match"', { id: 'ID', match: { column: 'Documento', field: 'documento' }, fields: { A: 'B' } }, [
      { path: 'match', message: 'cannot be used with "id": a row finds its record by its wolkvox id ("id") or by a key of its own ("match"); remove one' },
    ]],
    ['neither', { fields: { A: 'B' } }, [
      { path: 'id', message: 'is missing: set it to the column holding the wolkvox id of each record, or find each record by a key of its own with "match", such as { "column": "Documento", "field": "documento" }' },
    ]],
    ['a match that is no object', { match: 'Documento', fields: { A: 'B' } }, [
      { path: 'match', message: 'must be an object such as { "column": "Documento", "field": "documento" }, got "Documento" (string)' },
    ]],
    ['a match without its parts, an unknown key and a comparison it does not know', { match: { colum: 'Documento', compare: 'digits' }, fields: { A: 'B' } }, [
      { path: 'match.colum', message: 'unknown key; did you mean "column"?' },
      { path: 'match', message: 'needs "column": the input column holding each row\'s key, such as "Documento"' },
      { path: 'match', message: 'needs "field": the CRM field holding the same key, such as "documento"' },
      { path: 'match.compare', message: 'must be "exact", "ignore-case" or "document", got "digits" (string)' },
    ]],
  ])('reports %s', (_, value, expected) => {
    expect(problemsOf(value)).toEqual(expected);
  });

  it('names the mapping file and the key in its error', async () => {
    await expectError(() => checkMapping({ id: 'ID', match: { column: 'D', field: 'd' }, fields: { A: 'B' } }, 'clientes.mapping.json'), {
      code: 'MAPPING_INVALID',
      message: /^Invalid mapping: clientes\.mapping\.json has 1 problem:\n {2}match: cannot be used with "id"/,
    });
  });

  it.each([
    ['exact', ' Ana@Example.com ', 'Ana@Example.com'],
    ['ignore-case', ' Ana@Example.COM', 'ana@example.com'],
    ['document', '1.234.567', '1234567'],
    ['document', '1 234 567', '1234567'],
    ['document', '1-234-567', '1234567'],
    ['document', '900.123.456-7', '9001234567'],
    ['document', 'ab 12.345', 'ab12345'],
    ['document', '1,234,567', '1234567'],
  ] as const)('normalises a key compared %s: %j is %j', (compare, text, key) => {
    expect(normalizeKey(text, compare)).toBe(key);
  });

  it('maps a row to its normalised key in place of the id, a number cell read as its text', () => {
    expect(mapWith(byDocument, { Documento: '1.234.567', Nombre: 'Ana' })).toEqual({ kind: 'mapped', row: { rowNumber: 4, id: '1234567', fields: { Nombre: 'Ana' }, attachments: [] } });
    expect(mapWith(byDocument, { Documento: 1234567, Nombre: 'Ana' })).toMatchObject({ kind: 'mapped', row: { id: '1234567' } });
    const email = { match: { column: 'Correo', field: 'email', compare: 'ignore-case' }, fields: { Nombre: 'Nombre' } };
    expect(mapWith(email, { Correo: 'Ana@Example.COM', Nombre: 'Ana' })).toMatchObject({ kind: 'mapped', row: { id: 'ana@example.com' } });
  });

  it.each<[string, Record<string, CellValue>, string]>([
    ['an empty key cell', { Nombre: 'Ana' }, 'the key is empty; every row needs the documento of the record to update'],
    ['a key of spaces', { Documento: '   ', Nombre: 'Ana' }, 'the key is empty; every row needs the documento of the record to update'],
    ['an error cell', { Documento: { kind: 'error', error: '#N/A' }, Nombre: 'Ana' }, 'the key is the error #N/A; every row needs the documento of the record to update'],
    ['separators only', { Documento: '-.-', Nombre: 'Ana' }, 'the key \'-.-\' has no letter or digit; a documento compared as "document" needs some'],
  ])('makes a row invalid for %s, naming its row and column', (_, values, message) => {
    expect(mapWith(byDocument, values)).toMatchObject({ kind: 'invalid', problems: [{ rowNumber: 4, column: 'Documento', message }] });
  });

  it('checks the key column against the file like any column', () => {
    const dir = tempDir();
    const loaded = { mapping: checkMapping({ match: { column: 'Cedula', field: 'documento' }, fields: { Nombre: 'Nombre' } }, 'm.json'), file: path.join(dir, 'm.json'), dir };
    expect(() => compileMapping(loaded, { file: 'clientes.csv', headers: ['Cédula', 'Nombre'] })).toThrow(/match\.column: column "Cedula" is not in clientes\.csv; did you mean "Cédula"\?/);
  });
});

describe('validate with "match" (issue 19)', () => {
  it('counts invalid keys, and keys repeated once normalised as duplicates, with their lines', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'clientes.csv');
    fs.writeFileSync(file, 'Documento,Nombre\n1.234.567,Ana\n,Beto\n1234567,Ana B\n89 012,Carla\n');
    const mapping = path.join(dir, 'm.json');
    fs.writeFileSync(mapping, JSON.stringify(byDocument));
    const report = await validateFile({ file, mapping });
    expect(report).toMatchObject({ rows: 4, valid: 3, invalid: 1, match: { column: 'Documento', field: 'documento', compare: 'document' } });
    expect(report.problems).toMatchObject([{ rowNumber: 3, column: 'Documento', message: 'the key is empty; every row needs the documento of the record to update' }]);
    expect(report.duplicates).toEqual([{ id: '1234567', rows: [2, 4] }]);
    expect(report.preview.map((row) => row.id)).toEqual(['1234567', '1234567', '89012']);
  });
});

describe('draftMapping proposes "match" when no column holds ids (issue 19)', () => {
  const format = { kind: 'csv', delimiter: ',', encoding: 'utf-8', bom: false, lineEnding: '\n' } as const;
  it.each([
    [['Nombre', 'Documento', 'Ciudad'], { column: 'Documento', field: 'Documento', compare: 'document' }],
    [['Nombre', 'Cédula'], { column: 'Cédula', field: 'Cédula', compare: 'document' }],
    [['NIT', 'Razón social'], { column: 'NIT', field: 'NIT', compare: 'document' }],
    [['Nombre', 'Correo electrónico'], { column: 'Correo electrónico', field: 'Correo electrónico', compare: 'ignore-case' }],
    [['Email', 'Nombre'], { column: 'Email', field: 'Email', compare: 'ignore-case' }],
    [['Nombre', 'Teléfono'], { column: 'Teléfono', field: 'Teléfono', compare: 'document' }],
  ])('%j: %j', (headers, match) => {
    const { mapping, idGuessed, matchGuessed } = draftMapping({ headers, headerRow: 1, format });
    expect(mapping.match).toEqual(match);
    expect(mapping).not.toHaveProperty('id');
    expect(idGuessed).toBe(false);
    expect(matchGuessed).toBe(true);
    expect(Object.keys(mapping.fields)).toEqual(headers.filter((header) => header !== match.column));
    expect(checkMapping(mapping, 'm.json')).toBe(mapping);
  });

  it('keeps the id column when there is one, documents or not', () => {
    const { mapping } = draftMapping({ headers: ['wolkvox_id', 'Documento'], headerRow: 1, format });
    expect(mapping).toMatchObject({ id: 'wolkvox_id', fields: { Documento: 'Documento' } });
    expect(mapping).not.toHaveProperty('match');
  });
});
