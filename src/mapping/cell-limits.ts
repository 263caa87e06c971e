import { message } from '../core/say.js';
import type { RowProblem, SourceRow } from '../core/types.js';
import { rowProblem } from './result.js';
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
      problems.push(rowProblem(row.rowNumber, { column }, message('row.nul', { at: nul + 1 })));
    }
    if (value.length > MAX_CELL_CHARS) {
      problems.push(rowProblem(row.rowNumber, { column }, message('row.too-long', { chars: value.length, max: MAX_CELL_CHARS })));
    }
  }
  return problems;
}
