import fs from 'node:fs';
import path from 'node:path';
import type { CellValue } from '../core/types.js';
import { decodeText } from './decode.js';
import { DELIMITERS, type Delimiter, type Encoding } from './source.js';
import { indexWorkbook } from './workbook-index.js';
import { readDateStyles, readSharedStrings } from './xlsx-parts.js';
import { EXCEL_COLUMNS, MAX_SHEET_BYTES } from './limits.js';
import { mergedFiller, readMergedRanges } from './xlsx-merges.js';
import { readSheetRows } from './xlsx-sheet.js';

/** The first rows of a sheet or CSV file, enough to tell titles from the header. */
export interface PeekRow {
  /** Row (worksheet) or line (CSV) number. */
  readonly number: number;
  /** Filled cells. */
  readonly cells: readonly CellValue[];
  /** Columns from the first filled cell to the last, empty ones between included; `cells.length` if not given. */
  readonly span?: number;
}

/** Where the table of a file seems to start: what `init` proposes when no --sheet or --header-row is given. */
export interface LayoutGuess {
  /** The sheet with the table (workbooks). */
  readonly sheet?: string;
  /** The header row (worksheet) or line (CSV), when one was found. */
  /** Sheets with data before it that hold no table (instructions, notes). */
  readonly sheetsSkipped: readonly string[];
  readonly headerRow?: number;
}

const PEEK_ROWS = 30;
const PEEK_BYTES = 1 << 16;

// Text a person would not use as a column name: numbers, dates, amounts.
const looksLikeData = (text: string) => /^[\d\s.,:/+\-$%€()]+$/.test(text.trim());
const isNameCell = (cell: CellValue) => typeof cell === 'string' && cell.trim() !== '' && !looksLikeData(cell);

// A header may repeat a name (only the columns a mapping reads need their own); a title merged over a row
// is one text however many cells it covers.
const distinctTexts = (row: PeekRow) => new Set(row.cells.map((cell) => String(cell).trim())).size;
// A spacer column with no name still spans the header: widths count from the first filled cell to the last.
const spanOf = (row: PeekRow | undefined) => (row === undefined ? 0 : (row.span ?? row.cells.length));

/**
 * The first row that looks like column names: texts (no numbers or dates), at least two distinct and no
 * more than half of them repeated, at least half as wide as the widest row near it, and no narrower than
 * the row under it (a table's rows are never wider than its header; a note above the table usually is
 * narrower). Title rows and notes above the table are passed over; when nothing qualifies, the first row
 * with anything in it.
 */
export function findHeaderRow(rows: readonly PeekRow[]): { row: number; isTable: boolean } | undefined {
  const widest = Math.max(0, ...rows.map(spanOf));
  const header = rows.find(
    (row, index) =>
      spanOf(row) >= Math.max(2, Math.ceil(widest / 2)) &&
      spanOf(row) >= spanOf(rows[index + 1]) &&
      row.cells.every(isNameCell) &&
      distinctTexts(row) >= Math.max(2, Math.ceil(row.cells.length / 2)),
  );
  if (header) return { row: header.number, isTable: rows.some((row) => row.number > header.number) };
  const first = rows[0];
  return first === undefined ? undefined : { row: first.number, isTable: false };
}

/** The first rows of every worksheet with data, in tab order. */
async function peekWorkbook(file: string, only?: string | number): Promise<{ name: string; rows: PeekRow[] }[]> {
  const workbook = await indexWorkbook(file);
  try {
    const book = { file, what: { name: path.basename(file) } };
    const [strings, dateStyles] = await Promise.all([readSharedStrings(workbook.sharedStrings, book), readDateStyles(workbook.styles, book)]);
    const sheets: { name: string; rows: PeekRow[] }[] = [];
    // As the reader picks it: a name (any case) wins over a position.
    const wanted = only === undefined ? undefined : String(only).trim().toLowerCase();
    const byName = workbook.sheets.find((sheet) => sheet.name.trim().toLowerCase() === wanted);
    const picked = wanted === undefined ? undefined : (byName ?? (/^\d+$/.test(wanted) ? workbook.sheets[Number(wanted) - 1] : undefined));
    for (const sheet of workbook.sheets) {
      // A sheet too large to read is left to openInput, which says so.
      if (!sheet.part || (wanted !== undefined && sheet !== picked) || sheet.part.size > MAX_SHEET_BYTES) continue;
      const place = { file, what: { name: path.basename(file), sheet: sheet.name } };
      const rows: PeekRow[] = [];
      const reader = readSheetRows(sheet.part, { strings, dateStyles, date1904: workbook.date1904, place });
      const fill = mergedFiller(await readMergedRanges(sheet.part, place));
      for await (const read of reader) {
        const row = fill(read, EXCEL_COLUMNS);
        const cells = [...row.cells.values()].flatMap((cell) => (cell.value === undefined ? [] : [cell.value]));
        const columns = [...row.cells.keys()].filter((column) => row.cells.get(column)?.value !== undefined);
        if (cells.length > 0) rows.push({ number: row.number, cells, span: Math.max(...columns) - Math.min(...columns) + 1 });
        if (rows.length >= PEEK_ROWS) break;
      }
      if (rows.length > 0) sheets.push({ name: sheet.name, rows });
    }
    return sheets;
  } finally {
    await workbook.close();
  }
}

/**
 * Guesses a workbook's table: the first sheet whose rows look like a header followed by data (else the
 * first sheet with anything in it), and its header row. `sheet` fixes the sheet and leaves the row to guess.
 */
export async function guessWorkbookLayout(file: string, sheet?: string | number): Promise<LayoutGuess | undefined> {
  const sheets = await peekWorkbook(file, sheet);
  const guesses = sheets.map((entry) => ({ name: entry.name, header: findHeaderRow(entry.rows) }));
  const chosen = guesses.find((guess) => guess.header?.isTable) ?? guesses[0];
  if (!chosen?.header) return undefined;
  return { sheet: chosen.name, sheetsSkipped: guesses.slice(0, guesses.indexOf(chosen)).map((guess) => guess.name), headerRow: chosen.header.row };
}

// A line split on `delimiter` outside quotes (a guess: quotes are only stripped): its non-empty fields, and
// how many fields it has (a header that ends in a delimiter has one more, unnamed, column).
function splitLine(line: string, delimiter: string): { cells: string[]; span: number } {
  const fields: string[] = [];
  let quoted = false;
  let field = '';
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return { cells: fields.map((text) => text.trim()).filter((text) => text !== ''), span: fields.length };
}

/** Guesses a CSV file's header line from its first lines: title lines above the table are passed over. */
export async function guessCsvHeaderLine(file: string, encoding: Encoding | 'auto', delimiter?: Delimiter): Promise<number | undefined> {
  const stream = fs.createReadStream(file, { end: PEEK_BYTES - 1 });
  let text = '';
  try {
    for await (const chunk of decodeText(stream, encoding, { encoding: 'utf-8', bom: false }, file)) text += chunk;
  } catch {
    // A character cut at the end of the peek, or an encoding problem the real read will name.
    if (text === '') return undefined;
  } finally {
    stream.destroy();
  }
  const lines = text.split(/\r\n|\n|\r/).slice(0, PEEK_ROWS * 2);
  // Excel's `sep=;` line names the delimiter and is not counted as a line of the table.
  const sep = /^sep=(.)$/.exec(lines[0] ?? '');
  if (sep) lines.shift();
  const candidates = delimiter ?? (sep?.[1] as Delimiter | undefined);
  const split = (chosen: string) =>
    lines.flatMap((line, index) => (line.trim() === '' ? [] : [{ number: index + 1, ...splitLine(line, chosen) }])).slice(0, PEEK_ROWS);
  // The delimiter that makes the widest table; a title's stray comma does not win over a table's columns.
  const tables = (candidates ? [candidates] : [...DELIMITERS]).map(split);
  const widest = (rows: PeekRow[]) => Math.max(0, ...rows.map((row) => row.cells.length));
  const best = tables.reduce((a, b) => (widest(b) > widest(a) ? b : a));
  return findHeaderRow(best)?.row;
}
