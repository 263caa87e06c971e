import { count, counted } from '../text.js';

// English for the notes a run writes on its rows itself beyond en-report.ts's (the send pass's: a row that
// gave up after its retries, one the job stopped before its answer came, one held back by the row before it
// with the same id, one whose batch is narrowed down, applied by a narrowed batch or whose answer a crash lost, one whose attachment is gone; an if-empty field kept; a duplicate left out), why batches went one by one, a list of
// columns cut short, and the browser `ui` could not open. This English is what plan.ndjson, the journal and
// summary.json keep; the run's files word the message in the run's language.

/** What a row that gave up after its retries leaves unsure: an earlier try, a last answer that never came, or no answer that said. */
export type GaveUpDoubt = 'earlier-try' | 'timeout' | 'no-answer';

/** Columns as the reader lists them: letters and positions of the first runs of neighbours (`B–C, E`, `2–3, 5`), and how many runs more. */
export interface ColumnRuns {
  readonly letters: string;
  readonly positions: string;
  readonly more: number;
}

/** The columns in English: "B–C, E, and 2 more (2–3, 5, …)". */
export const columnsText = (runs: ColumnRuns) =>
  runs.more > 0 ? `${runs.letters}, and ${count(runs.more)} more (${runs.positions}, …)` : `${runs.letters} (${runs.positions})`;

const gaveUpDoubt: Readonly<Record<GaveUpDoubt, string>> = {
  'earlier-try': '; an earlier try may have been applied',
  timeout: '; the last answer never came, so the update may have been applied',
  'no-answer': '; no answer said whether it was applied: it may have been',
};

export const enNotes2 = {
  'note.gave-up': (p: { answer: string; tries: number; reached: boolean; doubt?: GaveUpDoubt }) =>
    `${p.answer} (gave up after ${p.reached ? counted(p.tries, 'attempt') : counted(p.tries, 'try', 'tries')}${p.doubt ? gaveUpDoubt[p.doubt] : ''})`,
  'note.stopped-unconfirmed': (p: { answer: string; call?: number }) =>
    `${p.answer} (sent in call ${p.call ?? '?'}; the job stopped before an answer confirmed it: it may have been applied, and resume sends it again)`,
  'note.same-id-not-updated': (p: { line: number }) => `not sent: the row before it with the same id (${p.line}) was not updated`,
  'note.narrowing': (p: { call: number }) =>
    `sent in call ${p.call} whose answer did not confirm this row: it may or may not have been applied (resume goes on narrowing its batch down)`,
  'note.applied-by-narrowing': (p: { call: number }) => `applied by call ${p.call} (its count and those of the calls that narrowed its batch down show it)`,
  'note.attachment-gone': (p: { file: string }) =>
    `Attachment could not be read: ${p.file || 'a file'} is gone (the check found it; it was deleted or moved since). Put it back and resume.`,
  'note.attachment-unreadable': (p: { reason: string }) => `Attachment could not be read: ${p.reason}`,
  'note.lost': (p: { call: number }) => `sent in call ${p.call}; the process ended before its outcome was written: it may have been applied (resume sends it again)`,
  'note.if-empty-kept': (p: { fields: readonly string[]; nothingLeft: boolean }) =>
    p.nothingLeft
      ? `nothing to write: ${p.fields.join(', ')} kept as the CRM has them (write: if-empty)`
      : `${p.fields.join(', ')} kept as the CRM has them (write: if-empty); the other fields sent`,
  'note.duplicate-skipped': (p: { place: 'line' | 'row'; line: number; keyField?: string; policy: 'first' | 'last' }) =>
    `${p.keyField === undefined ? 'duplicate id' : 'duplicate key'}: ${p.place} ${p.line} has the same ${p.keyField ?? 'id'} and is sent instead (--duplicates ${p.policy})`,
  'note.batch-why': (p: { count?: number; sent?: number }) =>
    p.count === undefined ? 'updateMany.php gave no count' : `updateMany.php counted ${p.count} records edited for ${p.sent ?? 0} sent`,
  'note.browser-not-opened': (p: { error: string }) => `Could not open a browser (${p.error}): open the address above yourself.`,
} satisfies Record<string, (params: never) => string>;
