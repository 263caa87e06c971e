import fs from 'node:fs';
import path from 'node:path';
import type { RowStatus, RunSummary, StopReason } from '../core/types.js';
import { writeFileAtomic } from './atomic-file.js';
import { readRunFile, type RunFile } from './run-file.js';
import { runPaths, type RunPaths } from './run-folder.js';
import { resumableFrom } from './resumable.js';
import { readUndoMark } from './undo-mark.js';

// The run history: one JSON line appended to a file beside the run folders when a session of a run starts,
// when it ends, and when an undo takes a run back. Append-only, so a crash can only cut the last line; a
// run whose last start has no end after it died (or is running), which its folder tells. Missing or
// damaged, the index is written again from the run folders (run.json, summary.json, undone.json).

/** The index's name in the folder that holds the run folders. Hidden: the page lists only run folders. */
export const RUNS_INDEX = '.wolkvox-runs.ndjson';

/** A session started (after its plan was confirmed): what the run is, from its run.json. */
export interface RunStartEntry {
  readonly v: 1;
  readonly event: 'start';
  /** The run folder's name (the index sits beside it). */
  readonly run: string;
  readonly at: string;
  /** When the run's first session started (run.json's createdAt). */
  readonly createdAt: string;
  /** The input file's name. */
  readonly file: string;
  readonly rows: number;
  readonly operation: string;
  readonly module: string;
  readonly server?: string;
  readonly dryRun: boolean;
  readonly preview?: true;
}

/** A session ended with its summary written (finished or stopped): the whole run's figures. */
export interface RunEndEntry {
  readonly v: 1;
  readonly event: 'end';
  readonly run: string;
  readonly at: string;
  readonly counts: Readonly<Record<RowStatus, number>>;
  readonly calls: number;
  /** Sessions of the run so far (the first and each resume). */
  readonly sessions?: number;
  readonly exitCode: number;
  readonly resumable: boolean;
  readonly stopReason?: StopReason;
}

/** An undo took the run back (`by`: the undo's own run folder). */
export interface RunUndoneEntry {
  readonly v: 1;
  readonly event: 'undone';
  readonly run: string;
  readonly at: string;
  readonly by: string;
}

export type RunsIndexEntry = RunStartEntry | RunEndEntry | RunUndoneEntry;

const indexBeside = (runDir: string) => path.join(path.dirname(path.resolve(runDir)), RUNS_INDEX);
const nameOf = (runDir: string) => path.basename(path.resolve(runDir));

/** The index file of a folder of runs. */
export const runsIndexOf = (runsFolder: string) => path.join(path.resolve(runsFolder), RUNS_INDEX);

/**
 * Appends one line to the index beside the run folder. The history is a convenience: a failure to write
 * it never fails a run (the listing reads the folder when the index lacks it); `onFailure` hears of it.
 */
export function appendRunsIndex(file: string, entries: readonly RunsIndexEntry[], onFailure?: (error: unknown) => void): void {
  if (entries.length === 0) return;
  try {
    // Never through a link: one planted in a shared runs folder would have these lines appended to another file.
    const { O_APPEND, O_CREAT, O_RDWR, O_NOFOLLOW } = fs.constants;
    const fd = fs.openSync(file, O_APPEND | O_CREAT | O_RDWR | O_NOFOLLOW, 0o600);
    try {
      // A line a crash cut is ended first, so this one is not glued to it.
      const size = fs.fstatSync(fd).size;
      const last = Buffer.alloc(1);
      const cut = size > 0 && fs.readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
      fs.writeSync(fd, `${cut ? '\n' : ''}${entries.map((entry) => JSON.stringify(entry)).join('\n')}\n`);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    onFailure?.(error);
  }
}

/** The start line of a run's session, from its run.json. */
export function startEntry(name: string, run: RunFile, at: string): RunStartEntry {
  return {
    v: 1,
    event: 'start',
    run: name,
    at,
    createdAt: run.createdAt,
    file: path.basename(run.input.path),
    rows: run.rows,
    operation: run.job.operation,
    module: run.job.module,
    ...(run.connection.server === undefined ? {} : { server: run.connection.server }),
    dryRun: run.job.dryRun,
    ...(run.job.preview === true ? { preview: true as const } : {}),
  };
}

/** The end line of a run's session, from its summary (summary.json as written or read back). */
export function endEntry(name: string, summary: RunSummary, dryRun: boolean): RunEndEntry {
  return {
    v: 1,
    event: 'end',
    run: name,
    at: summary.finishedAt,
    counts: summary.counts,
    calls: summary.calls,
    sessions: summary.sessions,
    exitCode: summary.exitCode,
    resumable: resumableFrom(summary, dryRun),
    ...(summary.stopReason === undefined ? {} : { stopReason: summary.stopReason }),
  };
}

/** A session starts: its line in the index beside the run folder. */
export function indexRunStart(paths: RunPaths, at = new Date(), onFailure?: (error: unknown) => void): void {
  try {
    appendRunsIndex(indexBeside(paths.dir), [startEntry(nameOf(paths.dir), readRunFile(paths), at.toISOString())], onFailure);
  } catch (error) {
    onFailure?.(error);
  }
}

/** A session ended, its summary written: its line in the index beside the run folder. */
export function indexRunEnd(paths: RunPaths, summary: RunSummary, onFailure?: (error: unknown) => void): void {
  appendRunsIndex(indexBeside(paths.dir), [endEntry(nameOf(paths.dir), summary, summary.dryRun)], onFailure);
}

/** An undo took the run back. */
export function indexRunUndone(paths: RunPaths, by: string, at: Date, onFailure?: (error: unknown) => void): void {
  appendRunsIndex(indexBeside(paths.dir), [{ v: 1, event: 'undone', run: nameOf(paths.dir), at: at.toISOString(), by: nameOf(by) }], onFailure);
}

/** The index as read: its entries in order, or `damaged` (a line other than a crash-cut last one unreadable); undefined when missing. */
export function readRunsIndex(file: string): { readonly entries: RunsIndexEntry[]; readonly damaged: boolean } | undefined {
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (stat === undefined) return undefined;
  // A link or anything but a file in its place is no index: written again, it takes the link's place.
  if (!stat.isFile()) return { entries: [], damaged: true };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { entries: [], damaged: true };
  }
  const lines = text.split('\n');
  // The text after the last newline: empty, or a line a crash cut (left out, not damage).
  const tail = lines.pop() ?? '';
  const entries: RunsIndexEntry[] = [];
  for (const line of lines) {
    const entry = parseEntry(line);
    if (entry === undefined) return { entries, damaged: true };
    entries.push(entry);
  }
  const last = tail === '' ? undefined : parseEntry(tail);
  if (last) entries.push(last);
  return { entries, damaged: false };
}

function parseEntry(line: string): RunsIndexEntry | undefined {
  try {
    const entry = JSON.parse(line) as Partial<RunsIndexEntry> | null;
    const known = entry?.v === 1 && typeof entry.run === 'string' && typeof entry.at === 'string' && ['start', 'end', 'undone'].includes(String(entry.event));
    return known ? (entry as RunsIndexEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** A regular file of the run folder's own (a link is not followed: anyone may plant one in a shared runs folder). */
const ownFile = (dir: string, name: string) => fs.lstatSync(path.join(dir, name), { throwIfNoEntry: false })?.isFile() === true;

/**
 * A run folder's lines as its files tell them: its start (run.json), its end (summary.json, when its last
 * session wrote one) and its undo (undone.json). Undefined when it is no run (no run.json of its own) or its
 * run.json cannot be read.
 */
export function entriesFromFolder(dir: string): RunsIndexEntry[] | undefined {
  if (!ownFile(dir, 'run.json')) return undefined;
  const paths = runPaths(dir);
  let run: RunFile;
  try {
    run = readRunFile(paths);
  } catch {
    return undefined;
  }
  const name = nameOf(dir);
  const entries: RunsIndexEntry[] = [startEntry(name, run, run.createdAt)];
  const summary = ownFile(dir, 'summary.json') ? readSummary(paths.summary) : undefined;
  if (summary) entries.push(endEntry(name, summary, run.job.dryRun));
  const undone = ownFile(dir, 'undone.json') ? readUndoMark(paths) : undefined;
  if (undone) entries.push({ v: 1, event: 'undone', run: name, at: undone.at || summary?.finishedAt || run.createdAt, by: nameOf(undone.by) });
  return entries;
}

function readSummary(file: string): RunSummary | undefined {
  try {
    const summary = JSON.parse(fs.readFileSync(file, 'utf8')) as RunSummary;
    return typeof summary.finishedAt === 'string' && typeof summary.counts === 'object' ? summary : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the index again from the run folders (the folders named), in one piece. */
export function rebuildRunsIndex(runsFolder: string, names: readonly string[]): RunsIndexEntry[] {
  const entries = names.flatMap((name) => entriesFromFolder(path.join(runsFolder, name)) ?? []);
  // Lines in time order, as they were appended.
  entries.sort((a, b) => a.at.localeCompare(b.at));
  writeFileAtomic(runsIndexOf(runsFolder), entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  return entries;
}
