// What `resume` would send again: one rule for the rows (run/resume.ts), the summary, the CLI and the page.
import type { RowResult, RunSummary, StopReason } from '../core/types.js';
import { hasVerdict } from '../core/verdict.js';
import type { RowTable } from './row-table.js';

/**
 * Whether a row's recorded outcome is final, so `resume` does not send it again: the CRM's verdict on it
 * (updated, or refused for what it sent, unless --retry-failed sends those again). Not an interruption,
 * a give-up after the retries, or an outcome left unknown.
 */
export const isFinal = (result: Pick<RowResult, 'status' | 'kind'> | undefined, retryFailed: boolean): boolean =>
  result !== undefined && hasVerdict(result) && !(retryFailed && result.status === 'failed');

/** Rows `resume` would send again without --retry-failed: planned to send, and no final outcome yet. */
export function rowsToResume(table: RowTable): number {
  let rows = 0;
  for (let ordinal = 0; ordinal < table.size; ordinal += 1) if (table.action(ordinal) === 'send' && !isFinal(table.head(ordinal), false)) rows += 1;
  return rows;
}

/**
 * Whether `resume` has something to do for a run (summary.json's `resumable`): never for a dry run;
 * otherwise when the run stopped early (rows left, or a read-back cut short), or when rows have no final
 * outcome though it finished (a row that gave up after its retries, one whose outcome is unknown).
 */
export function isResumable(run: { readonly dryRun: boolean; readonly stopReason?: StopReason | undefined; readonly rowsToResume: number }): boolean {
  return !run.dryRun && (run.stopReason !== undefined || run.rowsToResume > 0);
}

/**
 * The same for a run folder, from its summary.json as read back: its own `resumable`; for one written
 * before it, the rule over what it holds (its rows not sent); none at all (the process died before writing
 * it): resumable, unless a dry run (run.json says).
 */
export function resumableFrom(summary: Pick<RunSummary, 'stopReason' | 'counts' | 'resumable'> | undefined, dryRun: boolean): boolean {
  if (summary === undefined) return !dryRun;
  return summary.resumable ?? isResumable({ dryRun, stopReason: summary.stopReason, rowsToResume: summary.counts.not_sent });
}
