import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
import type { BadCell } from '../core/catalog/en-rows.js';
import { message, say } from '../core/say.js';
import type { CellValue, SourceRow } from '../core/types.js';
import { cellText } from './cells.js';
import { columnLetter, readHeader, type HeaderLayout } from './headers.js';
import { closingRows, type InputSource } from './source.js';
import { checkPartSize, damaged, damagedUnlessKnown, indexWorkbook, type SheetEntry, type WorkbookIndex } from './workbook-index.js';
import { readDateStyles, readSharedStrings } from './xlsx-parts.js';
import { EXCEL_COLUMNS, MAX_SHEET_BYTES } from './limits.js';
import { mergedFiller, readMergedRanges } from './xlsx-merges.js';
import { readSheetRows, type SheetRow } from './xlsx-sheet.js';

export interface XlsxOptions {
  readonly file: string;
  /** Stops the reading with CANCELLED once it fires. */
  readonly signal?: AbortSignal;
  /** Sheet name, or 1-based position in tab order; default: the first sheet with data. */
  readonly sheet?: string | number;
  readonly headerRow: number;
}

/**
 * Opens a workbook and streams one worksheet. The parts are read through the zip's central directory
 * (shared strings and styles first, then the sheet, whatever order the writer used) and the sheet's XML
 * is parsed as it streams, so memory holds the shared strings and a chunk of rows, not the sheet.
 */
// Rows handed out at once: a worksheet's rows are parsed one by one anyway; this saves the reader's awaits.
const XLSX_BATCH = 256;

export async function openXlsx(options: XlsxOptions): Promise<InputSource> {
  const name = path.basename(options.file);
  const workbook = await indexWorkbook(options.file, { file: options.file, ...(options.signal ? { signal: options.signal } : {}) });
  try {
    return await openSheet(workbook, options, name);
  } catch (error) {
    await workbook.close();
    throw error;
  }
}

async function openSheet(workbook: WorkbookIndex, options: XlsxOptions, name: string): Promise<InputSource> {
  const { file, headerRow } = options;
  const target = await chooseSheet(workbook.sheets, options.sheet, file);
  const where = `sheet '${target.name}' of ${name}`;
  const sheetAt = { name, sheet: target.name };
  if (!target.part) throw damaged(file);
  checkPartSize(file, target.part, MAX_SHEET_BYTES, { at: sheetAt, what: { kind: 'sheet' } });
  const place = { file, what: sheetAt, ...(options.signal ? { signal: options.signal } : {}) };
  const book = { ...place, what: { name } };
  const [strings, dateStyles, merged] = await Promise.all([
    readSharedStrings(workbook.sharedStrings, book),
    readDateStyles(workbook.styles, book),
    readMergedRanges(target.part, place),
  ]).catch((error: unknown) => {
    throw damagedUnlessKnown(file, error);
  });
  const sheetRows = readSheetRows(target.part, { strings, dateStyles, date1904: workbook.date1904, place });
  const fill = mergedFiller(merged);
  // Merged values are filled in across the whole header row, then across the table's columns only.
  let columns = EXCEL_COLUMNS;
  const next = async (): Promise<IteratorResult<SheetRow>> => {
    let item: IteratorResult<SheetRow>;
    try {
      item = await sheetRows.next();
    } catch (error) {
      throw damagedUnlessKnown(file, error);
    }
    return item.done ? item : { done: false, value: fill(item.value, columns) };
  };

  // Any error from here on leaves the sheet's stream halfway: it is closed before the error goes up.
  let layout: HeaderLayout;
  try {
    layout = await readHeaderRow(next, headerRow, sheetAt, file);
  } catch (error) {
    await sheetRows.return(undefined);
    throw error;
  }
  columns = layout.byIndex.length;

  const rowOf = (row: SheetRow): SourceRow | undefined => {
    const values: Record<string, CellValue> = {};
    const problems: BadCell[] = [];
    for (const [column, read] of row.cells) {
      const columnName = layout.byIndex[column];
      // Cells outside the named columns (notes beside the table) are not part of the data.
      if (columnName === undefined) continue;
      if (read.value !== undefined) values[columnName] = read.value;
      if (read.problem) problems.push({ cell: `${columnLetter(column)}${row.number}`, column: columnName, problem: read.problem });
    }
    if (Object.keys(values).length === 0 && problems.length === 0) return undefined;
    if (problems.length === 0) return { rowNumber: row.number, values };
    const said = message('row.cells', { cells: problems });
    return { rowNumber: row.number, values, problem: say(said, 'en'), said };
  };
  // Rows in batches, for a reader that takes them so; the rows read before an error come before it.
  async function* rows(): AsyncGenerator<SourceRow[]> {
    let batch: SourceRow[] = [];
    try {
      for (let item = await next(); !item.done; item = await next()) {
        const row = rowOf(item.value);
        if (row !== undefined) batch.push(row);
        if (batch.length === XLSX_BATCH) {
          yield batch;
          batch = [];
        }
      }
    } catch (error) {
      if (batch.length > 0) yield batch;
      throw error;
    }
    if (batch.length > 0) yield batch;
  }
  const close = async () => {
    await sheetRows.return(undefined);
    await workbook.close();
  };

  return {
    file,
    format: { kind: 'xlsx', sheet: target.name, sheets: workbook.sheets.map((sheet) => sheet.name) },
    headerRow,
    headers: layout.names,
    headerPlace: `row ${headerRow} of ${where}`,
    lettered: layout.lettered,
    rows: closingRows(rows(), close),
  };
}

// Rows above the header row are titles and notes: skipped.
async function readHeaderRow(next: () => Promise<IteratorResult<SheetRow>>, headerRow: number, where: { name: string; sheet: string }, file: string): Promise<HeaderLayout> {
  const at = { row: headerRow, file: where.name, sheet: where.sheet };
  let header: SheetRow | undefined;
  for (let item = await next(); !item.done; item = await next()) {
    if (item.value.number < headerRow || item.value.cells.size === 0) continue;
    header = item.value;
    break;
  }
  if (!header || header.number !== headerRow) {
    throw new WolkvoxBulkError('INPUT_EMPTY', message('input.no-header', { at, noneFollow: !header }), { file, row: headerRow });
  }
  const headerCells: string[] = [];
  for (const [column, read] of header.cells) headerCells[column] = read.value === undefined ? '' : cellText(read.value);
  // A worksheet's header ends at its last name: cells beside the table are notes, not columns.
  const cells = Array.from(headerCells, (cell) => cell ?? '');
  while (cells.length > 0 && (cells.at(-1) ?? '').trim() === '') cells.pop();
  return readHeader(cells, { file, row: headerRow, at });
}

async function chooseSheet(sheets: readonly SheetEntry[], wanted: string | number | undefined, file: string): Promise<SheetEntry> {
  const name = path.basename(file);
  const names = sheets.map((sheet) => sheet.name);
  if (wanted === undefined) {
    for (const sheet of sheets) if (await sheet.hasData()) return sheet;
    throw new WolkvoxBulkError('INPUT_EMPTY', message('input.empty-workbook', { name, sheets: names }), { file });
  }
  // A name wins over a position: a sheet may well be called "2024".
  const byName =
    typeof wanted === 'string'
      ? (sheets.find((sheet) => sheet.name === wanted) ?? sheets.find((sheet) => sheet.name.trim().toLowerCase() === wanted.trim().toLowerCase()))
      : undefined;
  const position = typeof wanted === 'number' ? wanted : /^\d+$/.test(wanted.trim()) ? Number(wanted) : undefined;
  const found = byName ?? (position === undefined ? undefined : sheets[position - 1]);
  if (found) return found;
  throw new WolkvoxBulkError('SHEET_NOT_FOUND', message('input.missing-sheet', { name, wanted, sheets: names }), { file, column: String(wanted) });
}
