import fs from 'node:fs';
import { openOwnFile } from './run-files.js';

// before.csv's column saying whether the snapshot found the row's record (store/snapshot-file.ts writes
// "yes" or "no"); undo puts back only records it found.
const FOUND_COLUMN = '_wvx_found';

/**
 * Whether a run's snapshot (before.csv, its own file) found at least one record: otherwise undo has
 * nothing to put back and refuses ("Nothing to undo"), so the page does not offer it. Read as a stream
 * up to the first record found; a file that cannot be read holds nothing the page can count on.
 */
export async function snapshotHoldsRecords(dir: string): Promise<boolean> {
  const opened = openOwnFile(dir, 'before.csv');
  if (!opened) return false;
  const { parse } = await import('csv-parse');
  const rows = fs.createReadStream('', { fd: opened.fd }).pipe(parse({ bom: true, relax_column_count: true }));
  let found = -1;
  try {
    for await (const cells of rows as AsyncIterable<string[]>) {
      if (found < 0) {
        found = cells.indexOf(FOUND_COLUMN);
        if (found < 0) return false;
      } else if (cells[found] === 'yes') return true;
    }
  } catch {
    return false;
  } finally {
    rows.destroy();
  }
  return false;
}
