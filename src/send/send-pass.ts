import { setMaxListeners } from 'node:events';
import type { WolkvoxClient } from '../api/client.js';
import type { LoadedMapping } from '../mapping/load.js';
import type { ReadOptions } from '../input/open.js';
import type { Journal } from '../store/journal.js';
import type { ResultTable } from '../store/result-table.js';
import type { CallOutcome, CallReason, Logger, RowResult, StopReason } from '../core/types.js';
import type { BackoffOptions } from './backoff.js';
import { createBreaker } from './breaker.js';
import { createCallBudget } from './budget.js';
import type { JobEvent } from '../core/events.js';
import type { JobSettings, ResolvedConnection } from '../plan/options.js';
import { createPacer } from './pacer.js';
import { openMappedInput } from '../plan/preflight.js';
import type { RowDecision } from '../plan/row-plan.js';
import { sendRow } from './send-unit.js';
import type { MapResult } from '../mapping/compile.js';

// What to fix for each fatal answer; the job stopped before spending more calls on it.
const FATAL_ADVICE: Partial<Record<CallReason, string>> = {
  auth: 'The token was refused: check WOLKVOX_TOKEN or --token-file, and that the token is active in the CRM (Configuration > Wolkvox Integration > Tokens).',
  endpoint: 'This is not the wolkvox API: check --server (your CRM host, as in the browser address bar, such as crm0001.wolkvox.com).',
  redirect: 'The server answered with a redirect, so the URL is not the API: check --server.',
  configuration: 'Check the operation and module names (in the mapping, or --operation and --module).',
};
// A call that never reached a server: the cause is the address or the network, not the CRM.
const UNREACHABLE_ADVICE = 'Check --server and your network.';

export interface SessionContext {
  readonly readOptions: ReadOptions;
  readonly mapping: LoadedMapping;
  readonly decide: (ordinal: number, result: MapResult) => RowDecision;
  /** Rows whose outcome is final from an earlier session: not sent again. */
  readonly isDone: (ordinal: number) => boolean;
  readonly settings: JobSettings;
  readonly connection: ResolvedConnection;
  readonly client: WolkvoxClient;
  readonly journal: Journal;
  readonly table: ResultTable;
  readonly backoff: BackoffOptions;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  readonly onEvent: (event: JobEvent) => void;
  /**
   * Called when the quota runs out mid-run. Resolves false to stop; otherwise the job goes on (after a
   * wait), with the calls now available when known (a number) or unknown (true).
   */
  readonly onQuotaExceeded: (stop: AbortSignal) => Promise<number | boolean>;
  /** Calls available today, from a quota check before the start. */
  readonly quotaAvailable?: number;
  /** Aborted (with the error) when the journal cannot be written: nothing more may be sent. */
  readonly writeFailed: AbortSignal;
}

export interface SessionOutcome {
  readonly stopReason?: StopReason;
  readonly stopMessage?: string;
  /** Why the CRM's answer was fatal, when it was (what to fix depends on it). */
  readonly fatalReason?: CallReason;
  /** Calls made in this session. */
  readonly calls: number;
  readonly sentRows: number;
}

/**
 * One pass over the file that sends every row still to do, through a paced pool. The file is read as the
 * pool drains (at most a small window of rows is held), so memory does not grow with the file.
 */
export async function runSendPass(context: SessionContext): Promise<SessionOutcome> {
  const { settings, connection, journal, table } = context;
  const stopController = new AbortController();
  // Every queued call and backoff sleep listens to it: thousands of listeners are expected, not a leak.
  setMaxListeners(0, stopController.signal);
  let stopReason: StopReason | undefined;
  let stopMessage: string | undefined;
  let fatalReason: CallReason | undefined;
  // Two ways to stop. `finish`: no new rows or calls, but calls already granted still go (a budget was
  // reached). `stop`: also drop the calls waiting for a slot (interrupt, fatal answer, failure rate).
  let closed = false;
  const finish = (reason: StopReason, message: string) => {
    if (closed) return;
    closed = true;
    stopReason = reason;
    stopMessage = message;
    context.onEvent({ type: 'stopping', reason, message });
    context.logger?.warn({ reason }, message);
  };
  const stop = (reason: StopReason, message: string) => {
    if (stopController.signal.aborted) return;
    if (closed) {
      // A hard stop after a soft one keeps the first reason unless it is more serious.
      if (reason === 'fatal' || reason === 'failure-rate' || reason === 'interrupted' || reason === 'quota' || reason === 'write-failed') {
        stopReason = reason;
        stopMessage = message;
      }
    } else finish(reason, message);
    stopController.abort();
  };
  const onInterrupt = () => stop('interrupted', 'Interrupted: no new calls; waiting for the calls in flight.');
  if (context.signal?.aborted) onInterrupt();
  context.signal?.addEventListener('abort', onInterrupt, { once: true });
  // A call whose outcome cannot be recorded would be sent again blindly by a resume: stop sending.
  const onWriteFailed = () => stop('write-failed', 'The journal cannot be written: no new calls.');
  context.writeFailed.addEventListener('abort', onWriteFailed, { once: true });

  const unreachable = (outcome: CallOutcome) => {
    fatalReason ??= outcome.reason;
    stop('fatal', `${outcome.message}. ${UNREACHABLE_ADVICE}`);
  };
  const breaker = createBreaker(connection.maxFailureRate);
  const countForBreaker = (failure: string | undefined) => {
    const tripped = breaker(failure);
    if (tripped) stop('failure-rate', `Too many rows fail: ${tripped}. Check the mapping and the CRM before going on (--max-failure-rate changes this check).`);
  };
  const pacer = createPacer({
    concurrency: connection.concurrency,
    ...(connection.rate === undefined ? {} : { rate: connection.rate }),
    backoff: context.backoff,
    onEvent: context.onEvent,
    stopSignal: stopController.signal,
    onAnswer: (outcome) => {
      if (outcome.kind === 'fatal' && outcome.unreached) unreachable(outcome);
      else if (outcome.kind === 'fatal') {
        fatalReason ??= outcome.reason;
        stop('fatal', `Stopped by the CRM: ${outcome.message}. ${FATAL_ADVICE[outcome.reason] ?? 'Fix the cause.'}`);
      }
      if (outcome.kind === 'ok' || outcome.kind === 'row') countForBreaker(outcome.kind === 'row' ? outcome.message : undefined);
      // Nothing more may start until the job knows whether it waits for the reset or stops.
      if (outcome.kind === 'quota') pacer.hold();
    },
  });
  const budget = createCallBudget({
    ...(connection.maxCalls === undefined ? {} : { maxCalls: connection.maxCalls }),
    ...(context.quotaAvailable === undefined ? {} : { quotaAvailable: context.quotaAvailable }),
    waitForReset: () => context.onQuotaExceeded(stopController.signal),
    pacer,
    finish,
    isStopping: () => closed || stopController.signal.aborted,
  });
  const sendContext = {
    client: context.client,
    pacer,
    operation: settings.operation,
    module: settings.module,
    retries: connection.retries,
    backoff: context.backoff,
    stopSignal: stopController.signal,
    mayCall: () => budget.take(),
    onEvent: context.onEvent,
    onCallStart: (ordinal: number) => journal.begin(ordinal),
    onCallUnreached: (ordinal: number) => journal.unreached(ordinal),
    onUnreachable: unreachable,
  };

  const finished = (result: RowResult) => {
    // Rows that failed after every retry count too (their answers were retry-class, unseen above).
    if (result.status === 'failed' && result.kind === 'retry') countForBreaker(result.message);
    journal.record(result);
    table.set(result);
    context.onEvent({ type: 'row', result });
  };

  const input = await openMappedInput(context.readOptions, context.mapping);
  const inFlight = new Set<Promise<RowResult>>();
  const byOrdinal = new Map<number, Promise<RowResult>>();
  // Enough rows ahead to keep every slot busy while some rows wait out a backoff.
  const window = connection.concurrency * 4 + 4;
  let ordinal = -1;
  let sentRows = 0;
  let limitReached = false;
  // Wakes the reader when a row finishes and the window has room again.
  let roomFreed: (() => void) | undefined;
  try {
    for await (const sourceRow of input.source.rows) {
      ordinal += 1;
      if (closed) break;
      if (context.isDone(ordinal)) continue;
      const decision = context.decide(ordinal, input.mapping.mapRow(sourceRow));
      if (decision.action !== 'send') continue;
      if (settings.limit !== undefined && sentRows >= settings.limit) {
        // Not an abort: the rows already started finish normally.
        limitReached = true;
        break;
      }
      if (settings.dryRun) continue;
      while (inFlight.size >= window) await new Promise<void>((resolve) => (roomFreed = resolve));
      if (closed) break;
      sentRows += 1;
      const current = ordinal;
      const before = decision.after === undefined ? undefined : byOrdinal.get(decision.after);
      const task = (async (): Promise<RowResult> => {
        // Rows for the same id go one after another, in file order (--duplicates all); a row goes only
        // if the one before it was updated, or an older value could land after a newer one later.
        const previous = before ? await before : undefined;
        if (previous && previous.status !== 'updated') {
          const held: RowResult = { ordinal: current, rowNumber: decision.row.rowNumber, id: decision.row.id, status: 'not_sent', attempts: 0, ms: 0, message: `not sent: the row before it with the same id (${previous.rowNumber}) was not updated` };
          finished(held);
          return held;
        }
        for (;;) {
          const result = await sendRow(current, decision.row, sendContext);
          // Waiting for the quota makes sense only while the job still means to send more.
          if (result.kind === 'quota' && !stopController.signal.aborted && !closed) {
            if (await budget.afterQuotaAnswer()) {
              // The refused call was made: journal it so the summary counts it, then send the row again.
              journal.record(result);
              continue;
            }
            stop('quota', 'Daily quota used up: the CRM answered TOKEN LIMIT EXCEEDED.');
          }
          finished(result);
          return result;
        }
      })();
      inFlight.add(task);
      byOrdinal.set(current, task);
      void task.finally(() => {
        inFlight.delete(task);
        byOrdinal.delete(current);
        roomFreed?.();
        roomFreed = undefined;
      });
    }
    await Promise.all(inFlight);
    if (limitReached && !stopReason) {
      stopReason = 'limit';
      stopMessage = `Canary done: the first ${settings.limit ?? 0} rows were sent (--limit); resume sends the rest.`;
    }
  } finally {
    pacer.close();
    await input.source.rows.return?.(undefined);
    context.signal?.removeEventListener('abort', onInterrupt);
    context.writeFailed.removeEventListener('abort', onWriteFailed);
  }
  return {
    ...(stopReason ? { stopReason } : {}),
    ...(stopMessage ? { stopMessage } : {}),
    ...(stopReason === 'fatal' && fatalReason ? { fatalReason } : {}),
    calls: budget.calls,
    sentRows,
  };
}
