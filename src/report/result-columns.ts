import type ExcelJS from 'exceljs';
import type { RowResult } from '../core/types.js';
import { safeCell } from '../input/report-cells.js';

/** One of the report's own columns: its name, its text in results.csv and its cell in results.xlsx. */
interface ResultColumn {
  readonly name: `_wvx_${string}`;
  readonly text: (result: RowResult) => string;
  readonly cell: (result: RowResult) => ExcelJS.CellValue;
  /** Its width in results.xlsx, in characters, when the default does not suit it. */
  readonly width?: number;
}

const count = (value: number | undefined) => (value === undefined ? '' : String(value));

/**
 * The report's own columns, before the row's original ones, in order: one table, so results.csv and
 * results.xlsx never disagree. Text that came from the file or the network is formula-safe in the CSV
 * (see safeCell); `_wvx_` columns are ignored on input.
 */
export const RESULT_COLUMN_TABLE: readonly ResultColumn[] = [
  { name: '_wvx_row', text: (result) => String(result.rowNumber), cell: (result) => result.rowNumber },
  { name: '_wvx_id', text: (result) => safeCell(result.id ?? ''), cell: (result) => result.id ?? '', width: 26 },
  { name: '_wvx_status', text: (result) => result.status, cell: (result) => result.status, width: 11 },
  { name: '_wvx_http', text: (result) => count(result.httpStatus), cell: (result) => result.httpStatus ?? null },
  { name: '_wvx_code', text: (result) => safeCell(result.apiCode ?? ''), cell: (result) => result.apiCode ?? null },
  { name: '_wvx_message', text: (result) => safeCell(result.message ?? ''), cell: (result) => result.message ?? '', width: 70 },
  { name: '_wvx_attempts', text: (result) => String(result.attempts), cell: (result) => result.attempts },
  { name: '_wvx_ms', text: (result) => String(result.ms), cell: (result) => result.ms },
  { name: '_wvx_call', text: (result) => count(result.call), cell: (result) => result.call ?? null },
];

export const RESULT_COLUMNS = RESULT_COLUMN_TABLE.map((column) => column.name);
/** The column of the status, coloured in results.xlsx (1-based). */
export const STATUS_COLUMN = RESULT_COLUMNS.indexOf('_wvx_status') + 1;
export const RESULT_WIDTHS: Readonly<Record<string, number>> = Object.fromEntries(RESULT_COLUMN_TABLE.flatMap((column) => (column.width ? [[column.name, column.width]] : [])));
