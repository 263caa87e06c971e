import { REPORT_COLUMN_PREFIX } from './headers.js';

// The tool's CSV reports (results.csv, failed.csv) are meant to be opened in Excel and fed back in. A cell
// that Excel would run as a formula (=, +, -, @, tab, CR first) is written with a leading apostrophe
// (OWASP's advice); so is one that already starts with apostrophes before such a character, so that
// taking exactly one apostrophe off always gives the text back. Plain numbers such as -12 are data, and
// are left alone.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)*$/;
const ESCAPED = /^'+[=+\-@\t\r]/;

/** A report cell that no spreadsheet runs as a formula. `unescapeCell(safeCell(text)) === text`. */
export const safeCell = (text: string) => (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text);

/** The text a report cell was written from. Only for files the tool wrote (see isReportHeader). */
export const unescapeCell = (text: string) => (ESCAPED.test(text) ? text.slice(1) : text);

/** A header with the tool's own `_wvx_status` column: a results or failed-rows file written by the tool. */
export const isReportHeader = (cells: readonly string[]) => cells.some((cell) => cell.trim() === `${REPORT_COLUMN_PREFIX}status`);
