import type { EventEmitter } from 'node:events';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { WolkvoxBulkError } from '../errors.js';
import type { CellValue, SourceRow } from '../types.js';
import { cellText } from './cells.js';
import { columnLetter, readHeader } from './headers.js';
import type { InputSource } from './source.js';
import { damaged, indexWorkbook, type SheetEntry } from './workbook-index.js';
import { excelCell } from './xlsx-cells.js';

export interface XlsxOptions {
  readonly file: string;
  /** Sheet name, or 1-based position in tab order; default: the first sheet with data. */
  readonly sheet?: string | number;
  readonly headerRow: number;
}

type Row = { number: number; eachCell(options: { includeEmpty: boolean }, callback: (cell: { value: unknown; numFmt?: string }, column: number) => void): void };
type WorksheetReader = AsyncIterable<Row>;

export async function openXlsx(options: XlsxOptions): Promise<InputSource> {
  const { file, headerRow } = options;
  const name = path.basename(file);
  const sheets = await indexWorkbook(file);
  const target = await chooseSheet(sheets, options.sheet, file);
  const where = `sheet '${target.name}' of ${name}`;

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    // Hyperlinked cells keep their display text as the value.
    hyperlinks: 'ignore',
    // The 'entry' event names the sheetN.xml part of the worksheet that comes next.
    entries: 'emit',
  });
  let part = -1;
  (reader as unknown as EventEmitter).on('entry', (entry: { type: string; id: string }) => {
    if (entry.type === 'worksheet') part = Number(entry.id);
  });

  async function* sheetRows(): AsyncGenerator<Row> {
    try {
      for await (const worksheet of reader as unknown as AsyncIterable<WorksheetReader>) {
        if (part !== target.part) continue;
        yield* worksheet;
        return;
      }
    } catch (error) {
      throw error instanceof WolkvoxBulkError ? error : damaged(file, error);
    }
  }
  const source = sheetRows();

  // Rows before the header row are titles and notes: skipped.
  let header: Row | undefined;
  for (let next = await source.next(); !next.done; next = await source.next()) {
    if (next.value.number < headerRow) continue;
    header = next.value;
    break;
  }
  if (!header || header.number !== headerRow) {
    await source.return(undefined);
    throw new WolkvoxBulkError(
      'INPUT_EMPTY',
      `No header: row ${headerRow} of ${where} is empty${header ? '' : ' and no rows follow'}. Put the column names in that row, or set the header row (--header-row or "headerRow").`,
      { file, row: headerRow },
    );
  }
  const headerCells: string[] = [];
  header.eachCell({ includeEmpty: false }, (cell, column) => {
    const { value } = excelCell(cell.value, cell.numFmt);
    headerCells[column - 1] = value === undefined ? '' : cellText(value);
  });
  const layout = readHeader(Array.from(headerCells, (cell) => cell ?? ''), { file, row: headerRow, where: `the header in row ${headerRow} of ${where}` });

  async function* rows(): AsyncGenerator<SourceRow> {
    try {
      for (let next = await source.next(); !next.done; next = await source.next()) {
        const row = next.value;
        const values: Record<string, CellValue> = {};
        const problems: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          const name = layout.byIndex[column - 1];
          // Cells outside the named columns (notes beside the table) are not part of the data.
          if (name === undefined) return;
          const read = excelCell(cell.value, cell.numFmt);
          if (read.value !== undefined) values[name] = read.value;
          if (read.problem) problems.push(`${columnLetter(column - 1)}${row.number} (${name}): ${read.problem}`);
        });
        if (Object.keys(values).length === 0 && problems.length === 0) continue;
        yield problems.length > 0 ? { rowNumber: row.number, values, problem: problems.join('; ') } : { rowNumber: row.number, values };
      }
    } finally {
      await source.return(undefined);
    }
  }

  return {
    file,
    format: { kind: 'xlsx', sheet: target.name, sheets: sheets.map((sheet) => sheet.name) },
    headerRow,
    headers: layout.names,
    rows: rows(),
  };
}

async function chooseSheet(sheets: readonly SheetEntry[], wanted: string | number | undefined, file: string): Promise<SheetEntry> {
  const name = path.basename(file);
  const list = sheets.map((sheet) => `'${sheet.name}'`).join(', ');
  if (wanted === undefined) {
    for (const sheet of sheets) if (await sheet.hasData()) return sheet;
    throw new WolkvoxBulkError('INPUT_EMPTY', `Empty workbook: no sheet of ${name} has data (sheets: ${list || 'none'}).`, { file });
  }
  // A name wins over a position: a sheet may well be called "2024".
  const byName = typeof wanted === 'string'
    ? (sheets.find((sheet) => sheet.name === wanted) ?? sheets.find((sheet) => sheet.name.trim().toLowerCase() === wanted.trim().toLowerCase()))
    : undefined;
  const position = typeof wanted === 'number' ? wanted : /^\d+$/.test(wanted.trim()) ? Number(wanted) : undefined;
  const found = byName ?? (position === undefined ? undefined : sheets[position - 1]);
  if (found) return found;
  const asked = typeof wanted === 'number' ? `Sheet number ${wanted}` : `Sheet '${wanted}'`;
  throw new WolkvoxBulkError(
    'SHEET_NOT_FOUND',
    `Missing sheet: ${asked} is not in ${name}. Its sheets are: ${list}. Set --sheet or "sheet" in the mapping to one of them.`,
    { file, column: String(wanted) },
  );
}
