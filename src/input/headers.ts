import { WolkvoxBulkError } from '../errors.js';

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
 * Trims header names and checks them. Trailing empty header cells are dropped (spreadsheets leave
 * them); an empty name between named columns, or a name used twice, is an error naming the columns.
 */
export function readHeader(cells: readonly string[], place: { file: string; row: number; where: string }): HeaderLayout {
  const trimmed = cells.map((cell) => cell.trim());
  let width = trimmed.length;
  while (width > 0 && trimmed[width - 1] === '') width -= 1;
  if (width === 0) {
    throw new WolkvoxBulkError('INPUT_EMPTY', `No header: ${place.where} is empty. Put the column names in that row, or set the header row (--header-row or "headerRow").`, { file: place.file, row: place.row });
  }
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const byIndex: (string | undefined)[] = [];
  for (let index = 0; index < width; index += 1) {
    const name = trimmed[index] as string;
    const label = `column ${index + 1} (${columnLetter(index)})`;
    if (name === '') {
      problems.push(`${label} has no name`);
      byIndex.push(undefined);
      continue;
    }
    const previous = seen.get(name);
    if (previous !== undefined) problems.push(`'${name}' is the name of both column ${previous + 1} (${columnLetter(previous)}) and ${label}`);
    else seen.set(name, index);
    byIndex.push(name.startsWith(REPORT_COLUMN_PREFIX) ? undefined : name);
  }
  if (problems.length > 0) {
    throw new WolkvoxBulkError(
      'HEADER_INVALID',
      `Bad header in ${place.where}: ${problems.join('; ')}. Every column needs a distinct name: rename or delete the columns named, then try again.`,
      { file: place.file, row: place.row, details: problems },
    );
  }
  return { names: byIndex.filter((name): name is string => name !== undefined), byIndex, width };
}
