import type { BreakerTrip } from '../core/catalog/en.js';
import type { CallKind, RowStatus } from '../core/types.js';
import { hasVerdict, isVerdict } from '../core/verdict.js';

const FIRST_ROWS = 20;
const WINDOW = 100;

/**
 * Stops a job whose rows fail too often (the CRM refuses them, or they fail after every retry): a wrong
 * mapping or module, or a server that answers with a login page, must not spend the day's quota. Trips when the first 20 finished rows all failed, or when
 * more than `maxRate` of the last 100 did. A `maxRate` of 0 turns it off.
 */
export function createBreaker(maxRate: number) {
  // The last WINDOW ends as a ring, with its failures counted as they come and go: the breaker is asked at
  // every row's end (a million times on a million rows), so it must not walk the window each time.
  const recent: (string | undefined)[] = new Array(WINDOW);
  let finished = 0;
  let failing = 0;
  let failedAtStart = 0;

  const last = () => (finished < WINDOW ? recent.slice(0, finished) : [...recent.slice(finished % WINDOW), ...recent.slice(0, finished % WINDOW)]);
  const dominant = (messages: readonly (string | undefined)[]) => {
    const counts = new Map<string, number>();
    for (const message of messages) if (message !== undefined) counts.set(message, (counts.get(message) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['unknown error', 0];
  };

  /**
   * Counts a row's end as soon as it is known — a success (undefined) or a failure's message: a
   * row-class refusal, counted before the next call can start, or a row that gave up after its retries.
   * Returns why when the job should stop.
   */
  return (failure: string | undefined): BreakerTrip | undefined => {
    if (maxRate === 0) return undefined;
    const slot = finished % WINDOW;
    if (finished >= WINDOW && recent[slot] !== undefined) failing -= 1;
    recent[slot] = failure;
    if (failure !== undefined) failing += 1;
    finished += 1;
    if (finished <= FIRST_ROWS && failure !== undefined) failedAtStart += 1;
    if (finished === FIRST_ROWS && failedAtStart === FIRST_ROWS) {
      const [message, count] = dominant(last());
      return { first: true, failed: FIRST_ROWS, of: FIRST_ROWS, count, message };
    }
    if (finished >= WINDOW && failing > maxRate * WINDOW) {
      const [message, count] = dominant(last());
      return { first: false, failed: failing, of: WINDOW, count, message };
    }
    return undefined;
  };
}

/** A row's end as the breaker sees it: a call's answer (no status yet), or a row's recorded result. */
export interface BreakerEnd {
  readonly kind?: CallKind;
  readonly status?: RowStatus;
  readonly message?: string;
}

/**
 * Which row ends the breaker counts, and when: the CRM's verdict on a row (updated, or refused for what it
 * sent) as soon as that answer is known, while its slot is held, so no call starts before a trip
 * (`verdict`); a row that gave up after its retries, its last answer retry- or pause-class, when it ends
 * (`gave-up`). A stop, the quota, a fatal answer or a server never reached says nothing of the rows, and
 * is not counted.
 */
export function breakerCounts(end: BreakerEnd): 'verdict' | 'gave-up' | undefined {
  if (end.status === undefined ? isVerdict(end.kind) : hasVerdict({ status: end.status, kind: end.kind })) return 'verdict';
  return end.status === 'failed' && (end.kind === 'retry' || end.kind === 'pause') ? 'gave-up' : undefined;
}

/** What the breaker records of an end it counts: a success (undefined), or the failure's message. */
export const breakerFailure = (end: BreakerEnd): string | undefined =>
  end.status === 'updated' || (end.status === undefined && end.kind === 'ok') ? undefined : (end.message ?? 'no message');
