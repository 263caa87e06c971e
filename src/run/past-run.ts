import fs from 'node:fs';
import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
import type { ReadOptions } from '../input/open.js';
import { loadMapping, type LoadedMapping } from '../mapping/load.js';
import { checkFile } from '../plan/check.js';
import { DEFAULT_BACKOFF, resolveConnection, type ConnectionOptions, type JobHooks } from '../plan/options.js';
import { readOptionsFor } from '../plan/preflight.js';
import type { ReadPassOptions } from '../send/read-pass.js';
import { onRunFolder } from '../store/file-errors.js';
import { JournalFold } from '../store/journal-fold.js';
import { readJournal } from '../store/journal.js';
import { fingerprint, mappingRowsHash, readRunFile, type RunFile } from '../store/run-file.js';
import { lockRunFolder, runPaths, type RunPaths } from '../store/run-folder.js';
import { RowTable } from '../store/row-table.js';

/** A run that `verify` or `undo` works on: its files, and every row with the outcome its sessions recorded. */
export interface PastRun {
  readonly paths: RunPaths;
  readonly run: RunFile;
  readonly loaded: LoadedMapping;
  readonly readOptions: ReadOptions;
  readonly table: RowTable;
  /** Gives the run folder's lock back. */
  readonly release: () => void;
}

/**
 * Opens a run at rest (locked while the command works on it) to tell what it sent: its input and mapping
 * must be the ones it read, since each row's values are built from them again, and its journal says which
 * rows were updated. `command` names the command in messages.
 */
export async function openPastRun(runDir: string, command: 'verify' | 'undo', signal?: AbortSignal): Promise<PastRun> {
  const paths = runPaths(runDir);
  if (!fs.existsSync(paths.dir)) throw new WolkvoxBulkError('RUN_INVALID', `Run folder not found: ${paths.dir}. Give the folder that update printed at the end of its run.`, { file: paths.dir });
  const run = readRunFile(paths);
  if (run.job.dryRun) throw new WolkvoxBulkError('RUN_INVALID', `Dry run: ${paths.dir} was a dry run, which sent nothing, so there is nothing to ${command}.`, { file: paths.dir });
  const release = await onRunFolder(paths.dir, 'RUN_FOLDER', `Fix the permissions of ${paths.dir} (the folder and its files must be writable by you), then run ${command} again. Nothing was sent.`, () => lockRunFolder(paths));
  try {
    await ensureSameFile('input', run.input.path, run.input.sha256, paths.dir);
    const loaded = await loadMapping(run.mapping.path);
    if (run.mapping.rowsSha256 !== undefined && mappingRowsHash(loaded.mapping) !== run.mapping.rowsSha256) await ensureSameFile('mapping', run.mapping.path, run.mapping.sha256, paths.dir);
    const readOptions = readOptionsFor(run.input.path, loaded, run.reader);
    const table = new RowTable();
    // Every row planned as the run planned it (duplicates and invalid rows stay out, never refused here).
    const { job } = run;
    await checkFile(readOptions, loaded, { ...job, duplicates: job.duplicates === 'error' ? 'first' : job.duplicates, skipInvalid: true }, table, signal);
    await readJournal(paths.journal, new JournalFold(table), run.journal);
    return { paths, run, loaded, readOptions, table, release };
  } catch (error) {
    release();
    throw error;
  }
}

// What each row sent is built again from the input and the mapping: a file that changed would tell it wrong.
async function ensureSameFile(what: 'input' | 'mapping', file: string, sha256: string, runDir: string): Promise<void> {
  const now = fs.existsSync(file) ? await fingerprint(file) : undefined;
  if (now?.sha256 === sha256) return;
  throw new WolkvoxBulkError(
    'RUN_CHANGED',
    `The ${what} ${now ? 'changed' : 'is gone'}: ${path.basename(file)} is not the file ${runDir} sent from (${file}), so what each row sent can no longer be told. Put back the file the run read, unchanged.`,
    { file },
  );
}

const CONNECTION_KEYS = ['server', 'token', 'concurrency', 'rate', 'retries', 'timeoutSeconds', 'maxCalls', 'waitForQuota', 'checkQuota', 'maxFailureRate'] as const;

/**
 * How verify and undo read the run's records: the run's server, operation and module, with the connection
 * options given now (the token is never recorded, so it is one of them).
 */
export function readPassFor(run: RunFile, options: ConnectionOptions & Pick<JobHooks, 'signal' | 'logger' | 'onEvent' | 'backoff'>): ReadPassOptions {
  const given = Object.fromEntries(CONNECTION_KEYS.flatMap((key) => (options[key] === undefined ? [] : [[key, options[key]]])));
  return {
    connection: resolveConnection({ ...run.connection, ...given }),
    operation: run.job.operation,
    module: run.job.module,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    onEvent: options.onEvent ?? (() => undefined),
  };
}
