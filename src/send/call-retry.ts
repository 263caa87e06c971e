import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import { mayHaveApplied } from '../api/classify.js';
import type { OnWritten, WolkvoxClient } from '../api/client.js';
import type { JobEvent } from '../core/events.js';
import type { Message } from '../core/say.js';
import type { BackoffOptions, CallOutcome, CallReason } from '../core/types.js';
import { retryDelay } from './backoff.js';
import type { Pacer, UnitKind } from './pacer.js';

export interface UnitContext {
  readonly client: WolkvoxClient;
  readonly pacer: Pacer;
  readonly operation: string;
  readonly module: string;
  readonly retries: number;
  readonly backoff: BackoffOptions;
  /** Aborted when the job stops: waiting calls and backoff sleeps end, calls in flight finish. */
  readonly stopSignal: AbortSignal;
  /** Asked before each call with the quota units it may cost; false means the call budget is spent. */
  readonly mayCall: (units: number) => boolean | Promise<boolean>;
  readonly onEvent: (event: JobEvent) => void;
  /**
   * Told when a call is about to leave (holding a slot), so a crash leaves a trace of it (`retry`: it sends
   * the same rows again after a retried answer): returns its number, or undefined when no trace could be
   * kept (the journal cannot be written): the call is not made.
   */
  readonly onCallStart: (ordinals: number | readonly number[], retry: boolean) => number | undefined;
  /** Told when call `call` never reached a server (DNS, connection refused): it is not counted as a call. */
  readonly onCallUnreached: (ordinals: number | readonly number[], call: number) => void;
  /** Told of each answer of a call that reached a server, while its slot is held (the journal's answer line). */
  readonly onCallAnswered?: (call: number, outcome: CallOutcome) => void;
  /** Told when a unit gives up because the server cannot be reached: every other row would fail the same way. */
  readonly onUnreachable: (outcome: CallOutcome) => void;
}

// `pause` answers are about the CRM as a whole, not these rows: they use up none of their retries,
// within this bound (beyond it something else is wrong, and the unit fails).
const MAX_PAUSES = 30;

/** A retry- or pause-class answer, carried through p-retry to its policy below. */
class Refused extends Error {
  constructor(readonly outcome: CallOutcome) {
    super(outcome.message);
  }
}

/** What one unit's calls came to, retries included. */
export interface CallsResult<T extends CallOutcome> {
  /** The final answer (not retry- or pause-class); absent when the unit gave up or was stopped. */
  readonly outcome?: T;
  /** The last retry- or pause-class answer, when the unit gave up after its retries. */
  readonly gaveUp?: T;
  /** Every answer that was retried was a timeout (a batch too big for the CRM may look like this). */
  readonly allTimeouts: boolean;
  /** The last answer of any kind. */
  readonly last?: T;
  /** Calls that reached a server, and tries (those plus connection failures). */
  readonly attempts: number;
  /** Of those, the calls whose answer leaves it possible that the CRM applied what they sent (`mayHaveApplied`). */
  readonly mayHaveApplied: number;
  readonly tries: number;
  /** Answers retried that were not the unit's own fault, by reason. */
  readonly refused: Partial<Record<CallReason, number>>;
  /** The number of the last call made. */
  readonly call?: number;
  /** `stillWanted` said no when a slot came: nothing was sent, the caller sends the rows another way. */
  readonly declined?: true;
  /** The rows' note when the outcome is the run's own inference (a resume's), not an answer's words. */
  readonly said?: Message;
}

/**
 * Makes one unit's call through the pacer, again as the answer class says: `retry` answers with backoff,
 * using up the unit's retries; `pause` answers once the pool's pause (its rule's wait) is over, keeping them. A stop ends
 * the waits (the call in flight finishes). Never rejects.
 */
export async function callWithRetries<T extends CallOutcome>(
  ordinals: number | readonly number[],
  units: number,
  rowNumber: number,
  // Makes the call; passes `onWritten` to the client, which says when its request was written.
  send: (onWritten: OnWritten) => Promise<T>,
  context: UnitContext,
  // Asked when a slot comes, before the call is made: a batch waiting for a slot may have become one the
  // job no longer sends as it is (batches got smaller meanwhile).
  stillWanted: () => boolean = () => true,
  unit: UnitKind = 'row',
  // Goes before other units' first calls (a batch trying a bigger size: the answer decides every batch after).
  ahead = false,
): Promise<CallsResult<T>> {
  let attempts = 0;
  let applied = 0;
  let tries = 0;
  let last: T | undefined;
  let call: number | undefined;
  let allTimeouts = true;
  let declined = false;
  const refused: Partial<Record<CallReason, number>> = {};
  const result = (fields: Partial<CallsResult<T>>): CallsResult<T> => ({
    ...fields,
    allTimeouts: allTimeouts && tries > 0,
    ...(declined ? { declined: true as const } : {}),
    ...(last ? { last } : {}),
    attempts,
    mayHaveApplied: applied,
    tries,
    refused,
    ...(call === undefined ? {} : { call }),
  });
  try {
    const outcome = await pRetry(
      async (attemptNumber) => {
        const answer = await context.pacer.call(async (onWritten) => {
          if (!stillWanted()) {
            declined = true;
            return undefined;
          }
          // Asked inside the slot, just before sending: the budget counts calls actually made.
          if (!(await context.mayCall(units))) return undefined;
          const number = context.onCallStart(ordinals, attempts > 0);
          if (number === undefined) return undefined;
          call = number;
          const answer = await send(onWritten);
          if (answer.unreached) context.onCallUnreached(ordinals, number);
          else context.onCallAnswered?.(number, answer);
          return answer;
        }, ahead || tries > 0, unit);
        // Not made: the pass stopped, the budget is spent, or the journal cannot be written.
        if (answer === undefined) return undefined;
        const typed = answer as T;
        tries += 1;
        // A call that never reached a server is no attempt: it made no change and spent no quota.
        if (!typed.unreached) attempts += 1;
        if (mayHaveApplied(typed, unit === 'batch')) applied += 1;
        last = typed;
        if (typed.kind !== 'retry' && typed.kind !== 'pause') return typed;
        if (typed.reason !== 'timeout') allTimeouts = false;
        if (!typed.unreached) refused[typed.reason] = (refused[typed.reason] ?? 0) + 1;
        // Too fast, or the CRM is away: the whole pool waits as the answer's rule says (`pause`), and this
        // unit's next try waits with it, in the paused pool (p-retry adds no wait of its own for a pause).
        if (typed.kind === 'pause') context.pacer.slowDown(typed, attemptNumber);
        throw new Refused(typed);
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
          context.onEvent({ type: 'retry', rowNumber, attempt: tries, ms, message: error.outcome.message });
          await sleep(ms, undefined, { signal: context.stopSignal });
          return true;
        },
      },
    );
    return result(outcome === undefined ? {} : { outcome });
  } catch (error) {
    // Stopped during a backoff wait, or gave up after the retries.
    return result(error instanceof Refused ? { gaveUp: error.outcome as T } : {});
  }
}
