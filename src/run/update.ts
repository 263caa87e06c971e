import path from 'node:path';
import { createClient } from '../api/client.js';
import { WolkvoxBulkError } from '../core/errors.js';
import type { LoadedMapping } from '../mapping/load.js';
import { EMPTY_JOURNAL, Journal, loadJournal, type JournalMark, type JournalState } from '../store/journal.js';
import { writeReports } from '../report/reports.js';
import { createRunFolder, defaultRunDir, lockRunFolder, type RunPaths } from '../store/run-folder.js';
import { writeSummary } from '../report/summary.js';
import { onRunFolder, whileRunning, writeFailed } from '../store/file-errors.js';
import type { MappedRow, RunSummary } from '../core/types.js';
import { updateBody } from '../api/bodies.js';
import { checkVerdict } from '../plan/check-messages.js';
import type { JobEvent, Plan } from '../core/events.js';
import { backoffFor, resolveConnection, resolveJobSettings, resolveOut, type JobSettings, type ResolvedConnection, type UpdateOptions } from '../plan/options.js';
import { loadMappingFor, openMappedInput, preflight, readOptionsFor, type DuplicateIndex, type PreflightReport, type ReaderOverrides } from '../plan/preflight.js';
import { checkQuotaBeforeStart, waitForQuotaReset } from '../send/quota.js';
import { createRowPlan, type RowDecision } from '../plan/row-plan.js';
import { fingerprint, mappingRowsHash, markJournal, recordConnection, writeRunFile } from '../store/run-file.js';
import { runSendPass } from '../send/send-pass.js';
import type { MapResult } from '../mapping/compile.js';
import type { ReadOptions } from '../input/open.js';

const noEvents = () => undefined;

/** Updates the CRM from a file: checks everything, sends each row once, and reports every row. */
export async function runUpdate(options: UpdateOptions): Promise<RunSummary> {
  const startedAt = new Date();
  const connection = resolveConnection(options);
  // Every mapping mistake in one report, the columns it names checked against the file's header too.
  const loaded = typeof options.mapping === 'string' ? await loadMappingFor(options.mapping, options.file, readerOf(options)) : options.mapping;
  const settings = resolveJobSettings(options, loaded);
  const reader = readerOf(options);
  const readOptions = readOptionsFor(options.file, loaded, reader);

  // Check before spending: the whole file is read and mapped before the first call.
  const checked = await checkWholeFile(readOptions, loaded, settings, options.signal);
  if (checked.report.rows === 0) {
    throw new WolkvoxBulkError('INPUT_EMPTY', `No data rows: ${path.basename(options.file)} has a header but no rows under it, so there is nothing to send. Check that this is the file (and the sheet) you meant.`, { file: options.file });
  }
  const runDir = resolveOut(options.out, () => defaultRunDir(options.file, startedAt));
  const [input, mappingFile] = await Promise.all([fingerprint(options.file), fingerprint(loaded.file)]);
  const mapping = { ...mappingFile, rowsSha256: mappingRowsHash(loaded.mapping) };
  const fix = 'Choose another --out (a new folder where you can write), or fix that folder\'s permissions. Nothing was sent.';
  const { paths, release } = await onRunFolder(runDir, 'RUN_FOLDER', fix, () => {
    const paths = createRunFolder(runDir);
    return { paths, release: lockRunFolder(paths) };
  });
  try {
    await onRunFolder(runDir, 'RUN_FOLDER', fix, () => writeRunFile(paths, {
      version: 1,
      createdAt: startedAt.toISOString(),
      input,
      mapping,
      reader,
      job: settings,
      connection: recordConnection(connection),
      rows: checked.report.rows,
    }));
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
  /** The journal as the run file last saw it (absent for a new run). */
  readonly journalMark?: JournalMark;
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
  let state: JournalState | undefined = await loadJournal(paths.journal, checked.report.rows, input.journalMark);
  const session = state.sessions + 1;
  const writeFailure = new AbortController();
  const journal = await onRunFolder(paths.dir, 'RUN_FOLDER', `Fix the permissions of ${paths.dir} (its files must be writable by you), then run the command again. Nothing was sent.`, () =>
    new Journal(paths.journal, (error) => writeFailure.abort(error)),
  );
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
      warnings: planWarnings(connection),
    };
    onEvent({ type: 'plan', plan });
    if (options.confirm && !(await options.confirm(plan))) {
      throw new WolkvoxBulkError('CANCELLED', `Cancelled: nothing was sent. The run folder ${paths.dir} can be resumed later.`);
    }
    journal.startSession(session);
    journal.sync();
    // From here a journal with fewer sessions, or other first lines, is refused by resume.
    const startMark = { ...(input.journalMark ?? EMPTY_JOURNAL), sessions: session };
    await onRunFolder(paths.dir, 'RUN_FOLDER', 'Fix the folder\'s permissions, then run the command again. Nothing was sent.', () => markJournal(paths, startMark));
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
      writeFailed: writeFailure.signal,
    });
    journal.close();
    if (journal.failure) throw writeFailed(journal.failure, paths.dir, 'journal');
    state = undefined;
    const totals = await loadJournal(paths.journal, checked.report.rows, startMark);
    await whileRunning(paths.dir, 'reports', () => markJournal(paths, totals.mark));
    const report = await whileRunning(paths.dir, 'reports', () => writeReports({
      paths,
      readOptions: input.readOptions,
      mapping: input.loaded,
      decide: checked.decide,
      table: totals.table,
      notSentMessage: outcome.stopMessage ?? 'not sent',
      dryRun: settings.dryRun,
      xlsx: settings.reportFormat === 'xlsx',
    }));
    options.logger?.info({ counts: report.counts, stopReason: outcome.stopReason }, 'session finished');
    return await whileRunning(paths.dir, 'reports', () => writeSummary({
      paths,
      file: checked.report.file,
      mapping: input.loaded.file,
      server: connection.server,
      operation: settings.operation,
      module: settings.module,
      dryRun: settings.dryRun,
      startedAt: input.startedAt,
      journal: totals,
      report,
      ...(outcome.stopReason ? { stopReason: outcome.stopReason } : {}),
      ...(outcome.stopMessage ? { stopMessage: outcome.stopMessage } : {}),
      ...(outcome.fatalReason ? { fatalReason: outcome.fatalReason } : {}),
      ...(settings.dryRun ? { preview: checked.report.preview.map((row) => previewBody(row, settings)) } : {}),
    }));
  } finally {
    journal.close();
    client.close();
  }
}

// The CRM's documented limit is 2 calls in flight per token; a token may have another, so more is allowed.
const CRM_CONCURRENCY = 2;

function planWarnings(connection: ResolvedConnection): string[] {
  return connection.concurrency > CRM_CONCURRENCY
    ? [`concurrency ${connection.concurrency}: the CRM allows ${CRM_CONCURRENCY} calls in flight per token and refuses the rest (they are retried, but each refused call may cost quota). Keep ${CRM_CONCURRENCY} unless your token's limit is higher.`]
    : [];
}

// A body as the send pass would build it; attachment files are named, not read (they may be large).
function previewBody(row: MappedRow, settings: JobSettings): Record<string, unknown> {
  const attachments = row.attachments.map((file) => `<base64 of ${file.path}, ${file.bytes} bytes>`);
  return updateBody({ operation: settings.operation, module: settings.module, id: row.id, fields: row.fields, attachments });
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
