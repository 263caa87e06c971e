import fs from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import type { UpdateRequest, WolkvoxClient } from '../api/client.js';
import type { JobEvent } from '../core/events.js';
import type { BackoffOptions, CallOutcome, CallReason, MappedRow, RowResult } from '../core/types.js';
import { retryDelay } from './backoff.js';
import type { Pacer } from './pacer.js';

export interface UnitContext {
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

// `pause` answers are about the CRM as a whole, not this row: they use up none of its retries, within
// this bound (beyond it something else is wrong, and the row fails).
const MAX_PAUSES = 30;

/** A retry- or pause-class answer, carried through p-retry to its policy below. */
class Refused extends Error {
  constructor(readonly outcome: CallOutcome) {
    super(outcome.message);
  }
}

/**
 * Sends one row through the pacer: `retry` answers again with backoff (using up its retries), `pause`
 * answers again once the pool's pause is over (keeping them), anything else is final at once. Resolves
 * with the row's result; never rejects.
 */
export async function sendRow(ordinal: number, row: MappedRow, context: UnitContext): Promise<RowResult> {
  const started = performance.now();
  const refused: Partial<Record<CallReason, number>> = {};
  // Calls that reached a server, and tries (those plus connection failures).
  let attempts = 0;
  let tries = 0;
  let last: CallOutcome | undefined;
  const result = (fields: Pick<RowResult, 'status'> & Partial<RowResult>, outcome = last): RowResult => ({
    ordinal,
    rowNumber: row.rowNumber,
    id: row.id,
    ...(outcome ? answerOf(outcome) : {}),
    ...fields,
    attempts,
    ms: Math.round(performance.now() - started),
    ...(Object.keys(refused).length > 0 ? { refused } : {}),
  });

  let request: UpdateRequest;
  try {
    request = await buildRequest(row, context);
  } catch (error) {
    return result({ status: 'failed', message: `Attachment could not be read: ${(error as Error).message}` });
  }

  let outcome: CallOutcome | undefined;
  try {
    outcome = await pRetry(
      async (attemptNumber) => {
        const answer = await context.pacer.call(async () => {
          // Asked inside the slot, just before sending: the budget counts calls actually made.
          if (!(await context.mayCall())) return undefined;
          context.onCallStart(ordinal);
          const answer = await context.client.update(request);
          if (answer.unreached) context.onCallUnreached(ordinal);
          return answer;
        }, tries > 0);
        // Not made: the pass stopped, or the budget is spent.
        if (answer === undefined) return undefined;
        tries += 1;
        // A call that never reached a server is no attempt: it made no change and spent no quota.
        if (!answer.unreached) attempts += 1;
        last = answer;
        if (answer.kind !== 'retry' && answer.kind !== 'pause') return answer;
        if (!answer.unreached) refused[answer.reason] = (refused[answer.reason] ?? 0) + 1;
        // Too fast, or the CRM is away: the whole pool waits, longer each time.
        if (answer.kind === 'pause') context.pacer.slowDown(answer, attemptNumber);
        throw new Refused(answer);
      },
      {
        retries: Number.POSITIVE_INFINITY,
        // The waits are ours (full jitter, Retry-After as a floor), taken in shouldRetry.
        minTimeout: 0,
        shouldConsumeRetry: ({ error }) => !(error instanceof Refused && error.outcome.kind === 'pause'),
        // No `signal` option: p-retry would drop a call in flight on abort, and calls in flight must finish
        // (their answer says whether the record changed). A stop ends the waits and queued calls instead.
        shouldRetry: async ({ error, attemptNumber, retriesConsumed }) => {
          if (!(error instanceof Refused)) return false;
          // Every earlier attempt was a refusal: those not consumed were pauses.
          if (error.outcome.kind === 'pause') return attemptNumber - retriesConsumed <= MAX_PAUSES;
          if (retriesConsumed >= context.retries) return false;
          const ms = retryDelay(retriesConsumed + 1, error.outcome.retryAfterMs, context.backoff);
          context.onEvent({ type: 'retry', rowNumber: row.rowNumber, attempt: tries, ms, message: error.outcome.message });
          await sleep(ms, undefined, { signal: context.stopSignal });
          return true;
        },
      },
    );
  } catch (error) {
    if (!(error instanceof Refused)) return result({ status: 'not_sent' }); // stopped during a backoff wait
    const gaveUp = error.outcome;
    if (gaveUp.unreached) {
      context.onUnreachable(gaveUp);
      return result({ status: 'not_sent', message: `${gaveUp.message} (gave up after ${tries} tries)` });
    }
    const unknown = gaveUp.reason === 'timeout' ? '; the last answer never came, so the update may have been applied' : '';
    return result({ status: 'failed', message: `${gaveUp.message} (gave up after ${tries} attempts${unknown})` });
  }
  // Stopped (interrupt, budget, another row's fatal answer) before this row got a final answer.
  if (outcome === undefined) return result({ status: 'not_sent' });
  if (outcome.kind === 'ok') return result({ status: 'updated' }, outcome);
  // The quota, or a server that cannot be reached: not applied, and resumable; fatal and row answers are
  // this row's failure.
  return result({ status: outcome.kind === 'quota' || outcome.unreached ? 'not_sent' : 'failed' }, outcome);
}

const answerOf = (outcome: CallOutcome): Partial<RowResult> => ({
  kind: outcome.kind,
  ...(outcome.httpStatus === undefined ? {} : { httpStatus: outcome.httpStatus }),
  ...(outcome.apiCode === undefined ? {} : { apiCode: outcome.apiCode }),
  message: outcome.message,
});

async function buildRequest(row: MappedRow, context: UnitContext): Promise<UpdateRequest> {
  // Files are read when their row is sent, never held for the whole job.
  const attachments = await Promise.all(row.attachments.map(async (file) => (await fs.readFile(file.path)).toString('base64')));
  return { operation: context.operation, module: context.module, id: row.id, fields: row.fields, ...(attachments.length > 0 ? { attachments } : {}) };
}
