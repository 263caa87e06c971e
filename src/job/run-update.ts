import path from 'node:path';
import { createClient } from '../api/client.js';
import { WolkvoxBulkError } from '../errors.js';
import { loadMapping, type LoadedMapping } from '../mapping/load.js';
import { Journal, loadJournal, type JournalState } from '../report/journal.js';
import { writeReports } from '../report/reports.js';
import { createRunFolder, defaultRunDir, lockRunFolder, type RunPaths } from '../report/run-folder.js';
import { writeSummary } from '../report/summary.js';
import type { RunSummary } from '../types.js';
import { checkVerdict } from './check-messages.js';
import type { JobEvent, Plan } from './events.js';
import { backoffFor, resolveConnection, resolveJobSettings, type JobSettings, type ResolvedConnection, type UpdateOptions } from './options.js';
import { openMappedInput, preflight, readOptionsFor, type DuplicateIndex, type PreflightReport, type ReaderOverrides } from './preflight.js';
import { checkQuotaBeforeStart, waitForQuotaReset } from './quota.js';
import { createRowPlan, type RowDecision } from './row-plan.js';
import { fingerprint, recordConnection, writeRunFile } from './run-file.js';
import { runSendPass } from './session.js';
import type { MapResult } from '../mapping/compile.js';
import type { ReadOptions } from '../input/open.js';

const noEvents = () => undefined;

/** Updates the CRM from a file: checks everything, sends each row once, and reports every row. */
export async function runUpdate(options: UpdateOptions): Promise<RunSummary> {
  const startedAt = new Date();
  const connection = resolveConnection(options);
  const loaded = typeof options.mapping === 'string' ? await loadMapping(options.mapping) : options.mapping;
  const settings = resolveJobSettings(options, loaded);
  const reader = readerOf(options);
  const readOptions = readOptionsFor(options.file, loaded, reader);

  // Check before spending: the whole file is read and mapped before the first call.
  const checked = await checkWholeFile(readOptions, loaded, settings, options.signal);
  const runDir = options.out ?? defaultRunDir(options.file, startedAt);
  const paths = createRunFolder(runDir);
  const release = lockRunFolder(paths);
  try {
    const [input, mapping] = await Promise.all([fingerprint(options.file), fingerprint(loaded.file)]);
    writeRunFile(paths, {
      version: 1,
      createdAt: startedAt.toISOString(),
      input,
      mapping,
      reader,
      job: settings,
      connection: recordConnection(connection),
      rows: checked.report.rows,
    });
    return await runSession({
      paths, readOptions, loaded, settings, connection, checked, startedAt,
      isDone: () => false,
      options,
    });
  } finally {
    release();
  }
}

export interface CheckedFile {
  readonly report: PreflightReport;
  readonly decide: (ordinal: number, result: MapResult) => RowDecision;
  /** Rows the job would send if none were done yet. */
  readonly sendable: number;
  /** Ordinals of the rows of each duplicated id, in file order. */
  readonly duplicates: DuplicateIndex;
}

/** The preflight, with its verdict: invalid rows and duplicate ids stop the job here, before any call. */
export async function checkWholeFile(readOptions: ReadOptions, loaded: LoadedMapping, settings: JobSettings, signal?: AbortSignal): Promise<CheckedFile> {
  const input = await openMappedInput(readOptions, loaded);
  const label = input.source.format.kind === 'csv' ? 'line' : 'row';
  const { report, duplicates, rowNumberOf } = await preflight(input, signal ? { signal } : {}).catch(async (error: unknown) => {
    await input.source.rows.return?.(undefined);
    if (signal?.aborted) throw new WolkvoxBulkError('CANCELLED', 'Interrupted while checking the file: nothing was sent.', { cause: error });
    throw error;
  });
  const verdict = checkVerdict(report, label, settings, readOptions, loaded);
  if (verdict) throw verdict;
  const decide = createRowPlan(duplicates, settings.duplicates, rowNumberOf, label);
  const excluded = settings.duplicates === 'first' || settings.duplicates === 'last' ? [...duplicates.values()].reduce((sum, list) => sum + list.length - 1, 0) : 0;
  return { report, decide, sendable: report.valid - report.empty - excluded, duplicates };
}

export interface SessionInput {
  readonly paths: RunPaths;
  readonly readOptions: ReadOptions;
  readonly loaded: LoadedMapping;
  readonly settings: JobSettings;
  readonly connection: ResolvedConnection;
  readonly checked: CheckedFile;
  readonly startedAt: Date;
  readonly isDone: (ordinal: number) => boolean;
  /** Rows already done by earlier sessions (for the plan). */
  readonly alreadyDone?: number;
  readonly options: Pick<UpdateOptions, 'signal' | 'logger' | 'onEvent' | 'confirm' | 'backoff'>;
}

/** One session of a run (the first, or a resume): plan, confirm, send, then report the whole run. */
export async function runSession(input: SessionInput): Promise<RunSummary> {
  const { paths, settings, connection, checked, options } = input;
  const onEvent = options.onEvent ?? noEvents;
  const client = createClient({
    server: connection.server,
    token: connection.token,
    concurrency: connection.concurrency,
    timeoutMs: connection.timeoutMs,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  // Released once the send pass is over: the reports fold the journal again, and a million-row table
  // need not be held twice.
  let state: JournalState | undefined = await loadJournal(paths.journal, checked.report.rows);
  const session = state.sessions + 1;
  const journal = new Journal(paths.journal);
  try {
    const alreadyDone = input.alreadyDone ?? 0;
    const toSend = Math.min(checked.sendable - alreadyDone, settings.limit ?? Number.POSITIVE_INFINITY);
    const quota = connection.checkQuota && !settings.dryRun ? await checkQuotaBeforeStart(client, settings.operation, journal, onEvent) : undefined;
    const plan: Plan = {
      file: checked.report.file,
      runDir: paths.dir,
      server: connection.server,
      operation: settings.operation,
      module: settings.module,
      concurrency: connection.concurrency,
      ...(connection.rate === undefined ? {} : { rate: connection.rate }),
      toSend,
      rows: checked.report.rows,
      invalid: checked.report.invalid,
      skipped: checked.report.valid - checked.sendable,
      alreadyDone,
      dryRun: settings.dryRun,
      ...(quota ? { quota } : {}),
      waitForQuota: connection.waitForQuota,
    };
    onEvent({ type: 'plan', plan });
    if (options.confirm && !(await options.confirm(plan))) {
      throw new WolkvoxBulkError('CANCELLED', `Cancelled: nothing was sent. The run folder ${paths.dir} can be resumed later.`);
    }
    journal.startSession(session);
    options.logger?.info({ session, toSend, server: connection.server }, 'session started');
    const outcome = await runSendPass({
      readOptions: input.readOptions,
      mapping: input.loaded,
      decide: checked.decide,
      isDone: input.isDone,
      settings,
      connection,
      client,
      journal,
      table: state.table,
      backoff: backoffFor(options),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      onEvent,
      onQuotaExceeded: (stop) =>
        connection.waitForQuota ? waitForQuotaReset(client, settings.operation, journal, onEvent, stop) : Promise.resolve(false),
      ...(quota ? { quotaAvailable: quota.available } : {}),
    });
    journal.close();
    state = undefined;
    const totals = await loadJournal(paths.journal, checked.report.rows);
    const report = await writeReports({
      paths,
      readOptions: input.readOptions,
      mapping: input.loaded,
      decide: checked.decide,
      table: totals.table,
      notSentMessage: settings.dryRun ? 'dry run: not sent' : (outcome.stopMessage ?? 'not sent'),
      xlsx: settings.reportFormat === 'xlsx',
    });
    options.logger?.info({ counts: report.counts, stopReason: outcome.stopReason }, 'session finished');
    return writeSummary({
      paths,
      file: checked.report.file,
      server: connection.server,
      operation: settings.operation,
      module: settings.module,
      dryRun: settings.dryRun,
      startedAt: input.startedAt,
      journal: totals,
      report,
      ...(outcome.stopReason ? { stopReason: outcome.stopReason } : {}),
      ...(outcome.stopMessage ? { stopMessage: outcome.stopMessage } : {}),
    });
  } finally {
    journal.close();
    client.close();
  }
}

function readerOf(options: ReaderOverrides): ReaderOverrides {
  return {
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    ...(options.headerRow === undefined ? {} : { headerRow: options.headerRow }),
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
  };
}

export type { JobEvent };
