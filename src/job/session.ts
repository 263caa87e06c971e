import { setMaxListeners } from 'node:events';
import type { WolkvoxClient } from '../api/client.js';
import type { LoadedMapping } from '../mapping/load.js';
import type { ReadOptions } from '../input/open.js';
import type { Journal } from '../report/journal.js';
import type { ResultTable } from '../report/result-table.js';
import type { Logger, RowResult, StopReason } from '../types.js';
import type { BackoffOptions } from './backoff.js';
import { createBreaker } from './breaker.js';
import type { JobEvent } from './events.js';
import type { JobSettings, ResolvedConnection } from './options.js';
import { createPacer } from './pacer.js';
import { openMappedInput } from './preflight.js';
import type { RowDecision } from './row-plan.js';
import { sendRow } from './send-row.js';
import type { MapResult } from '../mapping/compile.js';

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
  /** Called when the quota runs out mid-run; resolves true to go on (after waiting), false to stop. */
  readonly onQuotaExceeded: (stop: AbortSignal) => Promise<boolean>;
}

export interface SessionOutcome {
  readonly stopReason?: StopReason;
  readonly stopMessage?: string;
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
  const stop = (reason: StopReason, message: string) => {
    if (stopController.signal.aborted) return;
    stopReason = reason;
    stopMessage = message;
    context.onEvent({ type: 'stopping', reason, message });
    context.logger?.warn({ reason }, message);
    stopController.abort();
  };
  const onInterrupt = () => stop('interrupted', 'Interrupted: no new calls; waiting for the calls in flight.');
  if (context.signal?.aborted) onInterrupt();
  context.signal?.addEventListener('abort', onInterrupt, { once: true });

  let calls = 0;
  const pacer = createPacer({
    concurrency: connection.concurrency,
    ...(connection.rate === undefined ? {} : { rate: connection.rate }),
    backoff: context.backoff,
    onEvent: context.onEvent,
    stopSignal: stopController.signal,
    onAnswer: (outcome) => {
      if (outcome.kind === 'fatal') stop('fatal', `Stopped by the CRM: ${outcome.message}`);
      // Nothing more may start until the job knows whether it waits for the reset or stops.
      if (outcome.kind === 'quota') pacer.hold();
    },
  });
  const breaker = createBreaker(connection.maxFailureRate);
  let quotaWait: Promise<boolean> | undefined;
  const sendContext = {
    client: context.client,
    pacer,
    operation: settings.operation,
    module: settings.module,
    retries: connection.retries,
    backoff: context.backoff,
    stopSignal: stopController.signal,
    mayCall: () => {
      if (connection.maxCalls !== undefined && calls >= connection.maxCalls) {
        stop('max-calls', `Call budget reached: ${connection.maxCalls} calls made (--max-calls).`);
        return false;
      }
      calls += 1;
      return true;
    },
    onEvent: context.onEvent,
  };

  const finished = (result: RowResult) => {
    journal.record(result);
    table.set(result);
    context.onEvent({ type: 'row', result });
    const tripped = breaker(result);
    if (tripped) stop('failure-rate', `Too many rows fail: ${tripped}. Check the mapping and the CRM before going on (--max-failure-rate changes this check).`);
  };

  const input = await openMappedInput(context.readOptions, context.mapping);
  const inFlight = new Set<Promise<void>>();
  const byOrdinal = new Map<number, Promise<void>>();
  // Enough rows ahead to keep every slot busy while some rows wait out a backoff.
  const window = connection.concurrency * 4 + 4;
  let ordinal = -1;
  let sentRows = 0;
  let limitReached = false;
  try {
    for await (const sourceRow of input.source.rows) {
      ordinal += 1;
      if (stopController.signal.aborted) break;
      if (context.isDone(ordinal)) continue;
      const decision = context.decide(ordinal, input.mapping.mapRow(sourceRow));
      if (decision.action !== 'send') continue;
      if (settings.limit !== undefined && sentRows >= settings.limit) {
        // Not an abort: the rows already started finish normally.
        limitReached = true;
        break;
      }
      if (settings.dryRun) continue;
      while (inFlight.size >= window) await Promise.race(inFlight);
      if (stopController.signal.aborted) break;
      sentRows += 1;
      const current = ordinal;
      const before = decision.after === undefined ? undefined : byOrdinal.get(decision.after);
      const task = (async () => {
        // Rows for the same id go one after another, in file order (--duplicates all).
        if (before) await before;
        for (;;) {
          journal.begin(current);
          const result = await sendRow(current, decision.row, sendContext);
          if (result.kind === 'quota' && !stopController.signal.aborted) {
            quotaWait ??= context.onQuotaExceeded(stopController.signal).finally(() => (quotaWait = undefined));
            if (await quotaWait) {
              pacer.release();
              continue; // waited for the reset: send this row again
            }
            stop('quota', 'Daily quota used up: the CRM answered TOKEN LIMIT EXCEEDED.');
          }
          finished(result);
          return;
        }
      })();
      inFlight.add(task);
      byOrdinal.set(current, task);
      void task.finally(() => {
        inFlight.delete(task);
        byOrdinal.delete(current);
      });
    }
    await Promise.all(inFlight);
    if (limitReached && !stopReason) {
      stopReason = 'limit';
      stopMessage = `Canary done: the first ${settings.limit ?? 0} rows were sent (--limit); resume sends the rest.`;
    }
  } finally {
    await input.source.rows.return?.(undefined);
    context.signal?.removeEventListener('abort', onInterrupt);
  }
  return { ...(stopReason ? { stopReason } : {}), ...(stopMessage ? { stopMessage } : {}), calls, sentRows };
}
