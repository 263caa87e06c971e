import type { JobEvent } from '../core/events.js';
import { message, say, type Message } from '../core/say.js';
import type { BatchSummary } from '../core/types.js';

/**
 * How many records a batch holds. A batch the CRM refuses as too large (413, "too many") starts a search
 * for the largest size it takes: the size halves until a batch is taken; then batches go at the largest
 * size taken while one batch at a time tries halfway between it and the smallest size refused, until the
 * two meet (a cap of 99 ends at 99, where halving alone stopped at 50). One try at a time, so a size that
 * is refused costs one call, not every batch gathered at it. A batch that only ever times out halves the
 * size, and nothing above it is tried again: a CRM slow under load says nothing exact about a size, and
 * each try would cost its timeouts again. A CRM whose answers cannot confirm a batch gets rows one by one.
 */
export interface BatchSizer {
  /** The size the next batch is gathered at. */
  readonly size: number;
  /** The CRM's answers to updateMany cannot confirm a batch: rows go one by one with update.php. */
  readonly unconfirmable: boolean;
  /**
   * A batch of `sent` records is about to wait for its slot: true when it goes as the one try of a size
   * above the largest taken (it must then `release` when its calls are over).
   */
  claim(sent: number): boolean;
  /** Whether a batch of `sent` records (the try, when `trying`) may still go as it is when its slot comes. */
  allows(sent: number, trying: boolean): boolean;
  /** The try of `sent` records is over, whatever its answer. */
  release(sent: number): void;
  /** A batch of `sent` records was answered as a batch (not refused as too large): the CRM takes that size. */
  took(sent: number): void;
  /** A batch of `sent` records was refused as too large; `timedOut`: it was never answered in time. */
  tooLarge(sent: number, why: string, timedOut?: boolean): void;
  /** A success without a count: no answer of this CRM can confirm a batch. */
  noCount(): void;
  /** A success counting more records than were sent: a count that cannot be true confirms nothing. */
  impossibleCount(count: number, sent: number): void;
  /** What the summary says of batches: the size the run ended with, and why rows went one by one. */
  summary(): Pick<BatchSummary, 'used' | 'unconfirmable' | 'why' | 'whySaid'>;
}

export function createBatchSizer(size: number, onEvent: (event: JobEvent) => void): BatchSizer {
  // The largest size taken since the first refusal (0: none yet), and the smallest size refused.
  let taken = 0;
  let refused = Number.POSITIVE_INFINITY;
  let upward = true;
  // The size of the batch out as the try of a bigger size, if one is.
  let trying: number | undefined;
  // Why answers cannot confirm a batch, once one showed it.
  let unconfirmable: Message<'note.batch-why'> | undefined;
  // The size last told, and whether the search was told it is over.
  let told = size;
  let settled = false;
  const tell = (to: number, said: Message) => {
    onEvent({ type: 'batch-size', from: told, to, reason: say(said, 'en'), said });
    told = to;
  };
  const halving = () => refused !== Number.POSITIVE_INFINITY && (!upward || taken === 0);
  const current = () => {
    if (unconfirmable !== undefined) return 1;
    if (refused === Number.POSITIVE_INFINITY) return size;
    if (halving()) return Math.max(1, Math.floor(refused / 2));
    const next = Math.floor((taken + refused) / 2);
    return next > taken && trying === undefined ? next : taken;
  };
  const checkSettled = () => {
    if (!upward || taken === 0 || refused - taken > 1 || settled) return;
    settled = true;
    tell(taken, message('send.batch-settled', { taken, refused }));
  };
  return {
    get size() {
      return current();
    },
    get unconfirmable() {
      return unconfirmable !== undefined;
    },
    claim(sent) {
      if (halving() || refused === Number.POSITIVE_INFINITY || sent <= taken || trying !== undefined) return false;
      trying = sent;
      return true;
    },
    allows: (sent, isTry) => sent <= current() || (isTry && sent < refused),
    release(sent) {
      if (trying === sent) trying = undefined;
    },
    took(sent) {
      if (trying === sent) trying = undefined;
      // Taken after a bigger one was refused: a CRM whose limit moves; the refusal is kept.
      if (sent >= refused || sent <= taken) return;
      taken = sent;
      checkSettled();
    },
    tooLarge(sent, why, timedOut = false) {
      if (trying === sent) trying = undefined;
      if (sent >= refused) return;
      // The first refusal, or one of a size taken before (a limit that moved): the search starts again.
      const restart = refused === Number.POSITIVE_INFINITY || sent <= taken;
      const before = current();
      refused = sent;
      if (taken >= refused) taken = 0;
      if (restart) settled = false;
      if (timedOut) upward = false;
      if (timedOut && current() < before) tell(current(), message('send.batch-timed-out', { sent, to: current() }));
      else if (restart && !timedOut) tell(current(), message('send.batch-too-large', { sent, why, to: current() }));
      checkSettled();
    },
    noCount: () => cannotConfirm(message('note.batch-why', {}), message('send.batch-unconfirmable', {})),
    impossibleCount: (count, sent) => cannotConfirm(message('note.batch-why', { count, sent }), message('send.batch-unconfirmable', { count, sent })),
    // The size that went through: once the CRM refused one, the largest it took (the search's next try may
    // never have been sent when the job ended); before any was taken, the size being sent.
    summary: () => ({ used: unconfirmable !== undefined || refused === Number.POSITIVE_INFINITY || taken === 0 ? current() : taken, ...(unconfirmable === undefined ? {} : { unconfirmable: true as const, why: say(unconfirmable, 'en'), whySaid: unconfirmable }) }),
  };

  function cannotConfirm(why: Message<'note.batch-why'>, said: Message) {
    if (unconfirmable !== undefined) return;
    unconfirmable = why;
    tell(1, said);
  }
}
