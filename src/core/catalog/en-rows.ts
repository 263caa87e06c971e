import { count } from '../text.js';
import { wordNested } from './en.js';

// English for what is wrong with one row of the input: a value its field cannot take (value.*) and where in
// the row it is (row.*). The words travel as text too (plan.ndjson, results.csv's _wvx_error, failed.csv),
// so this English is what the files hold; the catalog defines the codes (src/core/say.ts).

/** A message inside another one (a value's problem inside its field), worded by the same catalog. */
export interface Nested {
  readonly code: string;
  readonly params?: unknown;
}

/** A workbook cell that is not text, as "… is a date, not a number" names it: its kind and how it reads. */
export interface CellKind {
  readonly kind: 'yes-no' | 'number' | 'date' | 'text';
  readonly text: string;
}

/** Where a field's or the id's value is read from, as a person finds it. */
export type ValueSource =
  | { readonly kind: 'column'; readonly column: string }
  | { readonly kind: 'template'; readonly template: string; readonly columns: readonly string[] }
  | { readonly kind: 'value' };

/** What a worksheet cell holds that cannot be read: a formula never calculated, or a number that is not one. */
export type CellProblem = { readonly kind: 'formula' } | { readonly kind: 'number'; readonly raw: string };

/** A worksheet cell that cannot be read, where it is: `C5`, in the column named `Saldo`. */
export interface BadCell {
  readonly cell: string;
  readonly column: string;
  readonly problem: CellProblem;
}

/** What is wrong with one file named in a row's attachments cell. */
export type AttachmentProblem =
  | { readonly kind: 'absolute' | 'outside' | 'not-found' | 'link-outside'; readonly folder: string }
  | { readonly kind: 'unopenable' | 'unreadable'; readonly reason: string }
  | { readonly kind: 'not-file' }
  | { readonly kind: 'too-big'; readonly bytes: number; readonly max: number };

const KINDS: Readonly<Record<CellKind['kind'], (text: string) => string>> = {
  'yes-no': (text) => `${text} is a yes/no value`,
  number: (text) => `${text} is a number`,
  date: (text) => `${text} is a date`,
  text: (text) => `'${text}' is text`,
};
const kind = (cell: CellKind) => KINDS[cell.kind](cell.text);

const quoteAll = (columns: readonly string[]) => columns.map((column) => `'${column}'`).join(', ');

const source = (from: ValueSource) =>
  from.kind === 'column' ? `the cell in column '${from.column}'` : from.kind === 'template' ? `the template ${from.template}` : 'the value';

const attachment = (name: string, problem: AttachmentProblem): string => {
  switch (problem.kind) {
    case 'absolute':
      return `'${name}' is an absolute path; write it relative to the attachments folder ${problem.folder}`;
    case 'outside':
      return `'${name}' points outside the attachments folder ${problem.folder}; it was not read`;
    case 'not-found':
      return `'${name}' was not found in ${problem.folder}`;
    case 'link-outside':
      return `'${name}' is a link to a file outside the attachments folder ${problem.folder}; it was not read`;
    case 'unopenable':
      return `'${name}' cannot be opened (${problem.reason})`;
    case 'unreadable':
      return `'${name}' cannot be read (${problem.reason})`;
    case 'not-file':
      return `'${name}' is not a file`;
    case 'too-big':
      return `'${name}' is ${problem.bytes} bytes, over the limit of ${problem.max} bytes; raise "maxBytes" to send it`;
  }
};


export const enRows = {
  // A value its field's type refuses
  'value.wrong-kind': (p: { cell: CellKind; want: 'number' | 'yes-no' | 'phone'; accepted?: string }) =>
    `${kind(p.cell)}, ${p.want === 'number' ? 'not a number' : p.want === 'phone' ? 'not a phone number' : `not a yes/no value (accepted: ${p.accepted ?? ''})`}`,
  'value.not-date-cell': (p: { cell: CellKind; example: string }) =>
    `${kind(p.cell)}, not a date: format the column as a date in Excel, or write the dates as text such as ${p.example}`,
  'value.time-without-date': (p: { text: string; type: string }) =>
    `'${p.text}' is a time of day with no date; a ${p.type} field needs the date too: in Excel, format the cell with a date and a time (such as yyyy-mm-dd hh:mm), or write both as text (YYYY-MM-DD HH:mm:ss)`,
  'value.not-table': (p: { shown: string; invalidJson: boolean }) =>
    `'${p.shown}' is not a JSON list of rows such as [{"Producto": "Camisa", "Cantidad": 2}]${p.invalidJson ? ' (it is not valid JSON)' : ''}`,
  'value.not-phone': (p: { text: string; plus: boolean }) =>
    `'${p.text}' is not a phone number: only digits, spaces, dashes, dots and brackets are accepted${p.plus ? '; write the country code in "code" instead' : ''}`,
  'value.not-whole': (p: { text: string }) => `'${p.text}' is not a whole number`,
  'value.not-json': (p: { shown: string }) => `'${p.shown}' is not a JSON value (text goes in double quotes: "VIP")`,
  'value.number-symbols': (p: { text: string }) => `'${p.text}' is not a number: remove currency signs, letters and % from the cells`,
  'value.number-ambiguous': (p: { text: string }) => `'${p.text}' is ambiguous: set "decimal": "," or "." for this field (the decimal mark used in the file)`,
  'value.not-number': (p: { text: string }) => `'${p.text}' is not a number`,
  'value.number-decimal': (p: { text: string; decimal: ',' | '.' }) =>
    `'${p.text}' is not a number with decimal mark "${p.decimal}" (such as ${p.decimal === ',' ? '1.500.000,50' : '1,500,000.50'})`,
  'value.number-digits': (p: { text: string }) => `'${p.text}' has more digits than a number field keeps exactly (15); use "type": "string"`,
  'value.not-yes-no': (p: { text: string; accepted: string }) => `'${p.text}' is not a yes/no value (accepted: ${p.accepted})`,
  'value.not-iso-date': (p: { text: string }) => `'${p.text}' is not a date in YYYY-MM-DD form; set "inputFormat" (for example "DD/MM/YYYY") to read other forms`,
  'value.date-mismatch': (p: { text: string; format: string }) => `'${p.text}' does not match the input format ${p.format}`,
  'value.not-real-date': (p: { text: string; format: string }) => `'${p.text}' is not a real date (${p.format})`,
  'value.not-real-time': (p: { text: string; format: string }) => `'${p.text}' is not a real time of day (${p.format})`,
  'value.not-in-map': (p: { text: string; keys: readonly string[]; more: boolean }) =>
    `'${p.text}' is not in the map (${p.keys.join(', ')}${p.more ? ', …' : ''}); add it to "map" or set "default"`,
  'value.id-space': (p: { text: string }) => `'${p.text}' contains a space; a wolkvox id has none`,
  'value.id-slash': (p: { text: string }) => `'${p.text}' contains "/"; use only the id, the last part of the record's address in the CRM`,

  // Where in the row: the field (when it is not its column's own name), the id's template, the attachments
  'row.in-field': (p: { field: string; problem: Nested }) => `${p.field}: ${wordNested(p.problem)}`,
  'row.in-id': (p: { problem: Nested }) => `id: ${wordNested(p.problem)}`,
  'row.in-attachments': (p: { problem: Nested }) => `attachments: ${wordNested(p.problem)}`,
  'row.attachment': (p: { name: string; problem: AttachmentProblem }) => attachment(p.name, p.problem),
  'row.cells': (p: { cells: readonly BadCell[] }) =>
    p.cells
      .map(({ cell, column, problem }) =>
        `cell ${cell} (${column}): ${problem.kind === 'formula' ? 'formula without a saved result; open the file in Excel or LibreOffice and save it again' : `unreadable number '${problem.raw}'`}`,
      )
      .join('; '),
  'row.fields-missing': (p: { fields: number; header: number }) =>
    `${count(p.fields)} ${p.fields === 1 ? 'field' : 'fields'} where the header has ${p.header}: a value or a delimiter is missing`,
  'row.fields-extra': (p: { fields: number; header: number }) =>
    `${count(p.fields)} ${p.fields === 1 ? 'field' : 'fields'} where the header has ${p.header}: a value probably contains the delimiter without quotes`,
  'row.nul': (p: { at: number }) => `the cell holds a NUL character (code 0) at character ${p.at}: it is not text, and no CRM field should get it; remove it in the file`,
  'row.too-long': (p: { chars: number; max: number }) =>
    `the cell has ${count(p.chars)} characters, more than a spreadsheet cell holds (${count(p.max)}); most likely a paste gone wrong or a stray quote that joined lines: shorten it in the file`,
  'row.id-empty': (p: { source: ValueSource; errors: readonly string[] }) =>
    `${source(p.source)} is empty${p.errors.length > 0 ? ` (it holds the error ${p.errors.join(', ')})` : ''}; every row needs the wolkvox id of the record to update`,
  'row.id-incomplete': (p: { columns: readonly string[]; source: ValueSource }) => `column ${quoteAll(p.columns)} of ${source(p.source)} is empty, so the id would be incomplete`,
  'row.id-empty-after-map': (p: { source: ValueSource }) => `${source(p.source)} is empty after "map"`,
  'row.field-empty': (p: { source: ValueSource; errors: readonly string[] }) =>
    `${source(p.source)} is empty${p.source.kind === 'template' ? ` (columns ${quoteAll(p.source.columns)})` : ''}${p.errors.length > 0 ? `; it holds the error ${p.errors.join(', ')}, fix it in the file` : ''}; fill it, or set "empty": "skip" or "clear" for this field`,
  'row.label-empty-with-id': (p: { source: ValueSource; idColumn: string }) => `${source(p.source)} is empty but column '${p.idColumn}' has a linked record's id; fill the label`,
  'row.linked-id-empty': (p: { column: string }) => `the linked record's id in column '${p.column}' is empty; fill it, or remove "idColumn"`,
  'row.linked-id-bad': (p: { column: string; problem: Nested }) => `the linked record's id in column '${p.column}': ${wordNested(p.problem)}`,
  'row.lookup-name-blank': (p: { name: string; module: string }) => `the name '${p.name}' has no letter or digit to find a record of ${p.module} by`,
  'row.key-error': (p: { error: string; field: string }) => `the key is the error ${p.error}; every row needs the ${p.field} of the record to update`,
  'row.key-empty': (p: { field: string }) => `the key is empty; every row needs the ${p.field} of the record to update`,
  'row.key-no-letter': (p: { key: string; field: string }) => `the key '${p.key}' has no letter or digit; a ${p.field} compared as "document" needs some`,
} satisfies Record<string, (params: never) => string>;
