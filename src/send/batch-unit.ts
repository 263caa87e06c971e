import type { BatchOutcome, UpdateManyRequest } from '../api/client.js';
import type { MappedRow, RowResult } from '../core/types.js';
import type { BatchSizer } from './batch-size.js';
import { callWithRetries, type CallsResult, type UnitContext } from './call-retry.js';
import { rowResult, sendRow } from './send-unit.js';

export interface BatchContext extends UnitContext {
  readonly sizer: BatchSizer;
  /** The quota units one updateMany call of `records` records may cost. */
  readonly batchUnits: (records: number) => number;
  /** Told of rows settled by a batch's own answer (not by a row's update.php call), for the breaker. */
  readonly onSettled: (results: readonly RowResult[]) => void;
}

/** A row to send in a batch: no attachments (updateMany.php takes none), not chained to another row. */
export interface BatchRow {
  readonly ordinal: number;
  readonly row: MappedRow;
}

/**
 * Sends rows in one updateMany.php call, and never takes its answer on trust for rows it did not confirm:
 * a success whose count equals the records sent confirms them all; any other answer is narrowed down by
 * sending halves again (an update sent twice sets the same values) until each row has an answer of its
 * own, from a confirmed batch or from update.php. Retry-class answers retry the batch as a whole.
 * Resolves with one result per row, in the order given; never rejects.
 */
export async function sendBatch(rows: readonly BatchRow[], context: BatchContext): Promise<RowResult[]> {
  if (rows.length === 1 || context.sizer.unconfirmable) return Promise.all(rows.map(({ ordinal, row }) => sendRow(ordinal, row, context)));
  const started = performance.now();
  const request: UpdateManyRequest = { operation: context.operation, module: context.module, records: rows.map(({ row }) => ({ id: row.id, fields: row.fields })) };
  // The one batch out trying a size bigger than any taken yet, or one that goes at a size known to pass.
  const trying = context.sizer.claim(rows.length);
  const wanted = () => !context.sizer.unconfirmable && context.sizer.allows(rows.length, trying);
  // What the answer says about batches as such is taken in while its slot is still held, so a batch
  // waiting for that slot already goes the new way.
  const call = async () => {
    const answer = await context.client.updateMany(request);
    if (answer.kind === 'ok' && answer.count === undefined) context.sizer.noCount();
    if (answer.kind === 'ok' && answer.count !== undefined && answer.count > rows.length) context.sizer.impossibleCount(answer.count, rows.length);
    if (answer.reason === 'too-large') context.sizer.tooLarge(rows.length, answer.message);
    // An answer about the batch's content (or its success) says the CRM took a call of this size.
    else if (answer.kind === 'ok' || answer.kind === 'row') context.sizer.took(rows.length);
    return answer;
  };
  const calls = await callWithRetries(rows.map(({ ordinal }) => ordinal), context.batchUnits(rows.length), rows[0]?.row.rowNumber ?? 0, call, context, wanted, 'batch', trying);
  if (trying) context.sizer.release(rows.length);
  const ms = Math.round(performance.now() - started);
  const { outcome, gaveUp } = calls;
  const halves = () => narrow(rows, calls, context);
  // Batches got smaller while this one waited for a slot: sent as they now go.
  if (calls.declined) return regroup(rows, context);
  if (gaveUp && !gaveUp.unreached && calls.allTimeouts) {
    // A batch whose every try timed out may be one the CRM cannot take in time: smaller ones may pass.
    context.sizer.tooLarge(rows.length, 'no answer in time', true);
    return halves();
  }
  if (outcome?.kind === 'ok') {
    if (outcome.count === rows.length) return each(rows, calls, ms, context);
    // Fewer records than sent: that many were not applied, and the answer does not say which.
    if (outcome.count !== undefined && outcome.count < rows.length) return findMissing(rows, rows.length - outcome.count, calls, ms, context);
    // No count, or more than were sent: this CRM's answers cannot confirm a batch (the sizer says why), so
    // each row goes alone, at once, rather than in halves whose counts would confirm nothing either.
    return Promise.all(rows.map(({ ordinal, row }) => sendRow(ordinal, row, context)));
  }
  if (outcome?.kind === 'row') {
    // Sent again at the size the refusal left (half of it, or the largest size known to pass).
    if (outcome.reason === 'too-large') return regroup(rows, context);
    // The CRM may name the record it refused: send that one alone, the rest again together. Only a
    // hint: both parts are still confirmed by their own answers.
    const named = rows.findIndex(({ row }) => namesId(outcome.message, row.id));
    if (named !== -1) {
      const [alone] = rows.slice(named, named + 1) as [BatchRow];
      const rest = rows.filter((_row, index) => index !== named);
      const [single, others] = await Promise.all([sendRow(alone.ordinal, alone.row, context), sendBatch(rest, context)]);
      return inOrder(rows, [single, ...others]);
    }
    return halves();
  }
  // Stopped or out of budget before an answer, gave up after the retries, the server cannot be reached,
  // a fatal answer or the quota: the same for every row of the batch, as for one row.
  return each(rows, calls, ms, context);
}

// The halves are sent again, each confirmed by its own answer (or narrowed further).
async function narrow(rows: readonly BatchRow[], parent: CallsResult<BatchOutcome>, context: BatchContext): Promise<RowResult[]> {
  const middle = Math.ceil(rows.length / 2);
  const [left, right] = await Promise.all([sendBatch(rows.slice(0, middle), context), sendBatch(rows.slice(middle), context)]);
  return sentIn(parent, [...left, ...right]);
}

/**
 * `missing` records of a batch answered with a count were not applied. Only the first half is sent again:
 * its own answers say how many of the missing are in it, so the rest of the count is the second half's.
 * A half left with none missing was applied by the parent call, whose count (with the first half's)
 * confirms it; one left with some is searched the same way. One call a level, about k·(log₂N + 1) calls
 * for k missing records, where sending both halves costs twice that. Where the first half does not settle
 * (a stop, a refusal that is not the record's own) nothing is inferred: the second half is sent too.
 */
async function findMissing(rows: readonly BatchRow[], missing: number, parent: CallsResult<BatchOutcome>, ms: number, context: BatchContext): Promise<RowResult[]> {
  if (missing === rows.length) return sentIn(parent, await Promise.all(rows.map(({ ordinal, row }) => sendRow(ordinal, row, context))));
  const middle = Math.ceil(rows.length / 2);
  const second = rows.slice(middle);
  const first = await sendBatch(rows.slice(0, middle), context);
  const settled = first.every((result) => result.status === 'updated' || (result.status === 'failed' && result.kind === 'row'));
  const left = missing - first.filter((result) => result.status === 'failed').length;
  if (!settled || left < 0 || left > second.length) return sentIn(parent, [...first, ...(await sendBatch(second, context))]);
  // The parent call's answer, once for the rows it applied (its attempts are counted with its first row).
  const rest = left === 0 ? each(second, { ...parent, attempts: Math.min(1, parent.attempts), refused: {} }, ms, context) : await findMissing(second, left, parent, ms, context);
  return [...first, ...rest];
}

// A row the job stopped before confirming was still sent in the batch, whose answer did not say whether it
// was applied: it says so, and resume sends it again.
function sentIn(parent: CallsResult<BatchOutcome>, results: readonly RowResult[]): RowResult[] {
  const answer = parent.outcome ?? parent.gaveUp;
  return results.map((result) =>
    result.status === 'not_sent' && result.attempts === 0 && parent.call !== undefined && answer
      ? {
          ...result,
          attempts: 1,
          call: parent.call,
          kind: answer.kind,
          ...(answer.httpStatus === undefined ? {} : { httpStatus: answer.httpStatus }),
          ...(answer.apiCode === undefined ? {} : { apiCode: answer.apiCode }),
          message: `sent in call ${parent.call}, whose answer (${answer.message}) did not confirm this row; the job stopped before it was confirmed, so it may or may not have been applied (resume sends it again)`,
        }
      : result,
  );
}

// Rows sent in batches of the current size (or one by one once batches cannot be confirmed): one batch
// now, the rest cut again when it gets a slot, at the size of that moment (a size still being searched
// for may have grown meanwhile).
async function regroup(rows: readonly BatchRow[], context: BatchContext): Promise<RowResult[]> {
  const size = context.sizer.unconfirmable ? 1 : context.sizer.size;
  if (size === 1) return (await Promise.all(rows.map((row) => sendBatch([row], context)))).flat();
  const [first, rest] = await Promise.all([sendBatch(rows.slice(0, size), context), rows.length > size ? sendBatch(rows.slice(size), context) : []]);
  return [...first, ...rest];
}

// One result per row from the batch's calls. The batch's attempts and refusals are told once (on its
// first row), so the summary counts each call once.
function each(rows: readonly BatchRow[], calls: CallsResult<BatchOutcome>, ms: number, context: BatchContext): RowResult[] {
  let unreachableTold = false;
  const tellOnce = { onUnreachable: (outcome: BatchOutcome) => !unreachableTold && ((unreachableTold = true), context.onUnreachable(outcome)) };
  const results = rows.map(({ ordinal, row }, index) => {
    const share = index === 0 ? calls : { ...calls, attempts: Math.min(1, calls.attempts), refused: {} };
    return rowResult(ordinal, row, share, ms, tellOnce);
  });
  context.onSettled(results);
  return results;
}

const inOrder = (rows: readonly BatchRow[], results: readonly RowResult[]) => {
  const byOrdinal = new Map(results.map((result) => [result.ordinal, result]));
  return rows.map(({ ordinal }) => byOrdinal.get(ordinal) as RowResult);
};

// The id as a whole word of the message (an id inside a longer one does not count).
const namesId = (message: string, id: string) => new RegExp(`(^|[^\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`).test(message);
