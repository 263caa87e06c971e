import { counted } from '../core/text.js';
import type { Pacer } from './pacer.js';
import type { Stopper } from './stop.js';

export interface BudgetOptions {
  /** --max-calls for this session. */
  readonly maxCalls?: number;
  /** Calls available today, when the quota was read before the start. */
  readonly quotaAvailable?: number;
  /**
   * Waits for the quota to restart: resolves false to stop, or the calls then available (a number)
   * or true when that is unknown.
   */
  readonly waitForReset: () => Promise<number | boolean>;
  readonly pacer: Pick<Pacer, 'hold' | 'release'>;
  readonly stopper: Pick<Stopper, 'stop' | 'stopped'>;
}

/**
 * The calls a session may make: --max-calls, and the day's quota when it is known. Stopping at a known
 * quota wastes no call on a refusal; running into an unknown one is handled through `afterQuotaAnswer`.
 */
export function createCallBudget(options: BudgetOptions) {
  let calls = 0;
  let quotaLeft = options.quotaAvailable;
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
        if (result !== false) quotaLeft = result === true ? undefined : result;
        return result;
      })
      .finally(() => (waiting = undefined));
    const result = await waiting;
    options.pacer.release();
    return result;
  };

  return {
    get calls() {
      return calls;
    },
    /**
     * Asked just before a call leaves, with the quota units it may cost (a batch may cost one per record):
     * false means it must not.
     */
    async take(units = 1): Promise<boolean> {
      if (options.stopper.stopped) return false;
      if (options.maxCalls !== undefined && calls >= options.maxCalls) {
        options.stopper.stop('max-calls', `Call budget reached: ${counted(options.maxCalls, 'call')} made (--max-calls).`);
        return false;
      }
      while (quotaLeft !== undefined && quotaLeft < units) {
        if ((await waitOnce()) === false) {
          options.stopper.stop('quota', 'Daily quota reached: every call available today was used. Resume after the reset (or use --wait-for-quota).');
          return false;
        }
      }
      if (options.stopper.stopped) return false;
      calls += 1;
      if (quotaLeft !== undefined) quotaLeft -= units;
      return true;
    },
    /** The CRM said TOKEN LIMIT EXCEEDED: true when the job waited for the reset and may send again. */
    async afterQuotaAnswer(): Promise<boolean> {
      quotaLeft = 0;
      return (await waitOnce()) !== false;
    },
  };
}
