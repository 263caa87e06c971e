import { openInput, type ReadOptions } from '../../src/input/open.js';
import type { SourceRow } from '../../src/core/types.js';

/** Opens a file and collects every row (for tests on small files). */
export async function readAll(options: ReadOptions) {
  const source = await openInput(options);
  const rows: SourceRow[] = [];
  for await (const row of source.rows) rows.push(row);
  return { source, rows };
}
