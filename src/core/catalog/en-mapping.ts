import type { Nested } from './en-rows.js';
import { wordNested } from './en.js';

// English for what is wrong inside a mapping file: each problem is said at its JSON path (`fields."Email".case`),
// since the fix is made in the file; the catalog defines the codes (src/core/say.ts).

/** A value as "got …" names it: its JSON type, or the value and its type. */
export type Got =
  | { readonly kind: 'null' | 'list' | 'object' | 'empty-string' }
  | { readonly kind: 'value'; readonly json: string; readonly type: string };

/** What a text setting should hold. */
export type TextWhat = 'text' | 'column' | 'template' | 'crm-field' | 'module' | 'id-column' | 'folder' | 'separator' | 'schema' | 'operation' | 'crm-module' | 'sheet';

/** What a whole-number setting counts. */
export type WholeWhat = 'max-bytes' | 'sheet-position' | 'header-row';

/** A part of the mapping that must be an object (the example says what goes in it). */
export type ObjectWhat = 'mapping' | 'attachments' | 'match' | 'lookup' | 'map' | 'fields' | 'field' | 'id';

/** A setting a part of the mapping needs. */
export type Needed = 'attachments.column' | 'match.column' | 'match.field' | 'lookup.module' | 'lookup.field' | 'search.module' | 'currency.symbol';

/** One problem of the mapping at its path, inside the whole list. */
export interface PlacedProblem {
  readonly path: string;
  readonly problem: Nested;
}

const got = (value: Got) =>
  value.kind === 'value' ? `${value.json} (${value.type})` : { null: 'null', list: 'a list', object: 'an object', 'empty-string': 'an empty string' }[value.kind];

const TEXT: Readonly<Record<TextWhat, string>> = {
  text: 'text',
  column: 'a column name',
  template: 'a template such as "{Nombre} {Apellido}"',
  'crm-field': 'a CRM field label',
  module: 'a module name',
  'id-column': 'the name of the column holding the wolkvox id',
  folder: 'a folder',
  separator: 'the text between file names, such as "|"',
  schema: 'the schema URL',
  operation: 'the wolkvox operation name',
  'crm-module': 'a CRM module name such as "contacts"',
  sheet: 'a worksheet name or position',
};

const WHOLE: Readonly<Record<WholeWhat, string>> = {
  'max-bytes': 'the largest file size in bytes',
  'sheet-position': 'the position of the worksheet, or use its name',
  'header-row': 'the row holding the column names',
};

const OBJECT: Readonly<Record<ObjectWhat, string>> = {
  mapping: 'a mapping must be a JSON object such as { "id": "Cédula", "fields": { … } }',
  attachments: 'must be an object such as { "column": "Adjuntos" }',
  match: 'must be an object such as { "column": "Documento", "field": "documento" }',
  lookup: 'must be an object such as { "module": "empresas", "field": "nombre" }',
  map: 'must be an object such as { "A": "Activo" }',
  fields: 'must be an object of CRM field label → column',
  field: 'must be a column name or an object with "column", "value" or "template"',
  id: 'must be a column name or an object with "column" or "template"',
};

const NEEDED: Readonly<Record<Needed, string>> = {
  'attachments.column': 'needs "column": the column listing the file names to attach',
  'match.column': 'needs "column": the input column holding each row\'s key, such as "Documento"',
  'match.field': 'needs "field": the CRM field holding the same key, such as "documento"',
  'lookup.module': 'needs "module": the module of the linked record, such as "empresas"',
  'lookup.field': 'needs "field": the field of that module holding the name, such as "nombre"',
  'search.module': 'a search field needs "searchModule" (the module of the linked record, such as "contacts"), or "lookup" to find the linked record by name',
  'currency.symbol': 'a currency field needs "symbol" (such as "COP")',
};

const ID_KEYS = {
  value: 'a constant id would update the same record on every row; use "column" or "template"',
  empty: 'the id can never be empty: rows without one are reported as invalid',
  write: 'the id names the record, it is never written; set "write" on the fields',
  other: 'is not used by the id, which is always text',
} as const;

/** `"a", "b" or "c"`, as the checker lists choices ("and" for sources kept together). */
const listChoices = (choices: readonly string[], or = 'or') => {
  const quoted = choices.map((choice) => JSON.stringify(choice));
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} ${or} ${quoted.at(-1)}`;
};

const meant = (word?: string) => (word === undefined ? '' : `; did you mean ${JSON.stringify(word)}?`);


export const enMapping = {
  // The shape of a setting
  'mapping.unknown-key': (p: { meant?: string }) => `unknown key${meant(p.meant)}`,
  'mapping.field-outside': () => 'unknown key; CRM fields go inside "fields"',
  'mapping.must-be-text': (p: { what: TextWhat; got: Got }) => `must be ${TEXT[p.what]}, got ${got(p.got)}`,
  'mapping.must-be-boolean': (p: { got: Got }) => `must be true or false, got ${got(p.got)}`,
  'mapping.must-be-choice': (p: { choices: readonly string[]; got: Got; meant?: string }) => `must be ${listChoices(p.choices)}, got ${got(p.got)}${meant(p.meant)}`,
  'mapping.must-be-whole': (p: { min: number; what: WholeWhat; got: Got }) => `must be a whole number from ${p.min} up (${WHOLE[p.what]}), got ${got(p.got)}`,
  'mapping.must-be-constant': (p: { got: Got }) => `must be text, a number or true/false, got ${got(p.got)}`,
  'mapping.must-be-object': (p: { what: ObjectWhat; got: Got }) => `${OBJECT[p.what]}, got ${got(p.got)}`,
  'mapping.needs': (p: { what: Needed }) => NEEDED[p.what],

  // What the mapping holds together
  'mapping.id-missing': () =>
    'is missing: set it to the column holding the wolkvox id of each record, or find each record by a key of its own with "match", such as { "column": "Documento", "field": "documento" }',
  'mapping.match-and-id': () => 'cannot be used with "id": a row finds its record by its wolkvox id ("id") or by a key of its own ("match"); remove one',
  'mapping.fields-missing': () => 'is missing: list the CRM fields to update, such as { "Email": "Correo" }',
  'mapping.fields-empty': () => 'is empty: list at least one CRM field to update',
  'mapping.needs-source': (p: { choices: readonly string[] }) => `needs one source: ${listChoices(p.choices)}`,
  'mapping.two-sources': (p: { sources: readonly string[] }) => `has ${listChoices(p.sources, 'and')}; keep one source`,
  'mapping.map-empty': () => 'is empty; list the values to replace',
  'mapping.useless-with-value': () => 'has no use with a constant "value"',
  'mapping.default-without-map': () => 'is only used with "map" (for values missing from it); an empty cell follows "empty"',
  'mapping.unknown-type': (p: { got: Got; meant?: string; types: readonly string[] }) => `unknown type ${got(p.got)}${meant(p.meant)} (types: ${p.types.join(', ')})`,
  'mapping.option-not-for-type': (p: { types: readonly string[]; type: string }) => `is only used by ${listChoices(p.types).replaceAll('"', '')} fields, and this field's type is ${p.type}`,
  'mapping.lookup-and-id-column': () => 'cannot be used with "idColumn": the linked record\'s id comes from the column ("idColumn") or is found by name ("lookup"); remove one',
  'mapping.label-empty': () => 'a field label cannot be empty',
  'mapping.label-spaces': () => 'the label has spaces at its start or end; CRM labels must match exactly',
  'mapping.if-empty-clear': () =>
    '"if-empty" only fills a CRM field that is empty, so "empty": "clear" would clear nothing; write "empty": "skip", or "write": "always" to clear the CRM\'s value',
  'mapping.id-key': (p: { key: keyof typeof ID_KEYS }) => ID_KEYS[p.key],
  'mapping.id-type': (p: { got: Got }) => `the id is always text: remove "type" or set it to "string", got ${got(p.got)}`,
  'mapping.written-twice': () => 'is written twice; JSON keeps only the last one, so remove one',
  'mapping.constant-refused': (p: { problem: Nested }) => wordNested(p.problem),

  // A template
  'template.brace-unopened': (p: { at: number }) => `"}" at position ${p.at} has no "{" before it; write "}}" for a literal brace`,
  'template.brace-unclosed': (p: { at: number }) => `"{" at position ${p.at} is not closed by "}"; write "{{" for a literal brace`,
  'template.no-column': (p: { at: number }) => `"{}" at position ${p.at} names no column`,
  'template.no-placeholder': () => 'has no {Column} placeholder; for the same text on every row use "value"',

  // A date format
  'format.empty': () => 'is empty; write a format such as "DD/MM/YYYY"',
  'format.bracket-unclosed': (p: { at: number }) => `"[" at position ${p.at} is not closed by "]"`,
  'format.unknown-token': (p: { run: string; meant?: string; tokens: readonly string[] }) =>
    `unknown token "${p.run}"${meant(p.meant)} (tokens: ${p.tokens.join(' ')}; write other letters in [brackets])`,
  'format.twice': (p: { token: string }) => `"${p.token}" appears twice`,
  'format.minutes-no-hour': () => '"mm" is minutes and needs an hour (HH); the month is "MM"',
  'format.missing': (p: { missing: readonly string[] }) => `needs the year, month and day (missing ${p.missing.join(', ')})`,
  'format.hour-no-minutes': () => 'an hour needs minutes: write "HH:mm"',
  'format.seconds-no-minutes': () => '"ss" is seconds and needs "HH:mm" before it',
  'format.date-with-time': () => 'a date field has no time of day: remove the time, or use "type": "datetime"',
  'format.datetime-no-time': () => 'a datetime format needs the time (HH:mm); for dates only use "type": "date"',
  'format.loose-token': (p: { token: string }) => `"${p.token}" must be followed by a separator such as "/", or written "${p.token}${p.token}"`,

  // The mapping against the input and the disk
  'mapping.column-missing': (p: { column: string; file: string; meant?: string }) => `column ${JSON.stringify(p.column)} is not in ${p.file}${meant(p.meant)}`,
  'mapping.columns-are': (p: { file: string; headers: readonly string[] }) => `The columns of ${p.file} are: ${p.headers.join(', ')}.`,
  'mapping.columns-after-fix': (p: { file: string; keys: readonly string[] }) =>
    `The columns are checked against ${p.file} once ${p.keys.map((key) => `"${key}"`).join(' and ')} ${p.keys.length > 1 ? 'are' : 'is'} fixed.`,
  'mapping.columns-unchecked': (p: { reason: string }) => `The columns could not be checked: ${p.reason}`,
  'mapping.base-dir-not-folder': (p: { folder: string }) => `${p.folder} is not a folder`,
  'mapping.base-dir-missing': (p: { folder: string }) => `the folder ${p.folder} does not exist; create it or fix "baseDir" (relative to the mapping file's folder)`,
  'mapping.invalid': (p: { file: string; problems: readonly PlacedProblem[]; extra: readonly Nested[] }) =>
    [
      `Invalid mapping: ${p.file} has ${p.problems.length === 1 ? '1 problem' : `${p.problems.length} problems`}:`,
      ...p.problems.map((problem) => `  ${problem.path === '' ? '' : `${problem.path}: `}${wordNested(problem.problem)}`),
      ...p.extra.map(wordNested),
      'Fix the mapping, then run wolkvox-bulk validate again.',
    ].join('\n'),
} satisfies Record<string, (params: never) => string>;
