import { countedIn } from '../text.js';

// English for what the library says about a mapping's fields beyond its shape: the types a draft read
// from the file's values, and the CRM's own field names, read from one record of the module.

/** A field whose type a draft inferred from its column's values, with the option that reading needs. */
export interface InferredField {
  readonly field: string;
  readonly type: string;
  readonly decimal?: string;
  readonly inputFormat?: string;
}

const TYPE_WORDS: Readonly<Record<string, string>> = { number: 'number', boolean: 'yes/no', date: 'date', datetime: 'date and time' };

const inferred = (p: InferredField) =>
  `${p.field} ${TYPE_WORDS[p.type] ?? p.type}${p.decimal ? ` (decimal mark "${p.decimal}")` : p.type === 'number' ? ' (decimal mark not settled by the values: set "decimal")' : ''}${p.inputFormat ? ` (${p.inputFormat})` : ''}`;

export const enFields = {
  'init.types': (p: { fields: readonly InferredField[]; rows: number }) =>
    p.fields.length === 0
      ? `  types: every field is text (nothing in the first ${countedIn('en', p.rows, 'row')} reads as a number, a date or yes/no)`
      : `  types, read from the first ${countedIn('en', p.rows, 'row')}: ${p.fields.map(inferred).join(', ')}; the rest text`,
  'fields.read': (p: { module: string; count: number; calls: number }) =>
    `Read one record of ${p.module} (${countedIn('en', p.calls, 'API request')}): ${countedIn('en', p.count, 'field name')}.`,
  'fields.module-empty': (p: { module: string; calls: number }) =>
    `${p.module} has no record yet (${countedIn('en', p.calls, 'API request')}), so its field names cannot be read from one: the mapping's field names are not checked against the CRM.`,
  'fields.missing': (p: { option: 'operation' | 'module' }) =>
    `Missing ${p.option}: the field names are read from a record of the module, with the token of its operation. Write the ${p.option} first.`,
  'fields.read-refused': (p: { module: string; reason: string }) => `Could not read a record of ${p.module}: ${p.reason}. Nothing was changed.`,
  'fields.unknown': (p: { field: string; module: string; meant?: string }) =>
    `'${p.field}' is not a field of the records of ${p.module}${p.meant === undefined ? '.' : `; did you mean '${p.meant}'?`} A field the CRM does not have would not be updated.`,
} satisfies Record<string, (params: never) => string>;
