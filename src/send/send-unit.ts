import fs from 'node:fs/promises';
import type { UpdateRequest } from '../api/client.js';
import { counted } from '../core/text.js';
import type { CallOutcome, MappedRow, RowResult } from '../core/types.js';
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
    return { ordinal, rowNumber: row.rowNumber, id: row.id, status: 'failed', message: unreadable(error), attempts: 0, ms: 0 };
  }
  const calls = await callWithRetries(ordinal, 1, row.rowNumber, () => context.client.update(request), context);
  return rowResult(ordinal, row, calls, Math.round(performance.now() - started), context);
}

/** A row's result from what its calls came to (also for each row of a batch, with the batch's calls). */
export function rowResult(ordinal: number, row: Pick<MappedRow, 'rowNumber' | 'id'>, calls: CallsResult<CallOutcome>, ms: number, context: Pick<UnitContext, 'onUnreachable'>): RowResult {
  const base = {
    ordinal,
    rowNumber: row.rowNumber,
    id: row.id,
    attempts: calls.attempts,
    ms,
    ...(Object.keys(calls.refused).length > 0 ? { refused: calls.refused } : {}),
    ...(calls.call === undefined ? {} : { call: calls.call }),
    // Sent again after a call that may have applied it; not a record the CRM refused for itself (never applied).
    ...(calls.mayHaveApplied > 1 && calls.outcome?.kind !== 'row' ? { reapplied: true as const } : {}),
  };
  const { outcome, gaveUp } = calls;
  if (gaveUp) {
    if (gaveUp.unreached) {
      context.onUnreachable(gaveUp);
      // Not reached at the end; an earlier try that reached the CRM may still have applied it.
      const unknown = calls.mayHaveApplied > 0 ? '; an earlier try may have been applied' : '';
      return { ...base, ...answerOf(gaveUp), status: unknown ? 'failed' : 'not_sent', message: `${gaveUp.message} (gave up after ${counted(calls.tries, 'try', 'tries')}${unknown})` };
    }
    const unknown = gaveUp.reason === 'timeout' ? '; the last answer never came, so the update may have been applied' : calls.mayHaveApplied > 0 ? '; no answer said whether it was applied: it may have been' : '';
    return { ...base, ...answerOf(gaveUp), status: 'failed', message: `${gaveUp.message} (gave up after ${counted(calls.tries, 'attempt')}${unknown})` };
  }
  // Stopped (interrupt, budget, another row's fatal answer) before this row got a final answer. Sent in a
  // call whose answer did not say whether it was applied (it never came, or could not be read), it is not
  // "not sent": its outcome is unknown (no kind, so that resume sends it again).
  if (outcome === undefined && calls.mayHaveApplied > 0 && calls.last) {
    const { kind: _kind, ...answer } = answerOf(calls.last);
    return { ...base, ...answer, status: 'failed', message: `${calls.last.message} (sent in call ${calls.call ?? '?'}; the job stopped before an answer confirmed it: it may have been applied, and resume sends it again)` };
  }
  if (outcome === undefined) return { ...base, ...(calls.last ? answerOf(calls.last) : {}), status: 'not_sent' };
  if (outcome.kind === 'ok') return { ...base, ...answerOf(outcome), status: 'updated' };
  // The quota, or a server that cannot be reached: not applied, and resumable; fatal and row answers are
  // this row's failure.
  return { ...base, ...answerOf(outcome), status: outcome.kind === 'quota' || outcome.unreached ? 'not_sent' : 'failed' };
}

const answerOf = (outcome: CallOutcome): Partial<RowResult> => ({
  kind: outcome.kind,
  ...(outcome.httpStatus === undefined ? {} : { httpStatus: outcome.httpStatus }),
  ...(outcome.apiCode === undefined ? {} : { apiCode: outcome.apiCode }),
  message: outcome.message,
});

// The check found every file; one that cannot be read now was deleted, moved or locked since. The row is
// not sent and ends failed with no kind, so resume sends it again once the file is back.
function unreadable(error: unknown): string {
  const { code, path: file, message } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT') return `Attachment could not be read: ${file ?? 'a file'} is gone (the check found it; it was deleted or moved since). Put it back and resume.`;
  return `Attachment could not be read: ${message}`;
}

async function buildRequest(row: MappedRow, context: UnitContext): Promise<UpdateRequest> {
  // Files are read when their row is sent, never held for the whole job.
  const attachments = await Promise.all(row.attachments.map(async (file) => (await fs.readFile(file.path)).toString('base64')));
  return { operation: context.operation, module: context.module, id: row.id, fields: row.fields, ...(attachments.length > 0 ? { attachments } : {}) };
}
