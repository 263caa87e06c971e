import type { JobEvent, Plan } from '../index.js';
import { wordsOf, type Words } from './words.js';

/** A moment the page should mention beside the bar: data the page words, and the library's reasons worded. */
export type ProgressNote =
  | { readonly kind: 'pause'; readonly ms: number; readonly reason: string; readonly words: Words }
  /** Batches got smaller for the rest of the run, and why. */
  | { readonly kind: 'batches'; readonly from: number; readonly to: number; readonly words: Words }
  | { readonly kind: 'quota-wait'; readonly until: string }
  | { readonly kind: 'concurrency'; readonly from: number; readonly to: number }
  /** Reading before the first update (a `match` run's keys, or the snapshot), or a read-back: the requests so far. */
  | { readonly kind: 'reading'; readonly what: 'module' | 'ids' | 'keys'; readonly calls: number }
  | { readonly kind: 'stopping'; readonly reason: string; readonly message: string; readonly words: Words };

export type QuotaUnknown = 'reading' | 'dry-run' | 'nothing-to-spend' | 'unanswered';

/** What the page draws while a job sends: a few numbers, whatever the size of the file. */
export interface ProgressSnapshot {
  readonly total: number;
  readonly done: number;
  readonly updated: number;
  readonly failed: number;
  /** Rows with another outcome in this session (invalid, skipped, not sent). */
  readonly other: number;
  /** Rows whose last call failed and that wait for a retry. */
  readonly retrying: number;
  readonly calls: number;
  readonly retries: number;
  readonly rowsPerSecond: number;
  /** Time left at the pace so far; absent before the first row or once done. */
  readonly etaMs?: number;
  readonly elapsedMs: number;
  /** The day's quota units left: read when the job began to spend, less what it spent since (its calls and reads). */
  readonly quotaLeft?: number;
  /** Why no quota is known: it is being read; a dry run (or a job with nothing to do) spends none; the CRM did not give the figures. */
  readonly quotaUnknown?: QuotaUnknown;
  readonly note?: ProgressNote;
}

/**
 * Folds the job's events into one snapshot: row events are counted, never kept, so a million-row job
 * costs the page server a few numbers (the CLI's progress line does the same for the terminal).
 */
export function createProgressTracker(now: () => number = Date.now) {
  let plan: Plan | undefined;
  let startedAt = now();
  let updated = 0;
  let failed = 0;
  let other = 0;
  let calls = 0;
  let retries = 0;
  let quotaLeft: number | undefined;
  let quotaUnknown: QuotaUnknown | undefined;
  // A batch whose cost is not one unit a call spends one a record (the CLI's progress line counts the same).
  let unitPerRecord = false;
  // The requests each kind of read had made at its last event ('reading' counts from 1 again in a new pass).
  const reads = new Map<string, number>();
  let note: ProgressNote | undefined;
  const retrying = new Set<number>();
  const spend = (units: number) => {
    if (quotaLeft !== undefined) quotaLeft = Math.max(0, quotaLeft - units);
  };

  return {
    get plan() {
      return plan;
    },
    onEvent(event: JobEvent): void {
      switch (event.type) {
        case 'plan':
          plan = event.plan;
          startedAt = now();
          if (event.plan.quota) quotaLeft = event.plan.quota.available;
          if (event.plan.dryRun) quotaUnknown = 'dry-run';
          unitPerRecord = event.plan.batch !== undefined && event.plan.batch.cost !== 'call';
          break;
        case 'row': {
          const { result } = event;
          retrying.delete(result.rowNumber);
          if (result.status === 'updated') updated += 1;
          else if (result.status === 'failed') failed += 1;
          else other += 1;
          // Rows of a batch each count its calls; each call is counted on one of them (countedCalls).
          const made = result.countedCalls ?? result.attempts;
          calls += made;
          spend(unitPerRecord ? result.attempts : made);
          // A row that came back means the pool moved again after a pause, or the reads before it are over.
          if (note?.kind === 'pause' || note?.kind === 'quota-wait' || note?.kind === 'reading') note = undefined;
          break;
        }
        case 'retry':
          retries += 1;
          retrying.add(event.rowNumber);
          break;
        case 'quota':
          quotaLeft = event.info.available;
          quotaUnknown = undefined;
          break;
        case 'quota-wait':
          note = { kind: 'quota-wait', until: event.until };
          break;
        case 'pause':
          note = { kind: 'pause', ms: event.ms, reason: event.reason, words: wordsOf(event.said) };
          break;
        case 'concurrency':
          note = { kind: 'concurrency', from: event.from, to: event.to };
          break;
        case 'batch-size':
          note = { kind: 'batches', from: event.from, to: event.to, words: wordsOf(event.said) };
          break;
        case 'reading': {
          const before = reads.get(event.what) ?? 0;
          spend(event.calls >= before ? event.calls - before : event.calls);
          reads.set(event.what, event.calls);
          note = { kind: 'reading', what: event.what, calls: event.calls };
          break;
        }
        case 'stopping':
          note = { kind: 'stopping', reason: event.reason, message: event.message, words: wordsOf(event.said) };
          break;
      }
    },
    /** Why the quota was not read when the job began to spend (the page says so rather than show nothing). */
    quotaUnread(why: Exclude<QuotaUnknown, 'reading'>): void {
      if (quotaLeft === undefined) quotaUnknown = why;
    },
    snapshot(): ProgressSnapshot {
      const done = updated + failed + other;
      const total = plan?.toSend ?? 0;
      const elapsedMs = Math.max(1, now() - startedAt);
      const rowsPerSecond = done / (elapsedMs / 1000);
      return {
        total,
        done,
        updated,
        failed,
        other,
        retrying: retrying.size,
        calls,
        retries,
        rowsPerSecond: Math.round(rowsPerSecond * 100) / 100,
        ...(rowsPerSecond > 0 && done < total ? { etaMs: Math.round(((total - done) / rowsPerSecond) * 1000) } : {}),
        elapsedMs,
        ...(quotaLeft === undefined ? { quotaUnknown: quotaUnknown ?? 'reading' } : { quotaLeft }),
        ...(note ? { note } : {}),
      };
    },
  };
}

export type ProgressTracker = ReturnType<typeof createProgressTracker>;
