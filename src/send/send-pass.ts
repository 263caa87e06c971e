import PQueue from 'p-queue';
import type { WolkvoxClient } from '../api/client.js';
import type { JobEvent } from '../core/events.js';
import type { BackoffOptions, BatchSummary, CallReason, Logger, RowResult, StopReason, TokenInfo } from '../core/types.js';
import type { ReadOptions } from '../input/open.js';
import type { LoadedMapping } from '../mapping/load.js';
import type { JobSettings, ResolvedConnection } from '../plan/options.js';
import { openMappedInput } from '../plan/preflight.js';
import { describeProblems } from '../plan/row-plan.js';
import type { RunStore } from '../store/run-store.js';
import { createBatchSizer } from './batch-size.js';
import { sendBatch, type BatchRow } from './batch-unit.js';
import { sendRow } from './send-unit.js';
import { createReader, type Reader } from './reads.js';
import { createSendTools } from './send-tools.js';
import type { Stopper } from './stop.js';

export interface SendPassContext {
  readonly readOptions: ReadOptions;
  readonly mapping: LoadedMapping;
  readonly store: RunStore;
  /** Whether the row is to be sent in this session (planned to send, and not done by an earlier one). */
  readonly toSend: (ordinal: number) => boolean;
  /** `--duplicates all`: the row each later row of an id waits for. */
  readonly after: ReadonlyMap<number, number>;
  readonly settings: JobSettings;
  readonly connection: ResolvedConnection;
  readonly client: WolkvoxClient;
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
  /** Aborted when the journal cannot be written: nothing more may be sent. */
  readonly writeFailed: AbortSignal;
  /** What one updateMany.php call costs in quota, when known; otherwise one unit per record is assumed. */
  readonly batchCost?: 'call' | 'record';
  /**
   * Learn what one updateMany.php call costs (--check-quota): the token's use is read again after the
   * first batch, sent alone; `usedBefore` is the use read for the plan.
   */
  readonly measureBatchCost?: { readonly usedBefore: number; readonly read: () => Promise<TokenInfo | undefined>; readonly onMeasured: (cost: 'call' | 'record') => void };
  /**
   * Work before the first update, through the same pacer, budget and journal (a snapshot's reads):
   * resolves false when the job stopped meanwhile, and nothing is then sent.
   */
  readonly beforeSending?: (tools: ReadTools) => Promise<boolean>;
  /** Work once every row is sent, through the same pacer, budget and journal (reading back what was sent). */
  readonly afterSending?: (tools: ReadTools) => Promise<void>;
}

/** What work before or after sending reads with. */
export interface ReadTools {
  readonly reader: Reader;
  readonly stopped: () => boolean;
}

export interface SendOutcome {
  readonly stopReason?: StopReason;
  readonly stopMessage?: string;
  /** Why the CRM's answer was fatal, when it was (what to fix depends on it). */
  readonly fatalReason?: CallReason;
  /** With --batch: the size asked for, the size it ended at, and whether batches could be confirmed. */
  readonly batch?: BatchSummary;
}

/**
 * One pass over the file that sends every row still to do, through a paced pool. The file is read as the
 * pool drains (a small window of rows is held), so memory does not grow with the file. What each row is
 * was decided by the plan; this pass only builds each body again and sends it.
 */
export async function runSendPass(context: SendPassContext): Promise<SendOutcome> {
  const { settings, connection, store } = context;
  const { stopper, budget, unit, countForBreaker, dispose } = createSendTools(context);
  const finished = (result: RowResult) => {
    // Rows that failed after every retry count too (their answers were retry-class, unseen above).
    if (result.status === 'failed' && (result.kind === 'retry' || result.kind === 'pause')) countForBreaker(result.message);
    store.record(result);
    context.onEvent({ type: 'row', result });
    return result;
  };

  // Sends a unit (one row, or a batch), again after the quota's reset when the job waits for it.
  const sizer = createBatchSizer(settings.batchSize, context.onEvent);
  // Without a measure, a batch is assumed to cost one unit per record: the budget never overspends.
  let batchCost = context.batchCost;
  const batchUnit = {
    ...unit,
    finish: finished,
    sizer,
    batchUnits: (records: number) => (batchCost === 'call' ? 1 : records),
    onSettled: (results: readonly RowResult[]) => {
      for (const result of results) if (result.status === 'updated' || (result.status === 'failed' && result.kind === 'row')) countForBreaker(result.status === 'failed' ? result.message : undefined);
    },
  };
  // The first batch alone (nothing else in flight), then the token's use read again: the difference is
  // what that one call cost, with the information call itself taken off.
  let measure = batchCost === undefined ? context.measureBatchCost : undefined;
  // Resolves true when it sent the batch itself.
  const measured = async (batch: BatchRow[]): Promise<boolean> => {
    if (!measure) return false;
    const { usedBefore, read, onMeasured } = measure;
    measure = undefined;
    await units.onIdle();
    const callsBefore = store.totals().calls;
    await units.add(() => send(batch));
    const info = store.totals().calls - callsBefore === 1 ? await read() : undefined;
    if (info === undefined) return true;
    const spent = info.usedToday - usedBefore - 1;
    const cost = spent === 1 ? 'call' : spent === batch.length ? 'record' : undefined;
    if (cost) {
      batchCost = cost;
      onMeasured(cost);
    }
    return true;
  };
  const send = async (rows: readonly BatchRow[]): Promise<RowResult[]> => {
    const results = rows.length === 1 && rows[0] ? [await sendRow(rows[0].ordinal, rows[0].row, unit)] : await sendBatch(rows, batchUnit);
    // Waiting for the quota makes sense only while the job still means to send more.
    const refused = results.filter((result) => result.kind === 'quota');
    if (refused.length > 0 && !stopper.stopped) {
      if (await budget.afterQuotaAnswer()) {
        // The refused calls were made: journal them so the summary counts them, then send those rows again.
        for (const result of refused) store.record(result);
        const done = results.filter((result) => result.kind !== 'quota').map(finished);
        return [...done, ...(await send(rows.filter(({ ordinal }) => refused.some((result) => result.ordinal === ordinal))))];
      }
      stopper.stop('quota', 'Daily quota used up: the CRM answered TOKEN LIMIT EXCEEDED.');
    }
    return results.map(finished);
  };

  // Units in progress at once: enough to keep every slot busy while some wait out a backoff.
  const units = new PQueue({ concurrency: connection.concurrency * 4 + 4 });
  // --duplicates all: the results of rows that a later row of the same id waits for, until it takes them.
  const awaited = new Set(context.after.values());
  const results = new Map<number, Promise<RowResult>>();
  // Rows gathered for the next batch, in file order.
  let gathered: BatchRow[] = [];
  const flush = async () => {
    if (gathered.length === 0) return;
    const batch = gathered;
    gathered = [];
    if (await measured(batch)) return;
    await units.onSizeLessThan(1);
    void units.add(() => send(batch));
  };
  if (context.beforeSending && !(await context.beforeSending({ reader: createReader(unit), stopped: () => stopper.stopped }))) {
    dispose();
    return stopOutcome(stopper);
  }
  const input = await openMappedInput(context.readOptions, context.mapping);
  let ordinal = -1;
  let sent = 0;
  let limitReached = false;
  try {
    for await (const sourceRow of input.source.rows) {
      ordinal += 1;
      if (stopper.stopped) break;
      if (!context.toSend(ordinal)) continue;
      if (settings.limit !== undefined && sent >= settings.limit) {
        limitReached = true;
        break;
      }
      sent += 1;
      const current = ordinal;
      const mapped = input.mapping.mapRow(sourceRow);
      const waitFor = context.after.get(current);
      // A batch takes rows without attachments (updateMany.php has none) that no other row of theirs
      // waits for or follows; the others go alone, in file order for their id.
      if (mapped.kind === 'mapped' && sizer.size > 1 && mapped.row.attachments.length === 0 && waitFor === undefined && !awaited.has(current)) {
        gathered.push({ ordinal: current, row: mapped.row });
        if (gathered.length >= sizer.size) await flush();
        continue;
      }
      await units.onSizeLessThan(1);
      if (stopper.stopped) break;
      const task = units.add(async (): Promise<RowResult> => {
        // Found sendable by the check and not now (an attachment deleted meanwhile): failed, with why.
        if (mapped.kind !== 'mapped') {
          const why = mapped.kind === 'invalid' ? describeProblems(mapped.problems) : 'every mapped cell is now empty';
          const planned = store.table.planned(current);
          return finished({ ordinal: current, rowNumber: planned.rowNumber, ...(planned.id === undefined ? {} : { id: planned.id }), status: 'failed', message: `changed since the check: ${why}`, attempts: 0, ms: 0 });
        }
        // Rows for the same id go one after another, in file order; a row goes only if the one before it
        // was updated, or an older value could land after a newer one.
        const previous = waitFor === undefined ? undefined : await results.get(waitFor);
        if (waitFor !== undefined) results.delete(waitFor);
        if (previous && previous.status !== 'updated') {
          return finished({ ordinal: current, rowNumber: mapped.row.rowNumber, id: mapped.row.id, status: 'not_sent', attempts: 0, ms: 0, message: `not sent: the row before it with the same id (${previous.rowNumber}) was not updated` });
        }
        const [result] = await send([{ ordinal: current, row: mapped.row }]);
        return result as RowResult;
      });
      if (awaited.has(current)) results.set(current, task);
    }
    if (!stopper.stopped) await flush();
    await units.onIdle();
    if (!stopper.stopped && !limitReached) await context.afterSending?.({ reader: createReader(unit), stopped: () => stopper.stopped });
  } finally {
    dispose();
    await input.source.rows.return?.(undefined);
  }
  const batch = settings.batchSize > 1 ? { batch: { size: settings.batchSize, ...sizer.summary(), ...(batchCost ? { cost: batchCost } : {}) } } : {};
  if (limitReached && !stopper.stopped) {
    return { stopReason: 'limit', stopMessage: `Canary done: the first ${settings.limit ?? 0} rows were sent (--limit); resume sends the rest.`, ...batch };
  }
  return { ...stopOutcome(stopper), ...batch };
}

const stopOutcome = (stopper: Stopper): SendOutcome => ({
  ...(stopper.reason ? { stopReason: stopper.reason } : {}),
  ...(stopper.message ? { stopMessage: stopper.message } : {}),
  ...(stopper.reason === 'fatal' && stopper.fatalReason ? { fatalReason: stopper.fatalReason } : {}),
});
