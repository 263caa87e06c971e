import type { JobEvent } from '../core/events.js';

/**
 * How many records a batch holds now. It only shrinks: a batch the CRM refuses as too large (413, "too
 * many", or a call that only ever times out) halves it for the rest of the run; a CRM whose success
 * answer gives no count cannot confirm a batch by its answer, so rows go one by one from then on.
 */
export interface BatchSizer {
  readonly size: number;
  /** The CRM's answers to updateMany carry no count: batches cannot be confirmed by their answer. */
  readonly unconfirmable: boolean;
  tooLarge(sent: number, why: string): void;
  noCount(): void;
}

export function createBatchSizer(size: number, onEvent: (event: JobEvent) => void): BatchSizer {
  let current = size;
  let unconfirmable = false;
  const change = (to: number, reason: string) => {
    onEvent({ type: 'batch-size', from: current, to, reason });
    current = to;
  };
  return {
    get size() {
      return current;
    },
    get unconfirmable() {
      return unconfirmable;
    },
    tooLarge(sent, why) {
      const next = Math.max(1, Math.floor(sent / 2));
      if (next < current) change(next, `a batch of ${sent} was refused as too large (${why}): batches of ${next} from now on`);
    },
    noCount() {
      if (unconfirmable) return;
      unconfirmable = true;
      change(1, 'updateMany.php answered without a count of the records it edited, so a batch cannot be confirmed by its answer: rows go one by one with update.php from now on (wolkvox-bulk probe tells this before a job)');
    },
  };
}
