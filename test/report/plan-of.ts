import type { PlannedRow } from '../../src/core/types.js';
import { openInput, type ReadOptions } from '../../src/input/open.js';
import { cellsOf, planLine, PlanWriter } from '../../src/store/plan-file.js';
import type { RunPaths } from '../../src/store/run-folder.js';
import { RowTable } from '../../src/store/row-table.js';

/**
 * A run's plan of an input as the check would write it, each row planned as given (in file order; a row
 * not given is to send with no id), and the row table it goes with.
 */
export async function planOf(readOptions: ReadOptions, paths: RunPaths, planned: readonly Omit<PlannedRow, 'rowNumber'>[] = []): Promise<RowTable> {
  const source = await openInput(readOptions);
  const writer = new PlanWriter(paths.plan, { file: readOptions.file, format: source.format, headers: source.headers, headerRow: source.headerRow, warnings: [], fields: {} });
  const table = new RowTable();
  let ordinal = 0;
  for await (const row of source.rows) {
    const plan: PlannedRow = { action: 'send', ...planned[ordinal], rowNumber: row.rowNumber };
    table.plan(ordinal, plan);
    writer.row(planLine(plan, cellsOf(row, source.headers)));
    ordinal += 1;
  }
  writer.close();
  return table;
}
