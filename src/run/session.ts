import { message, say, type Message } from '../core/say.js';
import { WolkvoxBulkError } from '../core/errors.js';
import type { Plan } from '../core/events.js';
import type { ChangePreview, MappedRow, PlanRow, PreviewReuse, RunSummary, TokenInfo, VerifySummary } from '../core/types.js';
import { ifEmptyLabels } from '../plan/if-empty.js';
import { checkToken } from '../plan/token-check.js';
import type { FieldRule } from '../plan/unchanged.js';
import { DEFAULT_BACKOFF, type JobHooks, type JobSettings, type ResolvedConnection } from '../plan/options.js';
import { writeReports, type FollowedRows, type ReportCounts, type UnsentRow } from '../report/reports.js';
import { writeSummary } from '../report/summary.js';
import { openClient, previewBodies, type WolkvoxClient } from '../send/client.js';
import { checkQuotaBeforeStart, readQuota, waitForQuotaReset } from '../send/quota.js';
import { QUOTA_REREAD_EVERY } from '../send/budget.js';
import { estimateCalls } from '../send/planned-rows.js';
import { runSendPass, type ReadTools, type SendOutcome, type SendPassContext } from '../send/send-pass.js';
import { BaselineWriter } from '../store/baseline-writer.js';
import { stopOfReads, verifyReadPass, verifyRows } from './verify-step.js';
import { removeStaleScratch } from '../store/atomic-file.js';
import { whileRunning, writeFailed } from '../store/file-errors.js';
import type { JournalMark } from '../store/journal.js';
import { recordBatchCost } from '../store/run-file.js';
import type { RunPaths } from '../store/run-folder.js';
import { openRunStore, type RunStore } from '../store/run-store.js';
import { rowsToResume } from '../store/resumable.js';
import { indexRunEnd, indexRunStart } from '../store/runs-index.js';
import type { LookupStep } from './lookup-step.js';
import type { KeyStep } from './match-step.js';
import { idsToRead, prepareRows, snapshotTaken } from './prepare.js';
import { previewOf } from './preview.js';
import { createSettledRows } from './settled-rows.js';
import type { RowTable } from '../store/row-table.js';

/** What a session needs of the run's plan besides its rows (which are in the row table and plan.ndjson). */
export interface SessionPlan {
  /** The input as the first session's command named it. */
  readonly file: string;
  /** What the check noticed without refusing, said again before each session's first call. */
  readonly warnings: readonly string[];
  /** The same as messages, for a skin to word; absent in a plan written before they were (its English then said as it is). */
  readonly warningsSaid?: readonly Message[];
  /** `--duplicates all`: the row each later row of an id goes after. */
  readonly after: ReadonlyMap<number, number>;
  /** Each mapped field's comparison rule by CRM label (the snapshot's labels, --skip-unchanged, --verify). */
  readonly fields: Readonly<Record<string, FieldRule>>;
  /** A dry run: the first bodies as they would be sent. */
  readonly preview?: readonly MappedRow[];
}

export interface SessionInput {
  readonly paths: RunPaths;
  readonly plan: SessionPlan;
  /** The mapping file the rows were mapped with (named in the summary). */
  readonly mapping: string;
  readonly settings: JobSettings;
  readonly connection: ResolvedConnection;
  /** Every row as the run's plan holds it; the journal's outcomes are folded into it. */
  readonly table: RowTable;
  /** When the run's first session started. */
  readonly startedAt: Date;
  /** When this session's command started (its check included): a run's duration adds up its sessions. */
  readonly sessionStartedAt: Date;
  /** The journal as the run file last saw it (absent for a new run). */
  readonly journalMark?: JournalMark;
  /**
   * Which planned rows earlier sessions finished, decided from the store once its journal is read (a
   * resume); a new run has none.
   */
  readonly doneBefore?: (store: RunStore) => (ordinal: number) => boolean;
  /** What one updateMany.php call costs, when an earlier session measured it. */
  readonly batchCost?: 'call' | 'record';
  /** With a mapping's `match` whose plan still holds keys: they are found after the plan is confirmed, before the first update. */
  readonly keys?: KeyStep;
  /** `reusePreview`: whether the preview's reads were copied into the run (its steps then read nothing), or why not. */
  readonly reusedPreview?: PreviewReuse;
  /** With search fields' `lookup` whose plan still sends names: found after the plan is confirmed, before the keys and the first update. */
  readonly lookups?: LookupStep;
  readonly hooks: JobHooks;
}

const noEvents = () => undefined;


// The CRM's documented limit is 2 calls in flight per token; a token may have another, so more is allowed.
const CRM_CONCURRENCY = 2;

/** The plan's warnings as messages, and their English (what `warnings` holds). */
const planWarnings = (said: readonly Message[]) => ({ warnings: said.map((note) => say(note, 'en')), warningsSaid: said });

/** One session of a run (the first, or a resume): plan, confirm, send, then report the whole run. */
export async function runSession(input: SessionInput): Promise<RunSummary> {
  const { paths, settings, connection, plan: checked, table, hooks } = input;
  const onEvent = hooks.onEvent ?? noEvents;
  const writeFailure = new AbortController();
  removeStaleScratch(paths.dir);
  // The journal is read once, here: the table then holds every outcome so far, and the send pass adds to it.
  const store = await openRunStore({ paths, table, ...(input.journalMark ? { mark: input.journalMark } : {}), onWriteFailure: (error) => writeFailure.abort(error) });
  const client = settings.dryRun ? undefined : openClient(connection, hooks.logger);
  try {
    const done = input.doneBefore?.(store) ?? (() => false);
    const toSend = (ordinal: number) => table.action(ordinal) === 'send' && !done(ordinal);
    const counts = { send: 0, invalid: 0, skip: 0, unchanged: 0, 'not-found': 0, ambiguous: 0 };
    const keys = input.keys?.plan;
    const ifEmpty = ifEmptyLabels(checked.fields);
    let pending = 0;
    for (let ordinal = 0; ordinal < table.size; ordinal += 1) {
      counts[table.action(ordinal)] += 1;
      if (toSend(ordinal)) pending += 1;
    }
    // Before any call: what the token says of itself (its operation, its age), for the plan.
    const token = connection.token === undefined || settings.dryRun ? undefined : checkToken(connection.token, settings.operation, new Date());
    // --reserve needs the day's figures to know where the reserve starts: the quota is read as --check-quota reads it.
    const reserve = connection.reserve ?? 0;
    const quota = (connection.checkQuota || reserve > 0) && client ? await checkQuotaBeforeStart(client, settings.operation, store, onEvent) : undefined;
    const plan: Plan = {
      file: checked.file,
      runDir: paths.dir,
      ...(settings.dryRun || connection.server === undefined ? {} : { server: connection.server }),
      operation: settings.operation,
      module: settings.module,
      concurrency: connection.concurrency,
      ...(connection.rate === undefined ? {} : { rate: connection.rate }),
      toSend: Math.min(pending, settings.limit ?? Number.POSITIVE_INFINITY),
      rows: table.size,
      invalid: counts.invalid,
      skipped: counts.skip,
      unchanged: counts.unchanged,
      alreadyDone: counts.send - pending,
      dryRun: settings.dryRun,
      ...(quota ? { quota } : {}),
      ...(reserve > 0 ? { reserve, quotaRereadEvery: QUOTA_REREAD_EVERY } : {}),
      ...(token ? { token } : {}),
      ...(settings.batchSize > 1
        ? { batch: { size: settings.batchSize, calls: estimateCalls(table, toSend, settings.limit, settings.batchSize, checked.after), ...(input.batchCost ? { cost: input.batchCost } : {}) } }
        : {}),
      waitForQuota: connection.waitForQuota,
      ...(settings.verify ? { readBack: true } : {}),
      ...(settings.preview ? { preview: true } : {}),
      ...(input.reusedPreview ? { reusedPreview: input.reusedPreview } : {}),
      ...(keys ? { match: keys } : {}),
      ...(input.lookups ? { lookups: input.lookups.plan } : {}),
      ...(settings.snapshot ? { snapshot: { strategy: settings.snapshot, ids: (await idsToRead(paths.plan, toSend)).size, skipUnchanged: settings.skipUnchanged, ...snapshotTaken(paths, keys), ...(ifEmpty.length > 0 ? { ifEmpty } : {}) } } : {}),
      // What the check noticed without refusing (columns known by their letter) is said before the first call too.
      ...planWarnings([
        ...(checked.warningsSaid ?? checked.warnings.map((text) => message('plan.note', { text }))),
        ...(hooks.planNotes ?? []),
        ...(settings.dryRun && ifEmpty.length > 0 ? [message('plan.dry-run-if-empty')] : []),
        ...(connection.concurrency > CRM_CONCURRENCY ? [message('plan.concurrency-over', { concurrency: connection.concurrency, limit: CRM_CONCURRENCY })] : []),
      ]),
    };
    onEvent({ type: 'plan', plan });
    // The time a person takes to answer is not the job's.
    const asked = Date.now();
    const confirmed = !hooks.confirm || (await hooks.confirm(plan));
    const waitedMs = Date.now() - asked;
    if (!confirmed) {
      throw new WolkvoxBulkError('CANCELLED', message('run.cancelled', { runDir: paths.dir }));
    }
    await store.startSession();
    // The run history beside the run folders: this session started (a crash leaves it without an end).
    const indexFailed = (error: unknown) => hooks.logger?.warn({ err: error }, 'run history not written');
    indexRunStart(paths, new Date(), indexFailed);
    hooks.logger?.info({ session: store.session, toSend: plan.toSend, server: plan.server }, 'session started');
    const callsBefore = store.totals().calls;
    // The reports follow the rows as they are sent (a job waiting on the CRM writes them meanwhile, not
    // after), but for --verify, whose reads come after the sending and decide the baseline's rows.
    let sent: SendOutcome | undefined;
    const followed = client && !settings.verify && !settings.preview ? createSettledRows(table.size, toSend) : undefined;
    let followedReport: Promise<ReportCounts> | undefined;
    const follow = followed && {
      onSending: () => {
        followedReport = whileRunning(paths.dir, 'reports', () => writeReportsAndBaseline(input, () => sent, undefined, followed));
        // Awaited below once the pass has ended; a session that fails first throws it away unawaited.
        followedReport.catch(() => undefined);
      },
      onFinished: (ordinal: number) => followed.settle(ordinal),
    };
    try {
      sent = client ? await send(input, store, client, toSend, quota, writeFailure.signal, follow) : {};
      await store.close();
      if (store.failure) throw writeFailed(store.failure, paths.dir, 'journal');
    } catch (error) {
      followed?.fail(error);
      throw error;
    }
    // A preview, once its reads are done: preview.csv, and what the real run would cost.
    const changes: ChangePreview | undefined = settings.preview && sent.stopReason === undefined ? await previewOf(input) : undefined;
    // --verify, once every row is sent: reads of its own, apart from the run's calls. What is left of
    // --max-calls is its budget.
    const readBack = settings.verify && client && sent.stopReason === undefined ? await verifyRows({ paths, fields: checked.fields, table, read: verifyReadPass(input, store.totals().calls - callsBefore) }) : undefined;
    const verify: VerifySummary | undefined = readBack?.verify;
    const outcome: SendOutcome = readBack && !verify && readBack.end.stopReason ? { ...sent, ...stopOfReads(readBack.end) } : sent;
    followed?.end();
    const report = await (followedReport ?? whileRunning(paths.dir, 'reports', () => writeReportsAndBaseline(input, () => outcome, readBack?.notAsSent)));
    hooks.logger?.info({ counts: report.counts, stopReason: outcome.stopReason }, 'session finished');
    // Measured by this session, or recorded by an earlier one: what the summary counts batch calls' units by.
    const batchCost = outcome.batch?.cost ?? input.batchCost;
    const summary = await whileRunning(paths.dir, 'reports', () =>
      writeSummary({
        paths,
        file: checked.file,
        mapping: input.mapping,
        ...(plan.server === undefined ? {} : { server: plan.server }),
        operation: settings.operation,
        module: settings.module,
        dryRun: settings.dryRun,
        startedAt: input.startedAt,
        session: { startedAt: input.sessionStartedAt, waitedMs },
        totals: store.totals(),
        report,
        rowsToResume: rowsToResume(table),
        ...outcome,
        ...(batchCost ? { batchCost } : {}),
        ...(verify ? { verify } : {}),
        ...(input.keys?.summary() ? { match: input.keys.summary() } : {}),
        ...(input.lookups?.summary() ? { lookups: input.lookups.summary() } : {}),
        ...(settings.dryRun ? { preview: previewBodies(checked.preview ?? [], settings) } : {}),
        ...(settings.preview ? { sendsNothing: true } : {}),
        ...(changes ? { changes } : {}),
        ...(input.reusedPreview ? { reusedPreview: input.reusedPreview } : {}),
      }),
    );
    indexRunEnd(paths, summary, indexFailed);
    return summary;
  } finally {
    await store.close();
    client?.close();
  }
}

/**
 * The reports, and in the same pass over the plan what the CRM now holds, for a later run's --since (a
 * dry run changed nothing): every row whose body it holds, but for the records verify found not as sent.
 */
async function writeReportsAndBaseline(input: SessionInput, end: () => SendOutcome | undefined, notAsSent: ReadonlySet<string> | undefined, follow?: FollowedRows) {
  const { paths, settings, table } = input;
  const nothingSent = settings.dryRun || settings.preview === true;
  const baseline = nothingSent ? undefined : new BaselineWriter(paths.baseline, table, settings, notAsSent);
  // The stop's reason, once the pass has ended (a followed report asks before that only of rows sent).
  const unsent = (): UnsentRow => {
    if (nothingSent) return { status: 'would_send' };
    const outcome = end();
    return outcome ? { status: 'not_sent', ...unsentNote(outcome.stopSaid ?? message('report.not-sent')) } : { status: 'not_sent' };
  };
  try {
    const report = await writeReports({
      paths,
      table,
      unsent,
      ...(follow ? { follow } : {}),
      ...(settings.lang ? { lang: settings.lang } : {}),
      xlsx: settings.reportFormat === 'xlsx',
      ...(input.keys && input.keys.summary() === undefined ? { keyed: true } : {}),
      ...(baseline ? { onRow: (row: PlanRow) => baseline.add(row) } : {}),
    });
    baseline?.close();
    return report;
  } catch (error) {
    baseline?.discard();
    throw error;
  }
}

async function send(
  input: SessionInput,
  store: RunStore,
  client: WolkvoxClient,
  toSend: (ordinal: number) => boolean,
  quota: TokenInfo | undefined,
  writeFailed: AbortSignal,
  follow: Pick<SendPassContext, 'onSending' | 'onFinished'> | undefined,
): Promise<SendOutcome> {
  const { settings, connection, hooks, paths } = input;
  const onEvent = hooks.onEvent ?? noEvents;
  // With --check-quota, what a batch call costs is learned from the token's use around the first one.
  const measure =
    quota && settings.batchSize > 1 && input.batchCost === undefined
      ? { usedBefore: quota.usedToday, read: () => readQuota(client, settings.operation, store, onEvent), onMeasured: (cost: 'call' | 'record') => recordBatchCost(paths, cost) }
      : undefined;
  // resolveJobSettings set the strategy wherever a snapshot is read (skip-unchanged needs one).
  const { snapshot } = settings;
  // Before the first update, through the same pacer and journal: the linked records' ids (so the bodies are
  // whole when the keys' --since compares them), the keys' records, then the snapshot.
  const before = async (tools: ReadTools) => {
    if (input.lookups && !(await input.lookups.resolve(tools))) return false;
    if (input.keys && !(await input.keys.resolve(tools))) return false;
    return snapshot ? prepareRows({ paths, fields: input.plan.fields, table: input.table, strategy: snapshot, skipUnchanged: settings.skipUnchanged, toSend, onEvent }, tools) : true;
  };
  const outcome = await runSendPass({
    plan: paths.plan,
    store,
    // A preview makes the reads before the first update, and sends none.
    toSend: settings.preview ? () => false : toSend,
    after: input.plan.after,
    settings,
    connection,
    client,
    backoff: hooks.backoff ?? DEFAULT_BACKOFF,
    ...(hooks.signal ? { signal: hooks.signal } : {}),
    ...(hooks.logger ? { logger: hooks.logger } : {}),
    onEvent,
    onQuotaExceeded: (stop) => (connection.waitForQuota ? waitForQuotaReset(client, settings.operation, store, onEvent, stop, connection.reserve) : Promise.resolve(false)),
    ...(quota === undefined ? {} : { quotaAvailable: quota.available }),
    ...(input.batchCost ? { batchCost: input.batchCost } : {}),
    ...(measure ? { measureBatchCost: measure } : {}),
    ...(snapshot || input.keys || input.lookups ? { beforeSending: before } : {}),
    ...follow,
    writeFailed,
  });
  // A preview sends no batch: the size asked for is the real run's, in the preview's cost.
  if (!settings.preview) return outcome;
  const { batch: _batch, ...reads } = outcome;
  return reads;
}

// A row to send that has no outcome is not sent for the stop's reason: its English, and its message for the run's language.
const unsentNote = (said: Message) => ({ message: say(said, 'en'), said });
