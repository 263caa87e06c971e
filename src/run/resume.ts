import { message, type Message } from '../core/say.js';
import fs from 'node:fs';
import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
import { loadMapping, type LoadedMapping } from '../mapping/load.js';
import { checkSettings, resolveJobSettings } from '../plan/job-settings.js';
import type { ConnectionOptions, JobHooks } from '../plan/options.js';
import { onRunFolder } from '../store/file-errors.js';
import { loadPlan } from '../store/plan-table.js';
import { fingerprint, mappingRowsHash, readRunFile, writeRunFile, type FileFingerprint } from '../store/run-file.js';
import { lockRunFolder, runPaths } from '../store/run-folder.js';
import { RowTable } from '../store/row-table.js';
import { isFinal } from '../store/resumable.js';
import type { RunSummary } from '../core/types.js';
import { finishApplied } from './applied-plan.js';
import { prepareLookupStep } from './lookup-step.js';
import { prepareKeyStep } from './match-step.js';
import { planMarkOf } from './past-run.js';
import { runSession } from './session.js';
import { refuseOtherTarget } from './since.js';

export interface ResumeOptions extends Omit<ConnectionOptions, 'token'>, JobHooks {
  /** The run folder that `update` created. */
  readonly runDir: string;
  /** The token (it is never recorded, so it is needed again). */
  readonly token?: string;
  /** Also send again the rows the CRM refused (row-class failures), after the CRM side was fixed. */
  readonly retryFailed?: boolean;
  /** Correct the CRM operation (it changes no row). @default the run's */
  readonly operation?: string;
  /** Correct the CRM module (it changes no row). @default the run's */
  readonly module?: string;
  /** Records per updateMany.php call. @default the run's */
  readonly batchSize?: number;
}

/**
 * Continues a run: rows with a final outcome are not sent again, rows in flight at a crash are sent
 * again, and the reports then describe every session of the job together. Every row is sent as the run's
 * plan holds it: the input is not read (it may have been moved or edited since; the plan says so). Its
 * settings are the run's with what is given now (resolveJobSettings); one that decides what is sent
 * (duplicates, limit, snapshot, verify…) is refused.
 */
export async function resumeRun(options: ResumeOptions): Promise<RunSummary> {
  const sessionStartedAt = new Date();
  const { runDir: _runDir, retryFailed = false, signal, logger, onEvent, confirm, backoff, ...overrides } = options;
  // The settings given now, checked (those a resume cannot take refused) before the run is opened.
  checkSettings(overrides, { resume: true });
  const paths = runPaths(options.runDir);
  if (!fs.existsSync(paths.dir)) throw new WolkvoxBulkError('RUN_INVALID', message('run.not-found', { runDir: paths.dir }), { file: paths.dir });
  const run = readRunFile(paths);
  if (run.job.dryRun || run.job.preview) {
    throw new WolkvoxBulkError('RUN_INVALID', message('run.sent-nothing', { runDir: paths.dir, was: run.job.dryRun ? 'dry-run' : 'preview', command: 'resume' }), { file: paths.dir });
  }
  const release = await onRunFolder(paths.dir, 'RUN_FOLDER', { kind: 'permissions', dir: paths.dir, then: 'resume' }, () => lockRunFolder(paths));
  let table: RowTable | undefined;
  try {
    // A crash between a plan with what the reads found taking its place and run.json saying so, finished.
    const finished = await finishApplied(paths, run);
    const planMark = finished?.mark ?? planMarkOf(run, paths, 'resume');
    const { match, lookups } = finished?.run ?? run;
    const mappingNow = await mappingSince(run.mapping);
    // What run.json recorded, with what is given now; the operation and module may also be corrected in
    // the mapping, because they change no row.
    const { job: settings, connection } = resolveJobSettings(run, overrides, { ...(mappingNow.target ? { mapping: mappingNow.target } : {}) });
    const recorded = run.job;
    if (mappingNow.target || settings.operation !== recorded.operation || settings.module !== recorded.module) {
      const mapping = mappingNow.target ? { ...(await fingerprint(run.mapping.path)), rowsSha256: run.mapping.rowsSha256 } : run.mapping;
      await onRunFolder(paths.dir, 'RUN_FOLDER', { kind: 'permissions', then: 'resume' }, () =>
        writeRunFile(paths, { ...readRunFile(paths), mapping, job: { ...run.job, operation: settings.operation, module: settings.module } }),
      );
    }
    // What a --since run left unchanged was decided by its check, against that run's records: not another target's.
    if (run.since) refuseOtherTarget(run.since.dir, { ...recorded, server: run.connection.server }, { ...settings, server: connection.server });
    table = new RowTable(paths.outcomes);
    const plan = await loadPlan(paths.plan, planMark, table);
    const notes = [...(await inputNote(run.input)), ...mappingNow.notes];
    // A `match` run stopped before its keys' ids were in the plan: the keys not found yet are read (only those).
    const events = onEvent ?? (() => undefined);
    const keys = match && !match.applied ? await prepareKeyStep({ paths, match, table, settings, labels: Object.keys(plan.header.fields), onEvent: events }) : undefined;
    // Likewise a run stopped before its lookups' linked ids were in the plan: the names not found yet are read.
    const linked = lookups && !lookups.applied ? await prepareLookupStep({ paths, record: lookups, table, settings, onEvent: events }) : undefined;
    return await runSession({
      paths,
      plan: { file: plan.header.file, warnings: plan.header.warnings, ...(plan.header.warningsSaid ? { warningsSaid: plan.header.warningsSaid } : {}), after: plan.after, fields: plan.header.fields },
      mapping: run.mapping.path,
      settings,
      connection,
      table,
      startedAt: new Date(run.createdAt),
      sessionStartedAt,
      ...(run.journal ? { journalMark: run.journal } : {}),
      ...(run.batchCost ? { batchCost: run.batchCost } : {}),
      doneBefore: (store) => doneBefore(store.table, plan.after, retryFailed),
      ...(keys ? { keys } : {}),
      ...(linked ? { lookups: linked } : {}),
      hooks: { ...(signal ? { signal } : {}), ...(logger ? { logger } : {}), ...(onEvent ? { onEvent } : {}), ...(confirm ? { confirm } : {}), ...(backoff ? { backoff } : {}), planNotes: notes },
    });
  } finally {
    table?.close();
    release();
  }
}

/**
 * Rows an earlier session finished: updated, or refused by the CRM (unless --retry-failed). With
 * --duplicates all, once a row of an id is sent again every later row of that id goes again after it,
 * so the file's last value is still the one the record ends with.
 */
function doneBefore(table: RowTable, after: ReadonlyMap<number, number>, retryFailed: boolean): (ordinal: number) => boolean {
  const resend = new Set<number>();
  // Each chain of an id's rows, from the row each later one goes after (rows come in file order).
  for (const [ordinal, previous] of [...after].sort(([a], [b]) => a - b)) {
    if (resend.has(previous) || !isFinal(table.head(previous), retryFailed)) resend.add(ordinal);
  }
  // The first row of a chain that is sent again is not final itself.
  return (ordinal) => !resend.has(ordinal) && isFinal(table.head(ordinal), retryFailed);
}

/**
 * What became of the input since the run checked it, said before the first call: nothing is read from it
 * (the rows go as the plan holds them), but a person who edited it should know the edits are not sent.
 */
async function inputNote(recorded: FileFingerprint): Promise<Message[]> {
  const name = path.basename(recorded.path);
  if (!fs.existsSync(recorded.path)) return [message('plan.input-gone', { name, path: recorded.path })];
  const now = await fingerprint(recorded.path);
  if (now.size === recorded.size && now.sha256 === recorded.sha256) return [];
  return [message('plan.input-changed', { name, before: recorded.size, now: now.size })];
}

/**
 * The run's mapping as it is now. Only its operation and module may change between sessions (they change
 * no row): then `target` holds them. Any other change is not applied (the plan holds what each row sends),
 * and the notes say so; a mapping that is gone changes nothing.
 */
async function mappingSince(recorded: FileFingerprint): Promise<{ readonly target?: { readonly operation?: string; readonly module?: string }; readonly notes: Message[] }> {
  if (!fs.existsSync(recorded.path)) return { notes: [] };
  const now = await fingerprint(recorded.path);
  if (now.size === recorded.size && now.sha256 === recorded.sha256) return { notes: [] };
  const name = path.basename(recorded.path);
  const ignored = message('plan.mapping-changed', { name });
  let loaded: LoadedMapping;
  try {
    loaded = await loadMapping(recorded.path);
  } catch {
    return { notes: [ignored] };
  }
  if (recorded.rowsSha256 === undefined || mappingRowsHash(loaded.mapping) !== recorded.rowsSha256) return { notes: [ignored] };
  const { operation, module } = loaded.mapping;
  return { target: { ...(operation ? { operation } : {}), ...(module ? { module } : {}) }, notes: [] };
}
