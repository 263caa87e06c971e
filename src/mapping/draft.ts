import { columnLetter, type HeaderGroup } from '../input/headers.js';
import type { CsvFormat, XlsxFormat } from '../input/source.js';
import type { CellValue, SourceRow } from '../core/types.js';
import type { InputSource } from '../input/source.js';
import { inferType } from './infer-type.js';
import { SCHEMA_URL } from './keys.js';
import type { FieldSpec, Mapping, MatchSpec } from './types.js';

/** The rows a draft's types are inferred from: enough to see a column's habits, few enough to read at once. */
export const DRAFT_SAMPLE_ROWS = 200;

/** A row's cells by column name, as the draft reads them. */
export type SampleValues = Readonly<Record<string, CellValue>>;

// Header names that hold the record id, best first, compared without case, accents or punctuation.
const ID_NAMES = ['wolkvoxid', 'wolkvoxrecordid', 'idwolkvox', 'recordid', 'idregistro', 'registroid', 'id'];

const squash = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** The header most likely to hold the wolkvox-id, or undefined. */
export function guessIdColumn(headers: readonly string[]): string | undefined {
  for (const name of ID_NAMES) {
    const found = headers.find((header) => squash(header) === name);
    if (found !== undefined) return found;
  }
  return undefined;
}

// Header names that hold a key of the customer's own, best first, with how each compares: document
// numbers (cédula, NIT, teléfono) with or without separators, emails in any case.
const KEY_NAMES: readonly (readonly [string, MatchSpec['compare']])[] = [
  ['documento', 'document'], ['numerodocumento', 'document'], ['nodocumento', 'document'], ['documentoidentidad', 'document'],
  ['cedula', 'document'], ['cc', 'document'], ['nit', 'document'], ['dni', 'document'], ['rut', 'document'],
  ['email', 'ignore-case'], ['correo', 'ignore-case'], ['correoelectronico', 'ignore-case'], ['mail', 'ignore-case'], ['emailaddress', 'ignore-case'],
  ['telefono', 'document'], ['celular', 'document'], ['movil', 'document'], ['phone', 'document'],
];

/** The header most likely to hold a key to find records by, with its comparison, or undefined. */
export function guessMatchColumn(headers: readonly string[]): MatchSpec | undefined {
  for (const [name, compare] of KEY_NAMES) {
    const found = headers.find((header) => squash(header) === name);
    if (found !== undefined) return { column: found, field: found, compare };
  }
  return undefined;
}

/** The headers that are the file's own names: columns known by their letter (no name, or a repeated one) left out. */
export function namedHeaders(input: { headers: readonly string[]; lettered?: readonly HeaderGroup[] }): string[] {
  const letters = new Set((input.lettered ?? []).flatMap(({ columns, leftOut = [] }) => columns.filter((index) => !leftOut.includes(index)).map(columnLetter)));
  return input.headers.filter((header) => !letters.has(header));
}

// A column sent as text stays the short form; another type is written with the options its values need.
function typedField(column: string, samples: readonly SampleValues[]): FieldSpec {
  const inferred = inferType(samples.map((values) => values[column]));
  return inferred.type === 'string' ? column : { column, ...inferred };
}

/** The first rows, for a draft's types (their `values`); the source's rows are closed past them. */
export async function readSamples(source: Pick<InputSource, 'rows'>, limit = DRAFT_SAMPLE_ROWS): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  if (limit <= 0) return rows;
  for await (const row of source.rows) {
    rows.push(row);
    if (rows.length >= limit) break;
  }
  return rows;
}

/**
 * A first mapping for a file: the id column guessed, every other named column sent to a CRM field of the
 * same name, read as its sampled values say (a number with its decimal mark, a date with its layout, yes/no,
 * else text), and the reader settings that were detected written out so the user sees them. Without an
 * id column, a column such as Documento, NIT or Correo becomes a `match` (the CRM field of the same name,
 * compared as such a key is). A column known only by its letter (a spacer, a repeated name) is no field
 * of the draft: nothing says what it holds.
 */
export function draftMapping(input: {
  headers: readonly string[];
  lettered?: readonly HeaderGroup[];
  headerRow: number;
  format: CsvFormat | XlsxFormat;
  /** The first rows' cells: each field's type is inferred from all of its column's values in them. */
  samples?: readonly SampleValues[];
}): { mapping: Mapping; idGuessed: boolean; matchGuessed: boolean } {
  const headers = namedHeaders(input);
  const guessed = guessIdColumn(headers);
  const match = guessed === undefined ? guessMatchColumn(headers) : undefined;
  const id = guessed ?? match?.column ?? headers[0] ?? 'wolkvox-id';
  const samples = input.samples ?? [];
  const fields = Object.fromEntries(headers.filter((header) => header !== id).map((header) => [header, typedField(header, samples)]));
  const reader =
    input.format.kind === 'xlsx'
      ? { sheet: input.format.sheet, ...(input.headerRow === 1 ? {} : { headerRow: input.headerRow }) }
      : { delimiter: input.format.delimiter, encoding: input.format.encoding, ...(input.headerRow === 1 ? {} : { headerRow: input.headerRow }) };
  const mapping = { $schema: SCHEMA_URL, ...reader, ...(match ? { match } : { id }), empty: 'skip', fields } as Mapping;
  return { mapping, idGuessed: guessed !== undefined, matchGuessed: match !== undefined };
}
