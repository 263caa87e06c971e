import { message } from '../core/say.js';
import fs from 'node:fs';
import { WolkvoxBulkError } from '../core/errors.js';
import { resolveJobSettings } from '../plan/job-settings.js';
import { DEFAULT_BACKOFF, type ConnectionOptions, type JobHooks } from '../plan/options.js';
import type { ReadPassOptions } from '../send/read-pass.js';
import { onRunFolder } from '../store/file-errors.js';
import { JournalFold } from '../store/journal-fold.js';
import { readJournal } from '../store/journal.js';
import type { PlanMark } from '../store/plan-file.js';
import { loadPlan, type LoadedPlan } from '../store/plan-table.js';
import { readRunFile, type RunFile } from '../store/run-file.js';
import { lockRunFolder, runPaths, type RunPaths } from '../store/run-folder.js';
import { RowTable } from '../store/row-table.js';

/** A run that `verify` or `undo` works on: its files, and every row with the outcome its sessions recorded. */
export interface PastRun {
  readonly paths: RunPaths;
  readonly run: RunFile;
  /** The run's plan as read back: its header (the mapped fields' rules among it). */
  readonly plan: LoadedPlan;
  readonly table: RowTable;
  /** Gives the run folder's lock back. */
  readonly release: () => void;
}

/**
 * Opens a run at rest (locked while the command works on it) to tell what it sent: each row's body from
 * the run's plan (whatever became of the input and mapping since), and from its journal which rows were
 * updated. `command` names the command in messages.
 */
export async function openPastRun(runDir: string, command: 'verify' | 'undo'): Promise<PastRun> {
  const paths = runPaths(runDir);
  if (!fs.existsSync(paths.dir)) throw new WolkvoxBulkError('RUN_INVALID', message('run.not-found', { runDir: paths.dir }), { file: paths.dir });
  const run = readRunFile(paths);
  if (run.job.dryRun || run.job.preview) throw new WolkvoxBulkError('RUN_INVALID', message('run.sent-nothing', { runDir: paths.dir, was: run.job.dryRun ? 'dry-run' : 'preview', command }), { file: paths.dir });
  const release = await onRunFolder(paths.dir, 'RUN_FOLDER', { kind: 'permissions', dir: paths.dir, then: command }, () => lockRunFolder(paths));
  let table: RowTable | undefined;
  const done = () => {
    table?.close();
    release();
  };
  try {
    table = new RowTable(paths.outcomes);
    const plan = await loadPlan(paths.plan, planMarkOf(run, paths, command), table);
    await readJournal(paths.journal, new JournalFold(table), run.journal);
    return { paths, run, plan, table, release: done };
  } catch (error) {
    done();
    throw error;
  }
}

const CONNECTION_KEYS = ['server', 'token', 'concurrency', 'rate', 'retries', 'timeoutSeconds', 'maxCalls', 'waitForQuota', 'checkQuota', 'maxFailureRate'] as const;

/**
 * How verify and undo read the run's records: the run's server, operation and module, with the connection
 * options given now (the token is never recorded, so it is one of them).
 */
export function readPassFor(run: RunFile, options: ConnectionOptions & Pick<JobHooks, 'signal' | 'logger' | 'onEvent' | 'backoff'>): ReadPassOptions {
  const given = Object.fromEntries(CONNECTION_KEYS.flatMap((key) => (options[key] === undefined ? [] : [[key, options[key]]])));
  const { job, connection } = resolveJobSettings(run, given);
  return {
    connection,
    operation: job.operation,
    module: job.module,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    onEvent: options.onEvent ?? (() => undefined),
  };
}

/** The plan's mark as run.json records it; a run made before runs held their plan has none, and is refused. */
export function planMarkOf(run: RunFile, paths: RunPaths, command: 'resume' | 'verify' | 'undo'): PlanMark {
  if (run.plan) return run.plan;
  throw new WolkvoxBulkError('RUN_INVALID', message('run.no-plan', { runDir: paths.dir, command, results: paths.results }), { file: paths.dir });
}
