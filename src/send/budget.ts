import { message } from '../core/say.js';
import type { Pacer } from './pacer.js';
import type { Stopper } from './stop.js';

export interface BudgetOptions {
  /**
   * --max-calls for this session, in quota units: a call costs one, an updateMany.php call one per record
   * unless it is known to cost one (what `take` is asked for).
   */
  readonly maxCalls?: number;
  /** Quota units available today, when the quota was read before the start. */
  readonly quotaAvailable?: number;
  /**
   * Quota units of the day kept for the token's other integrations (--reserve): the session stops, or waits
   * for the reset, once only these are left. @default 0
   */
  readonly reserve?: number;
  /**
   * Waits for the quota to restart: resolves false to stop, or the units then available (a number)
   * or true when that is unknown.
   */
  readonly waitForReset: () => Promise<number | boolean>;
  readonly pacer: Pick<Pacer, 'hold' | 'release'>;
  /**
   * With a reserve over a known quota: reads the token's quota again (one request) every `every` calls, so
   * what the token's other integrations spend during a long run is seen; `read` gives the units available
   * then (undefined when the CRM did not say). `inFlight`: the calls in flight now, this one included.
   */
  readonly reread?: { readonly every: number; readonly read: () => Promise<number | undefined>; readonly inFlight: () => number };
  readonly stopper: Pick<Stopper, 'stop' | 'stopped'>;
}

/**
 * How often `--reserve` reads the quota again: every 100 calls, so the reads are 1 % of the calls at most
 * (each costs one request), and another integration's use is seen within 100 calls.
 */
export const QUOTA_REREAD_EVERY = 100;

/**
 * The calls a session may make, counted in quota units: --max-calls, and the day's quota when it is known.
 * Stopping at a known quota wastes no call on a refusal; running into an unknown one is handled through
 * `afterQuotaAnswer`.
 */
export function createCallBudget(options: BudgetOptions) {
  let calls = 0;
  let units = 0;
  const reserve = options.reserve ?? 0;
  // What the token has left today, less the reserve: the units this session may spend of it.
  const beyondReserve = (available: number) => Math.max(0, available - reserve);
  let quotaLeft = options.quotaAvailable === undefined ? undefined : beyondReserve(options.quotaAvailable);
  // One wait for the reset, shared by every call that runs into it.
  let waiting: Promise<number | boolean> | undefined;

  const waitOnce = async (): Promise<number | boolean> => {
    options.pacer.hold();
    // Several calls may wait on the same reset: the new budget is taken once, by the shared wait, and
    // before the pool is released (released calls start at once and must see it, or they would wait
    // again and spend a unit on the check).
    waiting ??= options
      .waitForReset()
      .then((result) => {
        if (result !== false) quotaLeft = result === true ? undefined : beyondReserve(result);
        return result;
      })
      .finally(() => (waiting = undefined));
    const result = await waiting;
    options.pacer.release();
    return result;
  };

  // The calls count at which the quota was last read again: one read for every `every` calls.
  let rereadAt = 0;
  const rereadQuota = async (reread: NonNullable<BudgetOptions['reread']>, cost: number) => {
    // The other calls in flight may not be counted by the CRM yet: they are taken off what it says.
    const unanswered = Math.max(0, reread.inFlight() - 1) * cost;
    const available = await reread.read();
    if (quotaLeft === undefined) return;
    quotaLeft = available === undefined ? Math.max(0, quotaLeft - 1) : Math.max(0, beyondReserve(available) - unanswered);
  };

  const maxCallsReached = () => {
    options.stopper.stop('max-calls', message('stop.max-calls', { calls, ...(units === calls ? {} : { units }), max: options.maxCalls ?? 0 }));
  };

  return {
    get calls() {
      return calls;
    },
    /**
     * Asked just before a call leaves, with the quota units it may cost (a batch may cost one per record):
     * false means it must not.
     */
    async take(cost = 1): Promise<boolean> {
      if (options.stopper.stopped) return false;
      const { reread } = options;
      if (reread && quotaLeft !== undefined && calls > 0 && calls % reread.every === 0 && rereadAt !== calls) {
        rereadAt = calls;
        await rereadQuota(reread, cost);
        if (options.stopper.stopped) return false;
      }
      if (options.maxCalls !== undefined && units + cost > options.maxCalls) {
        maxCallsReached();
        return false;
      }
      while (quotaLeft !== undefined && quotaLeft < cost) {
        if ((await waitOnce()) === false) {
          options.stopper.stop('quota', reserve > 0 ? message('stop.quota-reserve', { reserve }) : message('stop.quota-reached'));
          return false;
        }
      }
      if (options.stopper.stopped) return false;
      calls += 1;
      units += cost;
      if (quotaLeft !== undefined) quotaLeft -= cost;
      return true;
    },
    /**
     * The units that may be spent now without waiting or stopping (the quota left, what --max-calls leaves),
     * keeping `reserve` quota units aside; Infinity when nothing bounds them.
     */
    room(reserve = 0): number {
      const quota = quotaLeft === undefined ? Number.POSITIVE_INFINITY : quotaLeft - reserve;
      const max = options.maxCalls === undefined ? Number.POSITIVE_INFINITY : options.maxCalls - units;
      return Math.max(0, Math.min(quota, max));
    },
    /** The quota was read again (one unit) with nothing in flight: the units it gave, when it gave them. */
    quotaRead(available: number | undefined): void {
      if (available !== undefined) quotaLeft = beyondReserve(available);
      else if (quotaLeft !== undefined) quotaLeft = Math.max(0, quotaLeft - 1);
    },
    /** The CRM said TOKEN LIMIT EXCEEDED: true when the job waited for the reset and may send again. */
    async afterQuotaAnswer(): Promise<boolean> {
      quotaLeft = 0;
      return (await waitOnce()) !== false;
    },
  };
}
