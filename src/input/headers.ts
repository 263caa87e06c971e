import type { ColumnRuns } from '../core/catalog/en-notes2.js';
import type { HeaderPlace } from '../core/catalog/en-check.js';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';

/** Columns whose name starts with this are the tool's own report columns: ignored on input. */
export const REPORT_COLUMN_PREFIX = '_wvx_';

/** Header cells that give no column a name of its own: empty ones (`name` ''), or one name on several columns. */
export interface HeaderGroup {
  readonly name: string;
  /** 0-based column indexes, each known by its letter. */
  readonly columns: readonly number[];
  /** Those of `columns` whose letter is another column's name: left out, cells and all. */
  readonly leftOut?: readonly number[];
}

/** The header row, resolved: which column index carries which name. */
export interface HeaderLayout {
  /** Usable column names, in file order: the header's own, or a column's letter (see `lettered`). */
  readonly names: readonly string[];
  /** By 0-based column index: the name, or undefined for an ignored column. */
  readonly byIndex: readonly (string | undefined)[];
  /** Header cells up to the last named one (the fewest fields a data row should have). */
  readonly width: number;
  /** Columns the header does not name on their own: known by their letter, as Excel shows them. */
  readonly lettered: readonly HeaderGroup[];
}

/** Spreadsheet column letters for a 0-based index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Column positions as letters, runs of neighbours as ranges, with the 1-based positions: [0,1,2,4] →
 * letters "A–C, E", positions "1–3, 5" (the catalogs word them: "A–C, E (1–3, 5)"). Long lists stop after
 * a few runs (`more`: how many runs were left out).
 */
export function columnList(indexes: readonly number[]): ColumnRuns {
  const runs: [number, number][] = [];
  for (const index of indexes) {
    const last = runs.at(-1);
    if (last && index === last[1] + 1) last[1] = index;
    else runs.push([index, index]);
  }
  const shown = runs.slice(0, MAX_RUNS);
  const span = (name: (index: number) => string) => shown.map(([from, to]) => (from === to ? name(from) : `${name(from)}–${name(to)}`)).join(', ');
  return { letters: span(columnLetter), positions: span((index) => String(index + 1)), more: runs.length - shown.length };
}

const MAX_RUNS = 8;

/**
 * Trims header names and gives each column its name. A column whose header cell is empty, or whose name
 * other columns carry too, is known by its letter (`C`), as Excel shows it: such a column only matters
 * when a mapping reads it, and the mapping's check says so (issue 17, item 5). A letter that is already
 * another column's name is not given: that column is left out. Trailing empty cells count as columns only
 * as far as `cells` goes (a CSV header ending in a delimiter has one more column; a worksheet's header
 * ends at its last name). `at` names the row as a person finds it: "line 1 of clientes.csv".
 */
export function readHeader(cells: readonly string[], place: { file: string; row: number; at: HeaderPlace }): HeaderLayout {
  const trimmed = cells.map((cell) => cell.trim());
  let width = trimmed.length;
  while (width > 0 && trimmed[width - 1] === '') width -= 1;
  if (width === 0) {
    throw new WolkvoxBulkError('INPUT_EMPTY', message('input.no-header', { at: place.at }), { file: place.file, row: place.row });
  }
  const columnsOf = new Map<string, number[]>();
  const unnamed: number[] = [];
  trimmed.forEach((name, index) => {
    if (name === '') unnamed.push(index);
    else if (!name.startsWith(REPORT_COLUMN_PREFIX)) {
      const columns = columnsOf.get(name);
      if (columns) columns.push(index);
      else columnsOf.set(name, [index]);
    }
  });
  const groups = [...[...columnsOf].filter(([, columns]) => columns.length > 1), ...(unnamed.length > 0 ? [['', unnamed] as const] : [])];
  const byIndex: (string | undefined)[] = trimmed.map((name) => (name.startsWith(REPORT_COLUMN_PREFIX) || columnsOf.get(name)?.length !== 1 ? undefined : name));
  const taken = new Set(trimmed);
  const lettered = groups.map(([name, columns]): HeaderGroup => {
    const leftOut: number[] = [];
    for (const index of columns) {
      const letter = columnLetter(index);
      if (taken.has(letter)) leftOut.push(index);
      else byIndex[index] = letter;
    }
    return leftOut.length > 0 ? { name, columns, leftOut } : { name, columns };
  });
  return { names: byIndex.filter((name): name is string => name !== undefined), byIndex, width, lettered };
}
