import path from 'node:path';
import { planRows, readPlanHeader, runPaths } from '../index.js';
import { ownFile } from './run-files.js';
import { wordsOf, type Words } from './words.js';

/** A row whose `match` key (or a search field's `lookup` name) found no record, or several: where it is in the file, and why (the library's words). */
export interface UnmatchedRow {
  readonly rowNumber: number;
  readonly message: string;
  /** The same in the page's languages (a plan written before rows kept their message: absent). */
  readonly words?: Words;
}

/** The rows of a run that failed on their key or a name, grouped as the summary counts them (summary.match's and summary.lookups' notFound / ambiguous). */
export interface UnmatchedRows {
  /** The input's kind: its rows are named as lines (CSV) or rows (a workbook). */
  readonly kind: 'csv' | 'xlsx';
  readonly notFound: readonly UnmatchedRow[];
  readonly ambiguous: readonly UnmatchedRow[];
  /** Every such row, listed or not: a row whose names fail in two lookups is one row here. */
  readonly counts: { readonly notFound: number; readonly ambiguous: number };
}

/** Rows listed a group; all are in failed.csv (or failed.xlsx), which the page offers for download. */
const SHOWN = 50;

/**
 * The run's plan says what each row came to once its key was looked up (`not-found`, `ambiguous`), with the
 * library's reason: read in one pass, the first rows of each group kept. Only the folder's own plan file is
 * read (never through a link); undefined when there is none.
 */
export async function unmatchedRows(dir: string): Promise<UnmatchedRows | undefined> {
  const file = runPaths(dir).plan;
  if (!ownFile(dir, path.basename(file))) return undefined;
  const header = await readPlanHeader(file);
  const notFound: UnmatchedRow[] = [];
  const ambiguous: UnmatchedRow[] = [];
  const counts = { notFound: 0, ambiguous: 0 };
  for await (const row of planRows(file)) {
    const group = row.action === 'not-found' ? notFound : row.action === 'ambiguous' ? ambiguous : undefined;
    if (!group) continue;
    counts[group === notFound ? 'notFound' : 'ambiguous'] += 1;
    if (group.length < SHOWN) group.push({ rowNumber: row.rowNumber, message: row.message ?? '', ...(row.said ? { words: wordsOf(row.said) } : {}) });
  }
  return { kind: header.format.kind, notFound, ambiguous, counts };
}
