import { message, say, type Message } from '../core/say.js';
import PQueue from 'p-queue';
import type { WolkvoxClient } from '../api/client.js';
import type { JobEvent } from '../core/events.js';
import type { BackoffOptions, BatchSummary, CallReason, Logger, RowResult, StopReason } from '../core/types.js';
import type { JobSettings, ResolvedConnection } from '../plan/options.js';
import type { RunStore } from '../store/run-store.js';
import { createBatchCost, type BatchCostMeasure } from './batch-cost.js';
import { createBatchSizer } from './batch-size.js';
import { sendBatch, type BatchRow } from './batch-unit.js';
import { batchable, plannedRows } from './planned-rows.js';
import { sendRow } from './send-unit.js';
import { createReader, type Reader } from './reads.js';
import { createSendTools } from './send-tools.js';
import type { Stopper } from './stop.js';

export interface SendPassContext {
  /** The run's plan file: the rows are sent exactly as it holds them. */
  readonly plan: string;
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
  /** Learn what one updateMany.php call costs (--check-quota), around the first batch. */
  readonly measureBatchCost?: BatchCostMeasure;
  /**
   * Work before the first update, through the same pacer, budget and journal (a snapshot's reads):
   * resolves false when the job stopped meanwhile, and nothing is then sent.
   */
  readonly beforeSending?: (tools: ReadTools) => Promise<boolean>;
  /**
   * Told once, as the first update is about to go (after `beforeSending`): from here what each row is for
   * this session is settled, and each row the pass sends is told to `onFinished` once it has its last result.
   */
  readonly onSending?: () => void;
  /** Told of each row once it has its last result of this pass (after a quota refusal it is sent again first). */
  readonly onFinished?: (ordinal: number) => void;
}

/** What reads go through: a send pass's before the first update (a snapshot), or a read pass of their own (read-pass.ts). */
export interface ReadTools {
  readonly reader: Reader;
  readonly stopped: () => boolean;
}

export interface SendOutcome {
  readonly stopReason?: StopReason;
  /** Why it stopped, for a person (summary.json's stopMessage is its English). */
  readonly stopSaid?: Message;
  /** Why the CRM's answer was fatal, when it was (what to fix depends on it). */
  readonly fatalReason?: CallReason;
  /** With --batch: the size asked for, the size it ended at, and whether batches could be confirmed. */
  readonly batch?: BatchSummary;
}

/**
 * One pass over the run's plan that sends every row still to do, through a paced pool. The plan is read
 * as the pool drains (a small window of rows is held), so memory does not grow with the file. What each
 * row is and what it sends were decided by the check; this pass sends them as they are.
 */
export async function runSendPass(context: SendPassContext): Promise<SendOutcome> {
  const { settings, connection, store } = context;
  // Before the pacer's first window begins: its calls must not wait for the client's loading (client.ts).
  await context.client.load();
  const { stopper, budget, quotaAnswered, unit, countForBreaker, dispose } = createSendTools(context);
  const finished = (result: RowResult) => {
    // Rows that failed after every retry count too (their answers were retry-class, unseen above).
    countForBreaker(result, 'gave-up');
    store.record(result);
    context.onEvent({ type: 'row', result });
    context.onFinished?.(result.ordinal);
    return result;
  };

  const sizer = createBatchSizer(settings.batchSize, context.onEvent);
  const costs = createBatchCost({
    ...(context.batchCost ? { known: context.batchCost } : {}),
    ...(context.measureBatchCost ? { measure: context.measureBatchCost } : {}),
    budget,
  });
  const batchUnit = {
    ...unit,
    finish: finished,
    sizer: costs.fit(sizer),
    batchUnits: costs.units,
    onSettled: (results: readonly RowResult[]) => {
      for (const result of results) countForBreaker(result, 'verdict');
    },
  };
  // Quota units this session spent since the plan's reading: its calls and readings, one unit each until
  // the first batch (the one measured) has gone.
  const spent = () => store.totals().calls + store.totals().quotaChecks;
  const spentAtStart = spent();
  // The first batch alone (nothing else in flight), cut to what the units left pay for, then the token's
  // use read again. Resolves true when it sent the batch itself.
  const measured = async (batch: BatchRow[]): Promise<boolean> => {
    if (!costs.due) return false;
    await units.onIdle();
    const size = costs.measurable(batch.length);
    if (size === 0) return false;
    const callsBefore = store.totals().calls;
    const since = spent() - spentAtStart;
    await units.add(() => send(batch.slice(0, size)));
    await costs.measured(store.totals().calls - callsBefore === 1, size, since);
    const rest = batch.slice(size);
    if (rest.length > 0) {
      await units.onSizeLessThan(1);
      void units.add(() => send(rest));
    }
    return true;
  };
  // Sends a unit (one row, or a batch), again after the quota's reset when the job waits for it.
  const send = async (rows: readonly BatchRow[]): Promise<RowResult[]> => {
    const results = rows.length === 1 && rows[0] ? [await sendRow(rows[0].ordinal, rows[0].row, unit)] : await sendBatch(rows, batchUnit);
    // Waiting for the quota makes sense only while the job still means to send more.
    const refused = results.filter((result) => result.kind === 'quota');
    if (refused.length > 0 && !stopper.stopped) {
      if (await quotaAnswered()) {
        // The refused calls were made: journal them so the summary counts them, then send those rows again.
        for (const result of refused) store.record(result);
        const done = results.filter((result) => result.kind !== 'quota').map(finished);
        return [...done, ...(await send(rows.filter(({ ordinal }) => refused.some((result) => result.ordinal === ordinal))))];
      }
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
  if (context.beforeSending && !(await context.beforeSending({ reader: createReader(unit, quotaAnswered), stopped: () => stopper.stopped }))) {
    dispose();
    return stopOutcome(stopper);
  }
  context.onSending?.();
  const planned = plannedRows(context.plan, context.toSend, settings.limit);
  try {
    // The plan is read a chunk of rows at a time (one await a chunk, not a row).
    rows: for await (const batch of planned.rows) {
      for (const next of batch) {
        if (stopper.stopped) break rows;
        const current = next.ordinal;
        const waitFor = context.after.get(current);
        // A batch takes rows without attachments (updateMany.php has none) that no other row of theirs
        // waits for or follows; the others go alone, in file order for their id.
        if (sizer.size > 1 && batchable(next.row.attachments.length > 0, current, context.after, awaited)) {
          gathered.push({ ordinal: current, row: next.row });
          if (gathered.length >= sizer.size) await flush();
          continue;
        }
        await units.onSizeLessThan(1);
        if (stopper.stopped) break rows;
        const task = units.add(async (): Promise<RowResult> => {
          const { row } = next;
          // Rows for the same id go one after another, in file order; a row goes only if the one before it
          // was updated, or an older value could land after a newer one.
          const previous = waitFor === undefined ? undefined : await results.get(waitFor);
          if (waitFor !== undefined) results.delete(waitFor);
          if (previous && previous.status !== 'updated') {
            const said = message('note.same-id-not-updated', { line: previous.rowNumber });
            return finished({ ordinal: current, rowNumber: row.rowNumber, id: row.id, status: 'not_sent', attempts: 0, ms: 0, message: say(said, 'en'), said });
          }
          const [result] = await send([{ ordinal: current, row }]);
          return result as RowResult;
        });
        if (awaited.has(current)) results.set(current, task);
      }
    }
    if (!stopper.stopped) await flush();
    await units.onIdle();
  } finally {
    dispose();
    await planned.rows.return(undefined);
  }
  const batch = settings.batchSize > 1 ? { batch: { size: settings.batchSize, ...sizer.summary(), ...(costs.cost ? { cost: costs.cost } : {}) } } : {};
  if (planned.limitReached() && !stopper.stopped) {
    return { stopReason: 'limit', stopSaid: message('stop.canary', { rows: settings.limit ?? 0 }), ...batch };
  }
  return { ...stopOutcome(stopper), ...batch };
}

const stopOutcome = (stopper: Stopper): SendOutcome => ({
  ...(stopper.reason ? { stopReason: stopper.reason } : {}),
  ...(stopper.said ? { stopSaid: stopper.said } : {}),
  ...(stopper.reason === 'fatal' && stopper.fatalReason ? { fatalReason: stopper.fatalReason } : {}),
});
