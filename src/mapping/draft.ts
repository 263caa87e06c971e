import { columnLetter, type HeaderGroup } from '../input/headers.js';
import type { CsvFormat, XlsxFormat } from '../input/source.js';
import { SCHEMA_URL } from './keys.js';
import type { Mapping } from './types.js';

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

/** The headers that are the file's own names: columns known by their letter (no name, or a repeated one) left out. */
export function namedHeaders(input: { headers: readonly string[]; lettered?: readonly HeaderGroup[] }): string[] {
  const letters = new Set((input.lettered ?? []).flatMap(({ columns, leftOut = [] }) => columns.filter((index) => !leftOut.includes(index)).map(columnLetter)));
  return input.headers.filter((header) => !letters.has(header));
}

/**
 * A first mapping for a file: the id column guessed, every other named column sent to a CRM field of the
 * same name, and the reader settings that were detected written out so the user sees them. A column known
 * only by its letter (a spacer, a repeated name) is no field of the draft: nothing says what it holds.
 */
export function draftMapping(input: { headers: readonly string[]; lettered?: readonly HeaderGroup[]; headerRow: number; format: CsvFormat | XlsxFormat }): { mapping: Mapping; idGuessed: boolean } {
  const headers = namedHeaders(input);
  const guessed = guessIdColumn(headers);
  const id = guessed ?? headers[0] ?? 'wolkvox-id';
  const fields = Object.fromEntries(headers.filter((header) => header !== id).map((header) => [header, header]));
  const reader =
    input.format.kind === 'xlsx'
      ? { sheet: input.format.sheet, ...(input.headerRow === 1 ? {} : { headerRow: input.headerRow }) }
      : { delimiter: input.format.delimiter, encoding: input.format.encoding, ...(input.headerRow === 1 ? {} : { headerRow: input.headerRow }) };
  const mapping = { $schema: SCHEMA_URL, ...reader, id, empty: 'skip', fields } as Mapping;
  return { mapping, idGuessed: guessed !== undefined };
}
