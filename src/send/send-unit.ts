import fs from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry, { AbortError } from 'p-retry';
import type { UpdateRequest, WolkvoxClient } from '../api/client.js';
import type { JournalRow } from '../store/journal.js';
import type { CallOutcome, CallReason, MappedRow } from '../core/types.js';
import { retryDelay, type BackoffOptions } from './backoff.js';
import type { JobEvent } from '../core/events.js';
import type { Pacer } from './pacer.js';

export interface SendContext {
  readonly client: WolkvoxClient;
  readonly pacer: Pacer;
  readonly operation: string;
  readonly module: string;
  readonly retries: number;
  readonly backoff: BackoffOptions;
  /** Aborted when the job stops: waiting calls and backoff sleeps end, calls in flight finish. */
  readonly stopSignal: AbortSignal;
  /** Asked before each call; false means the call budget (--max-calls, the day's quota) is spent. */
  readonly mayCall: () => boolean | Promise<boolean>;
  readonly onEvent: (event: JobEvent) => void;
  /** Told when a call for the row actually leaves (holding a slot), so a crash leaves a trace of it. */
  readonly onCallStart: (ordinal: number) => void;
  /** Told when that call never reached a server (DNS, connection refused): it is not counted as a call. */
  readonly onCallUnreached: (ordinal: number) => void;
  /** Told when a row gives up because the server cannot be reached: every other row would fail the same way. */
  readonly onUnreachable: (outcome: CallOutcome) => void;
}

// Pool-level refusals (too fast, or a maintenance window) are not the row's doing: they do not use up
// the row's retries, within this bound (beyond it something else is wrong and the row fails).
const MAX_PACING_REFUSALS = 30;

class RetryableAnswer extends Error {
  constructor(readonly outcome: CallOutcome) {
    super(outcome.message);
  }
}
class FinalAnswer extends Error {
  constructor(readonly outcome: CallOutcome) {
    super(outcome.message);
  }
}
class NotCalled extends Error {}

/**
 * Sends one row: retry-class answers are tried again with backoff, anything else is final at once.
 * Resolves with the row's journal record; never rejects.
 */
export async function sendRow(ordinal: number, row: MappedRow, context: SendContext): Promise<JournalRow> {
  const started = performance.now();
  const refused: Partial<Record<CallReason, number>> = {};
  // Calls that reached a server, and tries (those plus connection failures).
  let attempts = 0;
  let tries = 0;
  let pacingRefusals = 0;
  let last: CallOutcome | undefined;
  const base = { ordinal, rowNumber: row.rowNumber, id: row.id };
  const finish = (fields: Omit<JournalRow, 'ordinal' | 'rowNumber' | 'id' | 'attempts' | 'ms'>): JournalRow => ({
    ...base,
    ...fields,
    attempts,
    ms: Math.round(performance.now() - started),
    ...(Object.keys(refused).length > 0 ? { refused } : {}),
  });
  const answer = (outcome: CallOutcome) => ({
    kind: outcome.kind,
    ...(outcome.status === undefined ? {} : { httpStatus: outcome.status }),
    ...(outcome.code === undefined ? {} : { code: outcome.code }),
    message: outcome.message,
  });

  let request: UpdateRequest;
  try {
    request = await buildRequest(row, context);
  } catch (error) {
    return finish({ status: 'failed', message: `Attachment could not be read: ${(error as Error).message}` });
  }

  // Retry-class failures of the row's own (network, 5xx, …); pacing refusals are counted apart.
  let failures = 0;
  try {
    const outcome = await pRetry(
      async () => {
        const outcome = await context.pacer
          .call(async () => {
            // Asked inside the slot, just before sending: the budget counts calls actually made.
            if (!(await context.mayCall())) throw new NotCalled();
            context.onCallStart(ordinal);
            const outcome = await context.client.update(request);
            if (outcome.unreached) context.onCallUnreached(ordinal);
            return outcome;
          }, tries > 0)
          .catch(() => {
            // Stopped while waiting for a slot, or the budget is spent: the call was not made.
            throw new AbortError(new NotCalled());
          });
        tries += 1;
        // A call that never reached a server is no attempt: it made no change and spent no quota.
        if (!outcome.unreached) attempts += 1;
        last = outcome;
        if (outcome.kind === 'ok') return outcome;
        if (outcome.kind !== 'retry') throw new AbortError(new FinalAnswer(outcome));
        if (!outcome.unreached) refused[outcome.reason] = (refused[outcome.reason] ?? 0) + 1;
        if (isPacingOutcome(outcome)) {
          // Too fast, or the CRM is away, not wrong: the whole pool slows down; the row's own retries are kept.
          pacingRefusals += 1;
          context.pacer.slowDown(outcome, pacingRefusals);
          if (pacingRefusals > MAX_PACING_REFUSALS) throw new AbortError(new RetryableAnswer(outcome));
        } else {
          failures += 1;
          if (failures > context.retries) throw new AbortError(new RetryableAnswer(outcome));
        }
        throw new RetryableAnswer(outcome);
      },
      {
        // The real limits are counted above (own failures against --retries, pacing refusals apart).
        retries: context.retries + MAX_PACING_REFUSALS,
        // Delays are ours (full jitter, Retry-After), taken in onFailedAttempt.
        minTimeout: 0,
        maxTimeout: 0,
        randomize: false,
        // No `signal` here: p-retry would drop a call in flight on abort, and in-flight calls must finish
        // (their answer says whether the record changed). Stopping ends waits and queued calls instead.
        onFailedAttempt: async ({ error }) => {
          // Pacing refusals already paused the whole pool; the row just queues again behind it.
          if (!(error instanceof RetryableAnswer) || isPacingOutcome(error.outcome)) return;
          const ms = retryDelay(failures, error.outcome.retryAfterMs, context.backoff);
          context.onEvent({ type: 'retry', rowNumber: row.rowNumber, attempt: tries, ms, message: error.outcome.message });
          await sleep(ms, undefined, { signal: context.stopSignal });
        },
      },
    );
    return finish({ status: 'updated', ...answer(outcome) });
  } catch (error) {
    const cause = error instanceof AbortError ? error.originalError : error;
    if (cause instanceof FinalAnswer) {
      // Quota, or a server that cannot be reached: not applied, and resumable; fatal and row answers are
      // this row's failure.
      const notApplied = cause.outcome.kind === 'quota' || cause.outcome.unreached;
      return finish({ status: notApplied ? 'not_sent' : 'failed', ...answer(cause.outcome) });
    }
    if (cause instanceof RetryableAnswer && cause.outcome.unreached) {
      context.onUnreachable(cause.outcome);
      return finish({ status: 'not_sent', ...answer(cause.outcome), message: `${cause.outcome.message} (gave up after ${tries} tries)` });
    }
    if (cause instanceof RetryableAnswer) {
      const unknown = cause.outcome.reason === 'timeout' ? '; the last answer never came, so the update may have been applied' : '';
      return finish({ status: 'failed', ...answer(cause.outcome), message: `${cause.outcome.message} (gave up after ${tries} attempts${unknown})` });
    }
    // Stopped (interrupt, budget, another row's fatal answer) before this row got a final answer.
    return finish({ status: 'not_sent', ...(last ? answer(last) : {}) });
  }
}

// Refusals about the CRM as a whole, not about this row: the pool slows down and the row's retries are kept.
const isPacingOutcome = (outcome: CallOutcome) =>
  outcome.reason === 'over-concurrency' || outcome.reason === 'rate-limited' || outcome.reason === 'maintenance';

async function buildRequest(row: MappedRow, context: SendContext): Promise<UpdateRequest> {
  // Files are read when their row is sent, never held for the whole job.
  const attachments = await Promise.all(row.attachments.map(async (file) => (await fs.readFile(file.path)).toString('base64')));
  return { operation: context.operation, module: context.module, id: row.id, fields: row.fields, ...(attachments.length > 0 ? { attachments } : {}) };
}
