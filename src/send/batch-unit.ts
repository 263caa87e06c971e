import type { BatchOutcome, OnWritten, UpdateManyRequest } from '../api/client.js';
import { message, say } from '../core/say.js';
import type { RowResult } from '../core/types.js';
import { hasVerdict, isVerdict } from '../core/verdict.js';
import { absorb, resultOf, withCarry, type BatchRow, type SentRow } from './batch-rows.js';
import type { ResumedBatch, ResumedBatches } from './batch-resume.js';
import type { BatchSizer } from './batch-size.js';
import { callWithRetries, type CallsResult, type UnitContext } from './call-retry.js';

export type { BatchRow } from './batch-rows.js';

export interface BatchContext extends UnitContext {
  readonly sizer: BatchSizer;
  /** The quota units one updateMany call of `records` records may cost. */
  readonly batchUnits: (records: number) => number;
  /** Told of rows settled by a batch's own answer (not by a row's update.php call), for the breaker. */
  readonly onSettled: (results: readonly RowResult[]) => void;
  /** Records a row's result for this session (journal, table, events) as soon as it has one. */
  readonly finish: (result: RowResult) => void;
  /** Journals that call `call`'s answer did not confirm these rows each: they are being narrowed down. */
  readonly onNarrow: (ordinals: readonly number[], missing: number | undefined, call: number) => void;
  /** The batches an earlier session was narrowing down when it ended, gone on with here. */
  readonly resumed?: ResumedBatches;
}

/**
 * Sends rows in updateMany.php calls, and never takes an answer on trust for rows it did not confirm: a
 * success whose count equals the records sent confirms them all; any other answer is narrowed down by
 * sending parts again (an update sent twice sets the same values) until each row has an answer of its
 * own, from a confirmed batch or from update.php. Retry-class answers retry the batch as a whole.
 *
 * Each row's result is recorded (`finish`) as soon as it has one, and before a batch is narrowed down
 * the journal says so (`onNarrow`): a crash meanwhile leaves only the calls in flight unknown, and a
 * resume goes on narrowing down from where it was. Resolves with the results it did not record (a quota
 * refusal, which the caller sends again after the reset, or records as not sent); never rejects.
 */
export async function sendBatch(rows: readonly BatchRow[], context: BatchContext): Promise<RowResult[]> {
  const { ready, rest } = context.resumed?.take(rows) ?? { ready: [], rest: rows };
  const parts = await Promise.all([...ready.map((batch) => goOn(batch, context)), rest.length > 0 ? send(rest.map((row) => withCarry(row)), context) : []]);
  return parts.flat().filter((result) => result.kind === 'quota');
}

async function send(rows: readonly SentRow[], context: BatchContext): Promise<RowResult[]> {
  if (rows.length === 1 || context.sizer.unconfirmable) return alone(rows, context);
  const started = performance.now();
  const request: UpdateManyRequest = { operation: context.operation, module: context.module, records: rows.map(({ row }) => ({ id: row.id, fields: row.fields })) };
  // The one batch out trying a size bigger than any taken yet, or one that goes at a size known to pass.
  const trying = context.sizer.claim(rows.length);
  const wanted = () => !context.sizer.unconfirmable && context.sizer.allows(rows.length, trying);
  // What the answer says about batches as such is taken in while its slot is still held, so a batch
  // waiting for that slot already goes the new way.
  const call = async (onWritten: OnWritten) => {
    const answer = await context.client.updateMany(request, undefined, onWritten);
    if (answer.kind === 'ok' && answer.count === undefined) context.sizer.noCount();
    if (answer.kind === 'ok' && answer.count !== undefined && answer.count > rows.length) context.sizer.impossibleCount(answer.count, rows.length);
    if (answer.reason === 'too-large') context.sizer.tooLarge(rows.length, answer.message);
    // An answer about the batch's content (or its success) says the CRM took a call of this size.
    else if (isVerdict(answer.kind)) context.sizer.took(rows.length);
    return answer;
  };
  const calls = await callWithRetries(rows.map(({ ordinal }) => ordinal), context.batchUnits(rows.length), rows[0]?.row.rowNumber ?? 0, call, context, wanted, 'batch', trying);
  if (trying) context.sizer.release(rows.length);
  absorb(rows, calls);
  const ms = Math.round(performance.now() - started);
  const { outcome, gaveUp } = calls;
  // Sent again in parts: the journal says first that these rows are being narrowed down, and what is known.
  const narrowing = (missing?: number) => calls.call !== undefined && context.onNarrow(rows.map(({ ordinal }) => ordinal), missing, calls.call);
  // Batches got smaller while this one waited for a slot: sent as they now go.
  if (calls.declined) return regroup(rows, context);
  if (gaveUp && !gaveUp.unreached && calls.allTimeouts) {
    // A batch whose every try timed out may be one the CRM cannot take in time: smaller ones may pass.
    context.sizer.tooLarge(rows.length, 'no answer in time', true);
    narrowing();
    return regroup(rows, context);
  }
  if (outcome?.kind === 'ok') {
    if (outcome.count === rows.length) return each(rows, calls, ms, context);
    // Fewer records than sent: that many were not applied, and the answer does not say which.
    if (outcome.count !== undefined && outcome.count < rows.length) {
      narrowing(rows.length - outcome.count);
      return findMissing(rows, rows.length - outcome.count, calls, context);
    }
    // No count, or more than were sent: this CRM's answers cannot confirm a batch (the sizer says why), so
    // each row goes alone, at once, rather than in halves whose counts would confirm nothing either.
    narrowing();
    return alone(rows, context);
  }
  if (outcome?.kind === 'row') {
    // Refused before anything was done: sent again at the size the refusal left.
    if (outcome.reason === 'too-large') return regroup(rows, context);
    narrowing();
    // The CRM may name the record it refused: that one alone, the rest again together. Only a hint: both
    // parts are still confirmed by their own answers.
    const named = rows.findIndex(({ row }) => namesId(outcome.message, row.id));
    if (named !== -1) {
      const parts = await Promise.all([alone(rows.slice(named, named + 1), context), send(rows.filter((_row, index) => index !== named), context)]);
      return parts.flat();
    }
    return halves(rows, context);
  }
  // Stopped or out of budget before an answer, gave up after the retries, the server cannot be reached,
  // a fatal answer or the quota: the same for every row of the batch, as for one row.
  return each(rows, calls, ms, context);
}

// The halves are sent again, each confirmed by its own answer (or narrowed further).
async function halves(rows: readonly SentRow[], context: BatchContext): Promise<RowResult[]> {
  const middle = Math.ceil(rows.length / 2);
  return (await Promise.all([send(rows.slice(0, middle), context), send(rows.slice(middle), context)])).flat();
}

/**
 * `missing` records of a batch answered with a count were not applied. Only the first half is sent again:
 * its own answers say how many of the missing are in it, so the rest of the count is the second half's.
 * A half left with none missing was applied by the parent call, whose count (with the first half's)
 * confirms it; one left with some is searched the same way. One call a level, about k·(log₂N + 1) calls
 * for k missing records, where sending both halves costs twice that. Where the first half does not settle
 * (a stop, a refusal that is not the record's own) nothing is inferred: the second half is sent too.
 * The journal's fold makes the same inference for a resume (store/narrowing.ts).
 */
async function findMissing(rows: readonly SentRow[], missing: number, parent: CallsResult<BatchOutcome>, context: BatchContext): Promise<RowResult[]> {
  if (missing === rows.length) return alone(rows, context);
  const middle = Math.ceil(rows.length / 2);
  const second = rows.slice(middle);
  const first = await send(rows.slice(0, middle), context);
  const settled = first.every(hasVerdict);
  const left = missing - first.filter((result) => result.status === 'failed').length;
  if (!settled || left < 0 || left > second.length) return [...first, ...(await send(second, context))];
  return [...first, ...(left === 0 ? each(second, parent, 0, context) : await findMissing(second, left, parent, context))];
}

/** A batch an earlier session was narrowing down: on from where it was, as that session would have gone. */
function goOn({ group, rows }: ResumedBatch, context: BatchContext): Promise<RowResult[]> {
  // Each row was sent in the group's call, which may have applied it.
  const sent = rows.map((row) => withCarry(row, { attempts: 1, applied: 1, call: group.call }));
  // No answer says it in words: the run's own inference, worded in the run's language.
  const said = message('note.applied-by-narrowing', { call: group.call });
  const parent: CallsResult<BatchOutcome> = {
    outcome: { kind: 'ok', reason: 'updated', message: say(said, 'en'), ms: 0 },
    allTimeouts: false,
    attempts: 0,
    mayHaveApplied: 0,
    tries: 0,
    refused: {},
    call: group.call,
    said,
  };
  if (group.missing === 0) return Promise.resolve(each(sent, parent, 0, context));
  if (group.missing !== undefined) return findMissing(sent, group.missing, parent, context);
  return sent.length === 1 ? alone(sent, context) : halves(sent, context);
}

// Rows sent in batches of the current size (or one by one once batches cannot be confirmed): one batch
// now, the rest cut again when it gets a slot, at the size of that moment (a size still being searched
// for may have grown meanwhile). Never the whole of what was refused again.
async function regroup(rows: readonly SentRow[], context: BatchContext): Promise<RowResult[]> {
  const size = context.sizer.unconfirmable ? 1 : Math.min(context.sizer.size, Math.ceil(rows.length / 2));
  if (size === 1) return alone(rows, context);
  return (await Promise.all([send(rows.slice(0, size), context), send(rows.slice(size), context)])).flat();
}

// Each row with update.php, whose answer is about that record alone.
function alone(rows: readonly SentRow[], context: BatchContext): Promise<RowResult[]> {
  return Promise.all(
    rows.map(async (sent) => {
      const started = performance.now();
      const request = { operation: context.operation, module: context.module, id: sent.row.id, fields: sent.row.fields };
      const calls = await callWithRetries(sent.ordinal, 1, sent.row.rowNumber, (onWritten) => context.client.update(request, undefined, onWritten), context);
      absorb([sent], calls);
      const result = resultOf(sent, calls, Math.round(performance.now() - started), context);
      if (result.kind !== 'quota') context.finish(result);
      return result;
    }),
  );
}

// One result per row from the batch's calls (every row counts them; each call is counted on one row), each
// recorded at once but for a quota refusal (the caller's to decide).
function each(rows: readonly SentRow[], calls: CallsResult<BatchOutcome>, ms: number, context: BatchContext): RowResult[] {
  let unreachableTold = false;
  const tellOnce = { onUnreachable: (outcome: BatchOutcome) => !unreachableTold && ((unreachableTold = true), context.onUnreachable(outcome)) };
  const results = rows.map((sent) => resultOf(sent, calls, ms, tellOnce));
  for (const result of results) if (result.kind !== 'quota') context.finish(result);
  context.onSettled(results);
  return results;
}

// The id as a whole word of the message (an id inside a longer one does not count).
const namesId = (message: string, id: string) => new RegExp(`(^|[^\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`).test(message);
