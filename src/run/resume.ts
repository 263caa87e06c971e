import fs from 'node:fs';
import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
import { loadMapping } from '../mapping/load.js';
import { checkFile } from '../plan/check.js';
import { checkOptions } from '../plan/option-rules.js';
import { resolveConnection, type ConnectionOptions, type JobHooks } from '../plan/options.js';
import { readOptionsFor, type DuplicateIndex } from '../plan/preflight.js';
import { onRunFolder } from '../store/file-errors.js';
import { fingerprint, mappingRowsHash, readRunFile, writeRunFile, type FileFingerprint } from '../store/run-file.js';
import { lockRunFolder, runPaths } from '../store/run-folder.js';
import { RowTable } from '../store/row-table.js';
import { isFinal } from '../store/resumable.js';
import type { RunSummary } from '../core/types.js';
import { runSession } from './session.js';
import { reopenSince } from './since.js';

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
 * again, and the reports then describe every session of the job together.
 */
export async function resumeRun(options: ResumeOptions): Promise<RunSummary> {
  const sessionStartedAt = new Date();
  checkOptions(options);
  const paths = runPaths(options.runDir);
  if (!fs.existsSync(paths.dir)) throw new WolkvoxBulkError('RUN_INVALID', `Run folder not found: ${paths.dir}. Give the folder that update printed at the end of its run.`, { file: paths.dir });
  const run = readRunFile(paths);
  if (run.job.dryRun) {
    throw new WolkvoxBulkError('RUN_INVALID', `Dry run: ${paths.dir} was a dry run, which has nothing to resume. Run update again without --dry-run.`, { file: paths.dir });
  }
  const release = await onRunFolder(paths.dir, 'RUN_FOLDER', `Fix the permissions of ${paths.dir} (the folder and its files must be writable by you), then resume again. Nothing was sent.`, () => lockRunFolder(paths));
  try {
    await ensureUnchanged('input', run.input, paths.dir);
    const loaded = await loadMapping(run.mapping.path);
    const mappingEdited = await ensureUnchanged('mapping', run.mapping, paths.dir, mappingRowsHash(loaded.mapping));
    const { token, runDir: _runDir, retryFailed = false, signal, logger, onEvent, confirm, backoff, operation, module, batchSize, ...overrides } = options;
    const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
    const connection = resolveConnection({ ...run.connection, ...defined, token });
    // The canary limit was for the first session; a resume sends the rest. The operation and module may be
    // corrected, by a flag or in the mapping, because they change no row.
    const { limit: _limit, ...recorded } = run.job;
    const settings = {
      ...recorded,
      // A run written before batches existed sent one row per call.
      batchSize: batchSize ?? recorded.batchSize ?? 1,
      skipUnchanged: recorded.skipUnchanged ?? false,
      verify: recorded.verify ?? false,
      operation: operation ?? (mappingEdited ? loaded.mapping.operation : undefined) ?? recorded.operation,
      module: module ?? (mappingEdited ? loaded.mapping.module : undefined) ?? recorded.module,
    };
    if (mappingEdited || settings.operation !== recorded.operation || settings.module !== recorded.module) {
      const mapping = mappingEdited ? { ...(await fingerprint(run.mapping.path)), rowsSha256: run.mapping.rowsSha256 } : run.mapping;
      await onRunFolder(paths.dir, 'RUN_FOLDER', 'Fix the folder\'s permissions, then resume again. Nothing was sent.', () =>
        writeRunFile(paths, { ...readRunFile(paths), mapping, job: { ...run.job, operation: settings.operation, module: settings.module } }),
      );
    }
    const readOptions = readOptionsFor(run.input.path, loaded, run.reader);
    // A --since run is planned against the same baseline as its first session.
    const since = run.since && reopenSince(run.since, paths.dir, `wolkvox-bulk update ${run.input.path} --mapping ${run.mapping.path}`, { ...settings, server: connection.server });
    const table = new RowTable();
    const checked = await checkFile(readOptions, loaded, settings, table, signal, since);
    return await runSession({
      paths,
      readOptions,
      loaded,
      settings,
      connection,
      checked,
      table,
      startedAt: new Date(run.createdAt),
      sessionStartedAt,
      ...(run.journal ? { journalMark: run.journal } : {}),
      ...(run.batchCost ? { batchCost: run.batchCost } : {}),
      doneBefore: (store) => doneBefore(store.table, checked.duplicates, settings.duplicates === 'all', retryFailed),
      hooks: { ...(signal ? { signal } : {}), ...(logger ? { logger } : {}), ...(onEvent ? { onEvent } : {}), ...(confirm ? { confirm } : {}), ...(backoff ? { backoff } : {}) },
    });
  } finally {
    release();
  }
}

/**
 * Rows an earlier session finished: updated, or refused by the CRM (unless --retry-failed). With
 * --duplicates all, once a row of an id is sent again every later row of that id goes again after it,
 * so the file's last value is still the one the record ends with.
 */
function doneBefore(table: RowTable, duplicates: DuplicateIndex, chained: boolean, retryFailed: boolean): (ordinal: number) => boolean {
  const resend = new Set<number>();
  if (chained) {
    for (const ordinals of duplicates.values()) {
      const first = ordinals.findIndex((ordinal) => !isFinal(table.outcome(ordinal), retryFailed));
      if (first !== -1) for (const ordinal of ordinals.slice(first)) resend.add(ordinal);
    }
  }
  return (ordinal) => !resend.has(ordinal) && isFinal(table.outcome(ordinal), retryFailed);
}

/**
 * Refuses a file that changed since the run started. For the mapping, a change of its operation or module
 * only is allowed (they change no row): then it resolves true, and the run takes the new names.
 */
async function ensureUnchanged(what: 'input' | 'mapping', recorded: FileFingerprint, runDir: string, rowsSha256?: string): Promise<boolean> {
  const name = path.basename(recorded.path);
  if (!fs.existsSync(recorded.path)) {
    throw new WolkvoxBulkError('RUN_CHANGED', `The ${what} file is gone: ${recorded.path} is where the run read it. Put it back unchanged to resume ${runDir}.`, { file: recorded.path });
  }
  const now = await fingerprint(recorded.path);
  if (now.size === recorded.size && now.sha256 === recorded.sha256) return false;
  if (rowsSha256 !== undefined && recorded.rowsSha256 === rowsSha256) return true;
  throw new WolkvoxBulkError(
    'RUN_CHANGED',
    `The ${what} changed since the run started: ${name} is not the file the run checked (${recorded.size} bytes then, ${now.size} now). Resuming could send rows that were never checked or skip rows by position. Restore it, or start a new run with update (the rows already updated are listed in ${path.join(runDir, 'results.csv')}).${what === 'mapping' ? ' (Only the operation and module may change between sessions: resume --operation and --module set them too.)' : ''}`,
    { file: recorded.path },
  );
}
