import type { TokenInfo } from '../core/types.js';
import type { BatchSizer } from './batch-size.js';
import type { createCallBudget } from './budget.js';

/**
 * The quota units one updateMany.php call spent, from the token's use read before and after it: the
 * difference, less the `between` other calls made after the reading before (reads, single rows: one unit
 * each) and less the reading after, which counts itself in the figure it gives (the reading before is in
 * `usedBefore` the same way). Negative when the daily count restarted in between. The job's measure and
 * the probe both count it so.
 */
export function unitsOfBatchCall(usedBefore: number, usedAfter: number, between: number): number {
  return usedAfter - usedBefore - between - 1;
}

/** What those units say a call of `records` records costs: one unit, one per record, or not known (another client, a restart). */
export function costOfBatchCall(units: number, records: number): 'call' | 'record' | undefined {
  return units === 1 ? 'call' : units === records ? 'record' : undefined;
}

/** Learning what one updateMany.php call costs: the token's use read again after the first batch, sent alone. */
export interface BatchCostMeasure {
  /** The token's use as read for the plan (that reading included). */
  readonly usedBefore: number;
  readonly read: () => Promise<TokenInfo | undefined>;
  readonly onMeasured: (cost: 'call' | 'record') => void;
}

export interface BatchCostOptions {
  /** What an earlier session measured. */
  readonly known?: 'call' | 'record';
  /** With --check-quota: measure it around the first batch. */
  readonly measure?: BatchCostMeasure;
  readonly budget: Pick<ReturnType<typeof createCallBudget>, 'room' | 'quotaRead'>;
}

/**
 * What one updateMany.php call costs in quota units, as far as the job knows. Until it is known a batch
 * is counted as one unit per record, so neither the known quota nor --max-calls is ever overspent; a batch
 * the units left cannot pay for in full is cut to what they can (on a CRM where a call costs one unit, any
 * batch fits the last unit).
 */
export function createBatchCost(options: BatchCostOptions) {
  const { budget } = options;
  let cost = options.known;
  let measure = cost === undefined ? options.measure : undefined;
  return {
    get cost() {
      return cost;
    },
    /** The quota units a call of `records` records is counted as. */
    units: (records: number) => (cost === 'call' ? 1 : records),
    /**
     * The sizer batches see when a slot comes: its size cut to the units left. With none left the size
     * stays, and the batch waits for the reset or stops the job as a whole.
     */
    fit(sizer: BatchSizer): BatchSizer {
      const room = () => {
        const left = cost === 'call' ? Number.POSITIVE_INFINITY : budget.room();
        return left >= 1 ? left : Number.POSITIVE_INFINITY;
      };
      return {
        get size() {
          return Math.min(sizer.size, room());
        },
        get unconfirmable() {
          return sizer.unconfirmable;
        },
        claim: (sent) => sizer.claim(sent),
        // A batch gathered before the units ran low is cut again when its slot comes (declined, regrouped).
        allows: (sent, trying) => sent <= room() && sizer.allows(sent, trying),
        release: (sent) => sizer.release(sent),
        took: (sent) => sizer.took(sent),
        tooLarge: (sent, why, timedOut) => sizer.tooLarge(sent, why, timedOut),
        noCount: () => sizer.noCount(),
        impossibleCount: (count, sent) => sizer.impossibleCount(count, sent),
        summary: () => sizer.summary(),
      };
    },
    /** A measure is still to be made (ask `measurable` once nothing else is in flight). */
    get due(): boolean {
      return measure !== undefined;
    },
    /**
     * How many of a batch's `records` to send alone for the measure, now that nothing is in flight: as
     * many as the units left pay for, with one kept for the reading. 0 when that is fewer than 2 (a batch
     * of one goes by update.php, which says nothing of updateMany.php): measured later, after a reset.
     */
    measurable(records: number): number {
      const size = Math.min(records, budget.room(1));
      return size >= 2 ? size : 0;
    },
    /**
     * After the measured batch of `records`: when it went as one call, reads the token's use again. What
     * that call cost is `unitsOfBatchCall`, the `since` units spent after the plan's reading between.
     */
    async measured(oneCall: boolean, records: number, since: number): Promise<void> {
      const taken = measure;
      measure = undefined;
      if (!taken || !oneCall) return;
      const info = await taken.read();
      budget.quotaRead(info?.available);
      if (!info) return;
      const found = costOfBatchCall(unitsOfBatchCall(taken.usedBefore, info.usedToday, since), records);
      if (!found) return;
      cost = found;
      taken.onMeasured(found);
    },
  };
}
