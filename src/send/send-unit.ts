import fs from 'node:fs/promises';
import type { UpdateRequest } from '../api/client.js';
import { message, say, type Message } from '../core/say.js';
import type { CallOutcome, MappedRow, Mutable, RowResult } from '../core/types.js';
import { callWithRetries, type CallsResult, type UnitContext } from './call-retry.js';

export type { UnitContext } from './call-retry.js';

/**
 * Sends one row with update.php, whose answer is about that record alone. Resolves with the row's
 * result; never rejects.
 */
export async function sendRow(ordinal: number, row: MappedRow, context: UnitContext): Promise<RowResult> {
  const started = performance.now();
  let request: UpdateRequest;
  try {
    request = await buildRequest(row, context);
  } catch (error) {
    const said = unreadable(error);
    return { ordinal, rowNumber: row.rowNumber, id: row.id, status: 'failed', message: say(said, 'en'), said, attempts: 0, ms: 0 };
  }
  const calls = await callWithRetries(ordinal, 1, row.rowNumber, (onWritten) => context.client.update(request, undefined, onWritten), context);
  return rowResult(ordinal, row, calls, Math.round(performance.now() - started), context);
}

/** A row's result from what its calls came to (also for each row of a batch, with the batch's calls). */
export function rowResult(ordinal: number, row: Pick<MappedRow, 'rowNumber' | 'id'>, calls: CallsResult<CallOutcome>, ms: number, context: Pick<UnitContext, 'onUnreachable'>): RowResult {
  // Built field by field, not spread: every row of every batch gets one.
  const result: Mutable<RowResult> = { ordinal, rowNumber: row.rowNumber, id: row.id, status: 'failed', attempts: calls.attempts, ms };
  if (hasAny(calls.refused)) result.refused = calls.refused;
  if (calls.call !== undefined) result.call = calls.call;
  // Sent again after a call that may have applied it; not a record the CRM refused for itself (never applied).
  if (calls.mayHaveApplied > 1 && calls.outcome?.kind !== 'row') result.reapplied = true;
  const { outcome, gaveUp } = calls;
  if (gaveUp) {
    answer(result, gaveUp);
    if (gaveUp.unreached) {
      context.onUnreachable(gaveUp);
      // Not reached at the end; an earlier try that reached the CRM may still have applied it.
      const unsure = calls.mayHaveApplied > 0;
      result.status = unsure ? 'failed' : 'not_sent';
      return noted(result, message('note.gave-up', { answer: gaveUp.message, tries: calls.tries, reached: false, ...(unsure ? { doubt: 'earlier-try' as const } : {}) }));
    }
    const doubt = gaveUp.reason === 'timeout' ? 'timeout' : calls.mayHaveApplied > 0 ? 'no-answer' : undefined;
    return noted(result, message('note.gave-up', { answer: gaveUp.message, tries: calls.tries, reached: true, ...(doubt ? { doubt } : {}) }));
  }
  // Stopped (interrupt, budget, another row's fatal answer) before this row got a final answer. Sent in a
  // call whose answer did not say whether it was applied (it never came, or could not be read), it is not
  // "not sent": its outcome is unknown (no kind, so that resume sends it again).
  if (outcome === undefined && calls.mayHaveApplied > 0 && calls.last) {
    answer(result, calls.last);
    delete result.kind;
    return noted(result, message('note.stopped-unconfirmed', { answer: calls.last.message, ...(calls.call === undefined ? {} : { call: calls.call }) }));
  }
  if (outcome === undefined) {
    if (calls.last) answer(result, calls.last);
    result.status = 'not_sent';
    return result;
  }
  answer(result, outcome);
  // The quota, or a server that cannot be reached: not applied, and resumable; fatal and row answers are
  // this row's failure.
  result.status = outcome.kind === 'ok' ? 'updated' : outcome.kind === 'quota' || outcome.unreached ? 'not_sent' : 'failed';
  return calls.said ? noted(result, calls.said) : result;
}


// What an answer says, on the row's result: its class, HTTP status, API code and message.
function answer(result: Mutable<RowResult>, outcome: CallOutcome): void {
  result.kind = outcome.kind;
  if (outcome.httpStatus !== undefined) result.httpStatus = outcome.httpStatus;
  if (outcome.apiCode !== undefined) result.apiCode = outcome.apiCode;
  result.message = outcome.message;
}

// The row's note, written by the run itself: its English, and the message the run's files word in their language.
function noted(result: Mutable<RowResult>, said: Message): RowResult {
  result.message = say(said, 'en');
  result.said = said;
  return result;
}

function hasAny(object: object): boolean {
  for (const _key in object) return true;
  return false;
}

// The check found every file; one that cannot be read now was deleted, moved or locked since. The row is
// not sent and ends failed with no kind, so resume sends it again once the file is back.
function unreadable(error: unknown): Message {
  const { code, path: file, message: reason } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT') return message('note.attachment-gone', { file: file ?? '' });
  return message('note.attachment-unreadable', { reason: String(reason) });
}

async function buildRequest(row: MappedRow, context: UnitContext): Promise<UpdateRequest> {
  // Files are read when their row is sent, never held for the whole job.
  const attachments = await Promise.all(row.attachments.map(async (file) => (await fs.readFile(file.path)).toString('base64')));
  return { operation: context.operation, module: context.module, id: row.id, fields: row.fields, ...(attachments.length > 0 ? { attachments } : {}) };
}
