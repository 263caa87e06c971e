import type { FolderFix } from '../core/catalog/en.js';
import { message } from '../core/say.js';
import path from 'node:path';
import { isWolkvoxBulkError, WolkvoxBulkError } from '../core/errors.js';
import type { PreviewReuse, RunSummary } from '../core/types.js';
import type { ReadOptions } from '../input/open.js';
import type { LoadedMapping } from '../mapping/load.js';
import { checkFile, type CheckedFile } from '../plan/check.js';
import { resolveConnection, resolveJobSettings } from '../plan/job-settings.js';
import { checkOptions } from '../plan/option-rules.js';
import type { JobSettings, ReaderOverrides, ResolvedConnection, UpdateOptions } from '../plan/options.js';
import { loadMappingFor, readOptionsFor } from '../plan/preflight.js';
import { fieldRules } from '../plan/unchanged.js';
import { onRunFolder, runFolderError } from '../store/file-errors.js';
import { PlanRecorder } from '../store/plan-table.js';
import { fingerprint, mappingRowsHash, recordConnection, writeRunFile } from '../store/run-file.js';
import { createRunFolder, defaultRunDir, forgetRunFolder, lockRunFolder, missingFolder, type RunPaths } from '../store/run-folder.js';
import { RowTable } from '../store/row-table.js';
import { JOB_DEFAULTS } from '../plan/job-settings.js';
import type { LookupsRecord, MatchRecord } from '../store/run-file.js';
import { lookupsRecordOf, prepareLookupStep, refuseLookupDryRun, type LookupStep } from './lookup-step.js';
import { prepareKeyStep, refuseMatchDryRun, type KeyStep } from './match-step.js';
import { reusePreview } from './preview-reuse.js';
import { runSession, type SessionPlan } from './session.js';
import { preloadHttpClient } from '../send/client.js';
import { openSince, type OpenedSince } from './since.js';

/** Updates the CRM from a file: checks everything, sends each row once, and reports every row. */
export async function runUpdate(options: UpdateOptions): Promise<RunSummary> {
  const startedAt = new Date();
  checkOptions(options);
  // A missing token or server is said before the file and mapping are read.
  resolveConnection(options, options.dryRun === true);
  const reader = readerOf(options);
  // Every mapping mistake in one report, the columns it names checked against the file's header too.
  const loaded = typeof options.mapping === 'string' ? await loadMappingFor(options.mapping, options.file, reader) : options.mapping;
  const { job: settings, connection } = resolveJobSettings(undefined, options, { mapping: loaded.mapping });
  const readOptions = readOptionsFor(options.file, loaded, reader);
  if (!settings.dryRun && connection.server) preloadHttpClient(connection.server);

  // --since: the earlier run's baseline, refused before the file is read if that run cannot serve as one.
  const since = options.since === undefined ? undefined : openSince(options.since, { ...settings, server: connection.server });

  // With `match`, the check plans each row with its key; the keys' records are found once the plan is confirmed.
  refuseMatchDryRun(loaded, settings);
  // Likewise a search field's `lookup`: the plan sends each name, its linked record's id found once confirmed.
  refuseLookupDryRun(loaded, settings);
  const lookups = lookupsRecordOf(loaded);
  const rule = loaded.mapping.match;
  const match: MatchRecord | undefined = rule ? { rule: { column: rule.column, field: rule.field, compare: rule.compare ?? 'exact' }, strategy: options.matchBy ?? JOB_DEFAULTS.matchBy } : undefined;

  // The run folder first: the check writes the plan into it as it reads the file.
  const runDir = options.out ?? defaultRunDir(options.file, startedAt);
  const fix: FolderFix = { kind: 'out' };
  const created = missingFolder(runDir);
  const { paths, release } = await onRunFolder(runDir, 'RUN_FOLDER', fix, () => {
    const paths = createRunFolder(runDir);
    return { paths, release: lockRunFolder(paths) };
  });
  // A run that sent nothing (its check refused the file, or its plan was declined) leaves no run folder to
  // stand in the way of the same command.
  const forget = () => {
    release();
    forgetRunFolder(runDir, created);
  };
  let table: RowTable | undefined;
  let plan: SessionPlan;
  let keys: KeyStep | undefined;
  let reused: PreviewReuse | undefined;
  let linked: LookupStep | undefined;
  try {
    table = new RowTable(paths.outcomes);
    plan = await checkIntoPlan({ options, loaded, settings, connection, readOptions, paths, table, since, match, lookups, startedAt, fix });
    // Before the key step: the keys it would read, and the snapshot, may be the preview's.
    reused = options.reusePreview === undefined ? undefined : reusePreview(options.reusePreview, paths);
    const onEvent = options.onEvent ?? (() => undefined);
    if (lookups) linked = await prepareLookupStep({ paths, record: lookups, table, settings, ...(since && !match ? { since: since.baseline } : {}), onEvent });
    if (match) {
      keys = await prepareKeyStep({ paths, match, table, settings, labels: Object.keys(plan.fields), ...(since ? { since: since.baseline } : {}), onEvent: options.onEvent ?? (() => undefined) });
    }
  } catch (error) {
    table?.close();
    forget();
    throw error;
  }
  try {
    return await runSession({ paths, settings, connection, plan, table, mapping: loaded.file, startedAt, sessionStartedAt: startedAt, hooks: options, ...(keys ? { keys } : {}), ...(linked ? { lookups: linked } : {}), ...(reused ? { reusedPreview: reused } : {}) });
  } catch (error) {
    if (!isWolkvoxBulkError(error) || error.code !== 'CANCELLED') throw error;
    table.close();
    forget();
    throw new WolkvoxBulkError('CANCELLED', message('run.cancelled-no-folder'), { cause: error });
  } finally {
    table.close();
    release();
  }
}

/**
 * Check before spending: the whole file is read and mapped, what each row is decided and written into the
 * run's plan (whole and on disk before the first call), and run.json records the plan and the files.
 */
async function checkIntoPlan(job: {
  readonly options: UpdateOptions;
  readonly loaded: LoadedMapping;
  readonly settings: JobSettings;
  readonly connection: ResolvedConnection;
  readonly readOptions: ReadOptions;
  readonly paths: RunPaths;
  readonly table: RowTable;
  readonly since: OpenedSince | undefined;
  readonly match: MatchRecord | undefined;
  readonly lookups: LookupsRecord | undefined;
  readonly startedAt: Date;
  readonly fix: FolderFix;
}): Promise<SessionPlan> {
  const { options, loaded, settings, paths, table, since, fix } = job;
  const recorder = new PlanRecorder(paths.plan, table, (error) => runFolderError(error, paths.dir, 'RUN_FOLDER', fix));
  let checked: CheckedFile;
  try {
    // With `match` the plan holds keys, not ids, until they are found, and with lookups the bodies lack the
    // linked ids: --since compares once they are in.
    checked = await checkFile(job.readOptions, loaded, settings, recorder, options.signal, job.match || job.lookups ? undefined : since?.baseline);
  } catch (error) {
    recorder.abort();
    throw error;
  }
  if (checked.report.rows === 0) {
    recorder.abort();
    throw new WolkvoxBulkError('INPUT_EMPTY', message('run.no-data-rows', { file: path.basename(options.file) }), { file: options.file });
  }
  const [input, mappingFile] = await Promise.all([fingerprint(options.file), fingerprint(loaded.file)]);
  const mapping = { ...mappingFile, rowsSha256: mappingRowsHash(loaded.mapping) };
  const plan = await recorder.close({ size: input.size, sha256: input.sha256 });
  await onRunFolder(paths.dir, 'RUN_FOLDER', fix, () =>
    writeRunFile(paths, {
      version: 1,
      createdAt: job.startedAt.toISOString(),
      input,
      mapping,
      reader: readerOf(options),
      job: settings,
      connection: recordConnection(job.connection),
      rows: checked.report.rows,
      plan,
      ...(since ? { since: since.record } : {}),
      ...(job.match ? { match: job.match } : {}),
      ...(settings.preview ? { preview: { checkedPlan: plan } } : {}),
      ...(job.lookups ? { lookups: job.lookups } : {}),
    }),
  );
  const { report } = checked;
  return {
    file: report.file,
    warnings: report.warnings,
    ...(report.warningsSaid ? { warningsSaid: report.warningsSaid } : {}),
    after: checked.after,
    fields: Object.fromEntries(fieldRules(loaded.mapping)),
    preview: report.preview,
  };
}

export function readerOf(options: ReaderOverrides): ReaderOverrides {
  return {
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    ...(options.headerRow === undefined ? {} : { headerRow: options.headerRow }),
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
  };
}

