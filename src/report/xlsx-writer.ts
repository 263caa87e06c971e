import type ExcelJS from 'exceljs';
import type { CellValue } from '../types.js';

/** A cell as written back to a workbook: the same type it was read as. */
export function toExcelValue(value: CellValue | undefined): ExcelJS.CellValue {
  if (value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (value.kind === 'error') return null;
  const [year, month, day] = value.date.split('-').map(Number) as [number, number, number];
  const [hours = 0, minutes = 0, seconds = 0] = (value.time ?? '').split(':').filter(Boolean).map(Number);
  // Dates are written as UTC instants, the way exceljs reads them: the wall clock stays as typed.
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
}

export interface SheetWriterOptions {
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
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ filename: options.file, useStyles: true, useSharedStrings: false });
  for (const name of options.sheetsBefore ?? []) workbook.addWorksheet(name).commit();
  const sheet = workbook.addWorksheet(options.sheet, { views: [{ state: 'frozen', ySplit: options.headerRow }] });
  if (options.autoFilter) sheet.autoFilter = { from: { row: options.headerRow, column: 1 }, to: { row: options.headerRow, column: options.headers.length } };
  sheet.columns = options.headers.map((header) => ({ key: header, width: options.widths?.[header] ?? Math.min(40, Math.max(10, header.length + 2)) }));
  if (options.headerRow > 1 && options.note) sheet.getRow(1).getCell(1).value = options.note;
  const header = sheet.getRow(options.headerRow);
  options.headers.forEach((name, index) => {
    header.getCell(index + 1).value = name;
  });
  header.font = { bold: true };
  header.commit();
  let next = options.headerRow + 1;
  return {
    sheet,
    write(values: readonly ExcelJS.CellValue[], style?: (row: ExcelJS.Row) => void) {
      const row = sheet.getRow(next);
      values.forEach((value, index) => {
        const cell = row.getCell(index + 1);
        cell.value = value;
        if (value instanceof Date) cell.numFmt = value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
      });
      style?.(row);
      row.commit();
      next += 1;
    },
    async close() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
