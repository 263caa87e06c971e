import { counted } from '../core/text.js';
import type { StopReason } from '../core/types.js';
import type { Pacer } from './pacer.js';

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
  /** A soft stop: no new calls, granted ones still go. */
  readonly finish: (reason: StopReason, message: string) => void;
  readonly isStopping: () => boolean;
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

  // Several calls may have waited on the same reset: only the first takes the new budget.
  const refill = (available: number | true) => {
    if (quotaLeft === undefined || quotaLeft <= 0) quotaLeft = available === true ? undefined : available;
  };
  const waitOnce = async (): Promise<number | boolean> => {
    options.pacer.hold();
    waiting ??= options.waitForReset().finally(() => (waiting = undefined));
    const result = await waiting;
    // Refill before releasing the pool: releasing starts waiting calls at once, and they must see the
    // new budget, not the spent one (or they would wait again, and spend a unit on the check).
    if (result !== false) refill(result);
    options.pacer.release();
    return result;
  };

  return {
    get calls() {
      return calls;
    },
    /** Asked just before a call leaves: false means it must not. */
    async take(): Promise<boolean> {
      if (options.isStopping()) return false;
      if (options.maxCalls !== undefined && calls >= options.maxCalls) {
        options.finish('max-calls', `Call budget reached: ${counted(options.maxCalls, 'call')} made (--max-calls).`);
        return false;
      }
      while (quotaLeft !== undefined && quotaLeft <= 0) {
        if ((await waitOnce()) === false) {
          options.finish('quota', 'Daily quota reached: every call available today was used. Resume after the reset (or use --wait-for-quota).');
          return false;
        }
      }
      if (options.isStopping()) return false;
      calls += 1;
      if (quotaLeft !== undefined) quotaLeft -= 1;
      return true;
    },
    /** The CRM said TOKEN LIMIT EXCEEDED: true when the job waited for the reset and may send again. */
    async afterQuotaAnswer(): Promise<boolean> {
      quotaLeft = 0;
      return (await waitOnce()) !== false;
    },
  };
}
