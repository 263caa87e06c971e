import type { CallOutcome } from '../core/types.js';
import { breakerCounts, breakerFailure, createBreaker, type BreakerEnd } from './breaker.js';
import { createCallBudget, QUOTA_REREAD_EVERY } from './budget.js';
import { readQuota } from './quota.js';
import { createResumedBatches } from './batch-resume.js';
import { fatalKind } from './fatal-advice.js';
import { message } from '../core/say.js';
import type { BatchContext } from './batch-unit.js';
import type { UnitContext } from './call-retry.js';
import { createPacer } from './pacer.js';
import type { SendPassContext } from './send-pass.js';
import { createStopper } from './stop.js';

/** What the tools take from a send pass; a read pass outside a run (read-pass.ts) gives a store that only counts. */
export type SendToolsContext = Pick<SendPassContext, 'connection' | 'client' | 'backoff' | 'signal' | 'logger' | 'onEvent' | 'onQuotaExceeded' | 'quotaAvailable' | 'writeFailed'> & {
  readonly settings: Pick<SendPassContext['settings'], 'operation' | 'module'>;
  readonly store: Pick<SendPassContext['store'], 'begin' | 'unreached' | 'answered'> & Partial<Pick<SendPassContext['store'], 'narrowing' | 'narrow' | 'quotaCheck'>>;
  /** A send pass's rows to send, for the batches an earlier session left narrowing (a read pass has none). */
  readonly toSend?: SendPassContext['toSend'];
};

/**
 * What every call of a send pass goes through: the stop, the pacer, the call budget and the failure-rate
 * breaker, and the unit context that ties them to the client and the store. `dispose` ends what they hold.
 */
export function createSendTools(context: SendToolsContext) {
  const { settings, connection, store } = context;
  const stopper = createStopper(context.onEvent, context.logger);
  const onInterrupt = () => stopper.stop('interrupted', message('stop.interrupted'));
  // A call whose outcome cannot be recorded would be sent again blindly by a resume: stop sending.
  const onWriteFailed = () => stopper.stop('write-failed', message('stop.write-failed'));
  if (context.signal?.aborted) onInterrupt();
  context.signal?.addEventListener('abort', onInterrupt, { once: true });
  // The session's first line may already have failed (an abort before the listener would go unheard).
  if (context.writeFailed.aborted) onWriteFailed();
  context.writeFailed.addEventListener('abort', onWriteFailed, { once: true });

  // A call that never reached a server: the cause is the address or the network, not the CRM.
  const unreachable = (outcome: CallOutcome) => stopper.stop('fatal', message('stop.unreachable', { answer: outcome.message }), outcome.reason);
  const breaker = createBreaker(connection.maxFailureRate);
  // Counts a row's end when the breaker counts that end at this moment (breakerCounts says which).
  const countForBreaker = (end: BreakerEnd, moment: 'verdict' | 'gave-up') => {
    if (breakerCounts(end) !== moment) return;
    const tripped = breaker(breakerFailure(end));
    if (tripped) stopper.stop('failure-rate', message('stop.failure-rate', tripped));
  };
  const pacer = createPacer({
    concurrency: connection.concurrency,
    ...(connection.rate === undefined ? {} : { rate: connection.rate }),
    backoff: context.backoff,
    onEvent: context.onEvent,
    stopSignal: stopper.signal,
    // Seen while the answer's slot is still held: a fatal or quota answer stops the pool before one more
    // call can slip out.
    onAnswer: (outcome, kind) => {
      if (outcome.kind === 'fatal' && outcome.unreached) unreachable(outcome);
      else if (outcome.kind === 'fatal') stopper.stop('fatal', message('stop.fatal', { answer: outcome.message, fix: fatalKind(outcome.reason) }), outcome.reason);
      // A row's own verdict counts at once; a batch's refusal is about one row of many, unknown which: its
      // rows count once each is settled (onSettled).
      if (kind === 'row') countForBreaker(outcome, 'verdict');
      // Nothing more may start until the job knows whether it waits for the reset or stops.
      if (outcome.kind === 'quota') pacer.hold();
    },
  });
  const budget = createCallBudget({
    ...(connection.maxCalls === undefined ? {} : { maxCalls: connection.maxCalls }),
    ...(context.quotaAvailable === undefined ? {} : { quotaAvailable: context.quotaAvailable }),
    ...(connection.reserve === undefined ? {} : { reserve: connection.reserve }),
    waitForReset: () => context.onQuotaExceeded(stopper.signal),
    pacer,
    stopper,
    ...(rereadQuota(context, pacer) ?? {}),
  });
  const unit = {
    client: context.client,
    pacer,
    operation: settings.operation,
    module: settings.module,
    retries: connection.retries,
    backoff: context.backoff,
    stopSignal: stopper.signal,
    mayCall: (units: number) => budget.take(units),
    onEvent: context.onEvent,
    onCallStart: (ordinals: number | readonly number[], retry: boolean) => store.begin(ordinals, retry),
    onCallUnreached: (ordinals: number | readonly number[], call: number) => store.unreached(ordinals, call),
    onCallAnswered: (call: number, outcome: CallOutcome) => store.answered(call, outcome),
    onUnreachable: unreachable,
  };
  // What batches add: the journal's narrowing lines, and the batches an earlier session left narrowing.
  const resumed = store.narrowing && context.toSend ? createResumedBatches(store.narrowing, context.toSend) : undefined;
  const batchTools: Pick<BatchContext, 'onNarrow' | 'resumed'> = {
    onNarrow: (ordinals, missing, call) => store.narrow?.(ordinals, missing, call),
    ...(resumed ? { resumed } : {}),
  };
  // The CRM answered TOKEN LIMIT EXCEEDED (the pacer holds every call since): wait for the reset when the
  // job waits for it (true: the refused call may be made again), else stop on the quota. One place for
  // updates and reads alike: a read left to the held pacer waited forever.
  const quotaAnswered = async (): Promise<boolean> => {
    if (await budget.afterQuotaAnswer()) return true;
    stopper.stop('quota', message('stop.quota-answered'));
    return false;
  };
  const dispose = () => {
    pacer.close();
    context.signal?.removeEventListener('abort', onInterrupt);
    context.writeFailed.removeEventListener('abort', onWriteFailed);
  };
  return { stopper, pacer, budget, quotaAnswered, unit: { ...(unit as UnitContext), ...batchTools }, countForBreaker, dispose };
}

// --reserve over a quota read at the start: the quota is read again now and then (journaled, one request
// each), so another integration's use of the token during the run is seen before the reserve is.
function rereadQuota(context: SendToolsContext, pacer: { readonly pending: number }) {
  const { store, connection } = context;
  const quotaCheck = store.quotaCheck?.bind(store);
  if (!connection.reserve || context.quotaAvailable === undefined || !quotaCheck) return undefined;
  const read = async () => (await readQuota(context.client, context.settings.operation, { quotaCheck }, context.onEvent))?.available;
  return { reread: { every: QUOTA_REREAD_EVERY, read, inFlight: () => pacer.pending } };
}
