import { count } from '../core/text.js';
import type { RowProblem, SourceRow } from '../core/types.js';
import { cellOf } from './source.js';

/**
 * The longest text one cell may hold: Excel's own limit (32,767 characters). A longer value cannot be
 * seen, fixed or sent again from a spreadsheet (Excel cuts it when the report is opened), no CRM
 * field a person edits holds that much, and in practice it is a paste gone wrong or a stray quote
 * that joined many lines into one cell.
 */
export const MAX_CELL_CHARS = 32_767;

/** Cells the mapping reads that cannot be meant as they are: a NUL character, or text over the limit. */
export function cellProblems(row: SourceRow, columns: readonly string[]): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const column of columns) {
    const value = cellOf(row, column);
    if (typeof value !== 'string') continue;
    const nul = value.indexOf('\0');
    if (nul >= 0) {
      problems.push({
        rowNumber: row.rowNumber,
        column,
        message: `the cell holds a NUL character (code 0) at character ${nul + 1}: it is not text, and no CRM field should get it; remove it in the file`,
      });
    }
    if (value.length > MAX_CELL_CHARS) {
      problems.push({
        rowNumber: row.rowNumber,
        column,
        message: `the cell has ${count(value.length)} characters, more than a spreadsheet cell holds (${count(MAX_CELL_CHARS)}); most likely a paste gone wrong or a stray quote that joined lines: shorten it in the file`,
      });
    }
  }
  return problems;
}
