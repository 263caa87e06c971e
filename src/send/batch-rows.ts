// The rows of a batch as it is sent and narrowed down: what each row's calls came to, carried from a
// batch to its halves, and the results built from it.
import type { CallOutcome, CallReason, MappedRow, RowResult } from '../core/types.js';
import type { CallsResult, UnitContext } from './call-retry.js';
import { rowResult } from './send-unit.js';

/** A row to send in a batch: no attachments (updateMany.php takes none), not chained to another row. */
export interface BatchRow {
  readonly ordinal: number;
  readonly row: MappedRow;
}

/** What a row's calls in this session came to so far: every call it was sent in, batch or halves. */
export interface Carry {
  attempts: number;
  /** Of those, the calls counted on this row: a call is counted on its first row, so each call once. */
  counted: number;
  /** Of those, the calls that may have applied it (see `mayHaveApplied` in api/classify.ts). */
  applied: number;
  /** Made when the first refusal comes (most rows never have one). */
  refused?: Partial<Record<CallReason, number>>;
  /** The last call it was sent in, and that call's last answer. */
  call?: number;
  last?: CallOutcome;
}

const NO_REFUSALS: Readonly<Partial<Record<CallReason, number>>> = Object.freeze({});

/** A row of a batch being sent, with what its calls came to so far. */
export interface SentRow extends BatchRow {
  readonly carry: Carry;
}

/**
 * A row as a batch sends it. Built field by field, not spread: every row of every batch gets one, and it
 * lives until its batch's answer, long enough for V8 to move spread-built objects out of the young heap.
 */
export const withCarry = (row: BatchRow, carry: Partial<Carry> = {}): SentRow => ({
  ordinal: row.ordinal,
  row: row.row,
  carry: { attempts: carry.attempts ?? 0, counted: carry.counted ?? 0, applied: carry.applied ?? 0, refused: carry.refused, call: carry.call, last: carry.last },
});

/** Adds a unit's calls to each row it sent; the calls themselves are counted on its first row. */
export function absorb(rows: readonly SentRow[], calls: CallsResult<CallOutcome>): void {
  rows.forEach(({ carry }, index) => {
    carry.attempts += calls.attempts;
    carry.applied += calls.mayHaveApplied;
    if (index === 0) carry.counted += calls.attempts;
    for (const [reason, count] of Object.entries(calls.refused)) {
      const refused = (carry.refused ??= {});
      refused[reason as CallReason] = (refused[reason as CallReason] ?? 0) + count;
    }
    if (calls.call !== undefined) carry.call = calls.call;
    if (calls.last) carry.last = calls.last;
  });
}

/**
 * A row's result from the final calls of the unit it ended in (already absorbed) and everything its
 * earlier calls came to: every call it was sent in, and whether one may have applied it.
 */
export function resultOf(sent: SentRow, calls: CallsResult<CallOutcome>, ms: number, context: Pick<UnitContext, 'onUnreachable'>): RowResult {
  const { carry } = sent;
  // One object a row, not a spread of each part: every row of every batch gets one.
  const merged: { -readonly [K in keyof CallsResult<CallOutcome>]: CallsResult<CallOutcome>[K] } = Object.assign({}, calls, { attempts: carry.attempts, mayHaveApplied: carry.applied, refused: carry.refused ?? NO_REFUSALS });
  if (carry.call !== undefined) merged.call = carry.call;
  if (carry.last) merged.last = carry.last;
  const result = rowResult(sent.ordinal, sent.row, merged, ms, context) as RowResult & { countedCalls?: number };
  result.countedCalls = carry.counted;
  return result;
}
