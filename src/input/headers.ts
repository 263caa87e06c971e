import { WolkvoxBulkError } from '../core/errors.js';

/** Columns whose name starts with this are the tool's own report columns: ignored on input. */
export const REPORT_COLUMN_PREFIX = '_wvx_';

/** The header row, resolved: which column index carries which name. */
export interface HeaderLayout {
  /** Usable column names, in file order. */
  readonly names: readonly string[];
  /** By 0-based column index: the name, or undefined for an ignored column. */
  readonly byIndex: readonly (string | undefined)[];
  /** Header cells in the file, trailing empty ones excluded (the width a data row should have). */
  readonly width: number;
}

/** Spreadsheet column letters for a 0-based index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Column positions as letters, runs of neighbours as ranges, with the 1-based positions after them:
 * [0,1,2,4] → "A–C, E (1–3, 5)". Long lists stop after a few runs.
 */
export function columnList(indexes: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const index of indexes) {
    const last = runs.at(-1);
    if (last && index === last[1] + 1) last[1] = index;
    else runs.push([index, index]);
  }
  const shown = runs.slice(0, MAX_RUNS);
  const more = runs.length > shown.length ? `, and ${runs.length - shown.length} more` : '';
  const span = (name: (index: number) => string) => shown.map(([from, to]) => (from === to ? name(from) : `${name(from)}–${name(to)}`)).join(', ');
  return `${span(columnLetter)}${more} (${span((index) => String(index + 1))}${more ? ', …' : ''})`;
}

const MAX_RUNS = 8;
const MAX_NAMES = 10;

/**
 * Trims header names and checks them. Trailing empty header cells are dropped (spreadsheets leave
 * them); empty names between named columns, and names used more than once, are one error that groups
 * the columns of each name (`'Nota' names 29 columns: A–AC (1–29)`), however wide the header.
 * `where` names the row as a person finds it: "line 1 of clientes.csv".
 */
export function readHeader(cells: readonly string[], place: { file: string; row: number; where: string }): HeaderLayout {
  const trimmed = cells.map((cell) => cell.trim());
  let width = trimmed.length;
  while (width > 0 && trimmed[width - 1] === '') width -= 1;
  if (width === 0) {
    throw new WolkvoxBulkError('INPUT_EMPTY', `No header: ${place.where} is empty. Put the column names in that row, or set the header row (--header-row or "headerRow").`, { file: place.file, row: place.row });
  }
  const columnsOf = new Map<string, number[]>();
  const unnamed: number[] = [];
  const byIndex: (string | undefined)[] = [];
  for (let index = 0; index < width; index += 1) {
    const name = trimmed[index] as string;
    if (name === '') {
      unnamed.push(index);
      byIndex.push(undefined);
      continue;
    }
    const columns = columnsOf.get(name);
    if (columns) columns.push(index);
    else columnsOf.set(name, [index]);
    byIndex.push(name.startsWith(REPORT_COLUMN_PREFIX) ? undefined : name);
  }
  const repeated = [...columnsOf].filter(([, columns]) => columns.length > 1);
  const problems = repeated.slice(0, MAX_NAMES).map(([name, columns]) => `'${name}' names ${columns.length} columns: ${columnList(columns)}`);
  if (repeated.length > MAX_NAMES) problems.push(`${repeated.length - MAX_NAMES} more names are used more than once`);
  if (unnamed.length > 0) problems.push(`${unnamed.length === 1 ? 'column' : `${unnamed.length} columns`} ${columnList(unnamed)} ${unnamed.length === 1 ? 'has' : 'have'} no name`);
  if (problems.length > 0) {
    throw new WolkvoxBulkError(
      'HEADER_INVALID',
      `Bad header in ${place.where}: ${problems.join('; ')}. Every column needs a distinct name: rename or delete the columns named, then try again.`,
      { file: place.file, row: place.row, ...(repeated[0] ? { column: repeated[0][0] } : {}), details: problems },
    );
  }
  return { names: byIndex.filter((name): name is string => name !== undefined), byIndex, width };
}
