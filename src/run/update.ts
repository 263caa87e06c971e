import fs from 'node:fs';
import path from 'node:path';
import { isWolkvoxBulkError, WolkvoxBulkError } from '../core/errors.js';
import type { RunSummary } from '../core/types.js';
import { checkFile } from '../plan/check.js';
import { checkOptions } from '../plan/option-rules.js';
import { resolveConnection, resolveJobSettings, type ReaderOverrides, type UpdateOptions } from '../plan/options.js';
import { loadMappingFor, readOptionsFor } from '../plan/preflight.js';
import { onRunFolder } from '../store/file-errors.js';
import { fingerprint, mappingRowsHash, recordConnection, writeRunFile } from '../store/run-file.js';
import { createRunFolder, defaultRunDir, forgetRunFolder, lockRunFolder } from '../store/run-folder.js';
import { RowTable } from '../store/row-table.js';
import { runSession } from './session.js';
import { openSince } from './since.js';

/** Updates the CRM from a file: checks everything, sends each row once, and reports every row. */
export async function runUpdate(options: UpdateOptions): Promise<RunSummary> {
  const startedAt = new Date();
  checkOptions(options);
  const dryRun = options.dryRun ?? false;
  const connection = resolveConnection(options, dryRun);
  const reader = readerOf(options);
  // Every mapping mistake in one report, the columns it names checked against the file's header too.
  const loaded = typeof options.mapping === 'string' ? await loadMappingFor(options.mapping, options.file, reader) : options.mapping;
  const settings = resolveJobSettings(options, loaded);
  const readOptions = readOptionsFor(options.file, loaded, reader);

  // --since: the earlier run's baseline, refused before the file is read if that run cannot serve as one.
  const since = options.since === undefined ? undefined : openSince(options.since, { ...settings, server: connection.server });

  // Check before spending: the whole file is read and mapped, and what each row is decided, before the first call.
  const table = new RowTable();
  const checked = await checkFile(readOptions, loaded, settings, table, options.signal, since?.baseline);
  if (checked.report.rows === 0) {
    throw new WolkvoxBulkError('INPUT_EMPTY', `No data rows: ${path.basename(options.file)} has a header but no rows under it, so there is nothing to send. Check that this is the file (and the sheet) you meant.`, { file: options.file });
  }
  const runDir = options.out ?? defaultRunDir(options.file, startedAt);
  const [input, mappingFile] = await Promise.all([fingerprint(options.file), fingerprint(loaded.file)]);
  const mapping = { ...mappingFile, rowsSha256: mappingRowsHash(loaded.mapping) };
  const fix = 'Choose another --out (a new folder where you can write), or fix that folder\'s permissions. Nothing was sent.';
  const created = !fs.existsSync(runDir);
  const { paths, release } = await onRunFolder(runDir, 'RUN_FOLDER', fix, () => {
    const paths = createRunFolder(runDir);
    return { paths, release: lockRunFolder(paths) };
  });
  try {
    await onRunFolder(runDir, 'RUN_FOLDER', fix, () =>
      writeRunFile(paths, { version: 1, createdAt: startedAt.toISOString(), input, mapping, reader, job: settings, connection: recordConnection(connection), rows: checked.report.rows, ...(since ? { since: since.record } : {}) }),
    );
    return await runSession({ paths, readOptions, loaded, settings, connection, checked, table, startedAt, sessionStartedAt: startedAt, hooks: options });
  } catch (error) {
    // A declined plan sent nothing: no run folder is left to stand in the way of the same command.
    if (!isWolkvoxBulkError(error) || error.code !== 'CANCELLED') throw error;
    release();
    forgetRunFolder(runDir, created);
    throw new WolkvoxBulkError('CANCELLED', 'Cancelled: nothing was sent, and no run folder was kept.', { cause: error });
  } finally {
    release();
  }
}

export function readerOf(options: ReaderOverrides): ReaderOverrides {
  return {
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    ...(options.headerRow === undefined ? {} : { headerRow: options.headerRow }),
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
  };
}
