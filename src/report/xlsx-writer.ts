import fs from 'node:fs';
import type ExcelJS from 'exceljs';
import { encodeXstring } from '../input/ooxml-text.js';
import type { CellValue } from '../core/types.js';

/** Excel refuses (and "repairs" away) a cell holding more characters than this. */
export const EXCEL_CELL_LIMIT = 32_767;

/**
 * Text as a workbook cell can hold it: a longer text is cut and says so at its end. Only reports are cut
 * (the check refuses such a cell before it is sent, so no row that needs feeding back is ever cut).
 */
export function fitCell(text: string): string {
  if (text.length <= EXCEL_CELL_LIMIT) return text;
  const marker = ` … [cut by wolkvox-bulk: ${text.length} characters in all]`;
  return `${text.slice(0, EXCEL_CELL_LIMIT - marker.length)}${marker}`;
}

/** A cell as written back to a workbook: the same type it was read as. */
export function toExcelValue(value: CellValue | null | undefined): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') return value;
  if (value.kind === 'error') return null;
  const [year, month, day] = value.date.split('-').map(Number) as [number, number, number];
  const [hours = 0, minutes = 0, seconds = 0] = (value.time ?? '').split(':').filter(Boolean).map(Number);
  // Dates are written as UTC instants, the way exceljs reads them: the wall clock stays as typed.
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
}

export interface SheetWriterOptions {
  /** Where the workbook goes (created private to the user). */
  readonly file: string;
  readonly sheet: string;
  /** The header goes on this row, as in the input, so the same mapping reads the file. */
  readonly headerRow: number;
  /** Text for row 1 when the header is lower down. */
  readonly note?: string;
  readonly headers: readonly string[];
  /** Column widths in characters, by header. */
  readonly widths?: Readonly<Record<string, number>>;
  /** Put a filter on the header row. */
  readonly autoFilter?: boolean;
  /** Names of empty sheets to add before this one. */
  readonly sheetsBefore?: readonly string[];
}

/** Streams rows into a one-sheet workbook. exceljs is loaded only then: it weighs ~30 MB of memory. */
export async function createSheetWriter(options: SheetWriterOptions) {
  const { default: Excel } = await import('exceljs');
  const stream = fs.createWriteStream(options.file, { mode: 0o600 });
  // A write error (a full disk) surfaces at the next row or at close, not as an unhandled event.
  let failure: Error | undefined;
  stream.on('error', (error) => (failure ??= error));
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  for (const name of options.sheetsBefore ?? []) workbook.addWorksheet(name).commit();
  const sheet = workbook.addWorksheet(options.sheet, { views: [{ state: 'frozen', ySplit: options.headerRow }] });
  if (options.autoFilter) sheet.autoFilter = { from: { row: options.headerRow, column: 1 }, to: { row: options.headerRow, column: options.headers.length } };
  sheet.columns = options.headers.map((header) => ({ key: header, width: options.widths?.[header] ?? Math.min(40, Math.max(10, header.length + 2)) }));
  if (options.headerRow > 1 && options.note) sheet.getRow(1).getCell(1).value = options.note;
  const header = sheet.getRow(options.headerRow);
  options.headers.forEach((name, index) => {
    header.getCell(index + 1).value = encodeXstring(name);
  });
  header.font = { bold: true };
  header.commit();
  let next = options.headerRow + 1;
  return {
    sheet,
    write(values: readonly ExcelJS.CellValue[], style?: (row: ExcelJS.Row) => void) {
      if (failure) throw failure;
      const row = sheet.getRow(next);
      values.forEach((value, index) => {
        const cell = row.getCell(index + 1);
        cell.value = typeof value === 'string' ? encodeXstring(fitCell(value)) : value;
        if (value instanceof Date) cell.numFmt = value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
      });
      style?.(row);
      row.commit();
      next += 1;
    },
    async close() {
      sheet.commit();
      await workbook.commit();
      if (failure) throw failure;
    },
    /** Gives up the file half-written (the caller removes it). */
    abort() {
      stream.destroy();
    },
  };
}
