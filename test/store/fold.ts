import { JournalFold } from '../../src/store/journal-fold.js';
import { readJournal } from '../../src/store/journal.js';
import { RowTable } from '../../src/store/row-table.js';

/** A journal folded into a table of `rows` rows all planned to send (what a run's check would give). */
export async function foldJournal(file: string, rows: number) {
  const table = new RowTable();
  for (let ordinal = 0; ordinal < rows; ordinal += 1) table.plan(ordinal, { action: 'send' });
  const fold = new JournalFold(table);
  const end = await readJournal(file, fold);
  return { table, totals: fold.totals(), unfinished: fold.unfinished(), narrowing: fold.narrowing(), end };
}
