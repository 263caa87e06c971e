import fs from 'node:fs';
import path from 'node:path';
import { message } from '../core/say.js';
import { WolkvoxBulkError } from '../core/errors.js';
import type { RowStatus, StopReason } from '../core/types.js';
import { lockHolder, runPaths } from '../store/run-folder.js';
import { appendRunsIndex, entriesFromFolder, readRunsIndex, rebuildRunsIndex, runsIndexOf, type RunEndEntry, type RunStartEntry, type RunsIndexEntry } from '../store/runs-index.js';

/**
 * A run as the history says it:
 * - `running`: a session started and its process still holds the folder's lock;
 * - `interrupted`: a session started and never ended (the process died): resumable;
 * - `finished` or `stopped` (early: quota, Ctrl-C, --max-calls, a fatal answer…): as its last session ended;
 * - `undone`: an undo took it back;
 * - `preview` and `dry-run`: they sent nothing;
 * - `damaged`: its run.json cannot be read.
 */
export type RunHistoryState = 'running' | 'interrupted' | 'finished' | 'stopped' | 'undone' | 'preview' | 'dry-run' | 'damaged';

export interface RunRecord {
  /** The run folder's name, and its path. */
  readonly name: string;
  readonly dir: string;
  readonly state: RunHistoryState;
  /** `resume` has something to do (the library's rule: store/resumable.ts). */
  readonly resumable: boolean;
  /** When the run's first session started. */
  readonly createdAt?: string;
  /** Its latest start or end. */
  readonly lastAt?: string;
  /** The input file's name. */
  readonly file?: string;
  readonly rows?: number;
  readonly operation?: string;
  readonly module?: string;
  readonly server?: string;
  readonly dryRun?: boolean;
  readonly preview?: true;
  /** How many sessions started (the first and each resume). */
  readonly sessions?: number;
  /** As the last session that ended left them (the whole run's). */
  readonly counts?: Readonly<Record<RowStatus, number>>;
  readonly calls?: number;
  readonly exitCode?: number;
  readonly stopReason?: StopReason;
  /** The undo's run folder that took it back. */
  readonly undoneBy?: string;
}

export interface ListRunsOptions {
  /** Only runs started, resumed or ended at or after this time. */
  readonly since?: Date;
  /** Hears of an index that could not be written (the listing goes on from the folders). */
  readonly onIndexFailure?: (error: unknown) => void;
}

/** The folder of run folders when none is named: where `update` puts its runs (`--out`'s default) and the page (`ui --runs`). */
export const DEFAULT_RUNS_FOLDER = 'wolkvox-runs';

/**
 * The runs in a folder of run folders, newest first (by when each run started), from the index beside them.
 * The index is written again from the folders when it is missing or damaged; a run folder it lacks (made by
 * an older version, copied in, or its line lost) is added to it from its files; a run whose folder is gone
 * is left out.
 */
export function listRuns(runsFolder: string = DEFAULT_RUNS_FOLDER, options: ListRunsOptions = {}): RunRecord[] {
  const root = path.resolve(runsFolder);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new WolkvoxBulkError('RUN_FOLDER', message('runs.no-folder', { runsFolder }), { file: runsFolder });
  }
  const folders = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && fs.lstatSync(path.join(root, entry.name, 'run.json'), { throwIfNoEntry: false }) !== undefined)
    .map((entry) => entry.name);
  const file = runsIndexOf(root);
  const read = readRunsIndex(file);
  let entries: RunsIndexEntry[];
  if (read === undefined || read.damaged) {
    try {
      entries = rebuildRunsIndex(root, folders);
    } catch (error) {
      options.onIndexFailure?.(error);
      entries = folders.flatMap((name) => entriesFromFolder(path.join(root, name)) ?? []);
    }
  } else {
    entries = read.entries;
    const known = new Set(entries.map((entry) => entry.run));
    const added = folders.filter((name) => !known.has(name)).flatMap((name) => entriesFromFolder(path.join(root, name)) ?? []);
    appendRunsIndex(file, added, options.onIndexFailure);
    entries.push(...added);
  }
  const present = new Set(folders);
  const byRun = new Map<string, RunsIndexEntry[]>();
  for (const entry of entries) if (present.has(entry.run)) byRun.set(entry.run, [...(byRun.get(entry.run) ?? []), entry]);
  const records = folders.map((name) => recordOf(path.join(root, name), byRun.get(name) ?? []));
  const since = options.since?.toISOString();
  return records
    .filter((record) => since === undefined || (record.lastAt ?? '') >= since)
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.name.localeCompare(a.name));
}

/** One run folder's record from its own files (what the index would hold of it), for a caller that shows one run. */
export function readRunRecord(dir: string): RunRecord {
  return recordOf(path.resolve(dir), entriesFromFolder(dir) ?? []);
}

/** A run's record from its lines in the index, in order: the last start, and the end that came after it. */
function recordOf(dir: string, entries: readonly RunsIndexEntry[]): RunRecord {
  const name = path.basename(dir);
  let start: RunStartEntry | undefined;
  let end: RunEndEntry | undefined;
  let sessions = 0;
  let undoneBy: string | undefined;
  let lastAt: string | undefined;
  for (const entry of entries) {
    if (entry.event === 'start') {
      start ??= entry;
      // The run's own facts may have changed on resume (operation, module, server): the latest hold.
      start = { ...entry, createdAt: start.createdAt };
      sessions += 1;
      end = undefined;
    } else if (entry.event === 'end') end = entry;
    else undoneBy = entry.by;
    if (lastAt === undefined || entry.at > lastAt) lastAt = entry.at;
  }
  if (!start) return { name, dir, state: 'damaged', resumable: false };
  const sentNothing = start.dryRun || start.preview === true;
  const running = end === undefined && lockHolder(runPaths(dir)) !== undefined;
  // A start with no end: the folder says whether the session wrote its summary after all (its end line lost).
  if (end === undefined && !running) {
    const written = entriesFromFolder(dir)?.find((entry): entry is RunEndEntry => entry.event === 'end');
    if (written && start && written.at >= start.at) end = written;
  }
  const ended = end !== undefined;
  const state: RunHistoryState = running
    ? 'running'
    : undoneBy !== undefined
      ? 'undone'
      : !ended && !sentNothing
        ? 'interrupted'
        : start.preview
          ? 'preview'
          : start.dryRun
            ? 'dry-run'
            : end?.stopReason !== undefined
              ? 'stopped'
              : 'finished';
  return {
    name,
    dir,
    state,
    // A session that never ended left rows without an outcome: resume goes on (never for what sends nothing).
    resumable: !running && undoneBy === undefined && (end ? end.resumable : !sentNothing),
    createdAt: start.createdAt,
    ...(lastAt === undefined ? {} : { lastAt }),
    file: start.file,
    rows: start.rows,
    operation: start.operation,
    module: start.module,
    ...(start.server === undefined ? {} : { server: start.server }),
    dryRun: start.dryRun,
    ...(start.preview ? { preview: true as const } : {}),
    // A rebuilt index holds one start a run: its summary counts the sessions that ended.
    sessions: Math.max(sessions, end?.sessions ?? 0),
    ...(end ? { counts: end.counts, calls: end.calls, exitCode: end.exitCode, ...(end.stopReason === undefined ? {} : { stopReason: end.stopReason }) } : {}),
    ...(undoneBy === undefined ? {} : { undoneBy }),
  };
}
