import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WolkvoxBulkError } from '../core/errors.js';
import type { JobEvent } from '../core/events.js';
import { EXIT, worstExitCode } from '../core/exit-codes.js';
import { message, type Lang } from '../core/say.js';
import type { StopReason } from '../core/types.js';
import { loadMapping } from '../mapping/load.js';
import { checkSettings, resolveConnection } from '../plan/job-settings.js';
import type { UpdateOptions } from '../plan/options.js';
import type { HeldLock } from '../store/file-lock.js';
import { takeFile, type FileContext, type FileEnd } from './watch-file.js';

export type { FileEnd as WatchFileEnd } from './watch-file.js';

/** What `watch` takes: update's options for each file's run, and where files come from and go. */
export interface WatchOptions extends Omit<UpdateOptions, 'file' | 'out' | 'limit' | 'dryRun' | 'previewChanges' | 'reusePreview' | 'confirm' | 'onEvent' | 'planNotes'> {
  /** The folder watched: each CSV or Excel file put there is sent as its own run. */
  readonly folder: string;
  /** Where a file goes once every row of its run was updated. */
  readonly done: string;
  /** Where any other file goes, with a note beside it (its name + `.txt`): why, and what to do. */
  readonly failed: string;
  /** The folder of the runs' folders, and of the ledger of the files taken (by content hash). @default 'wolkvox-runs' */
  readonly runs?: string;
  /** Take the files there now (those that stop changing between two looks), then return. @default false */
  readonly once?: boolean;
  /** Seconds between two looks at the folder (a file is taken once its size and time stop changing). @default 5 */
  readonly intervalSeconds?: number;
  /** The language of the notes. @default 'en' */
  readonly lang?: Lang;
  /** A lock of another machine not refreshed for this long is taken over (its holder refreshes it). @default 600 */
  readonly staleLockSeconds?: number;
  readonly onEvent?: (event: WatchEvent) => void;
  /**
   * Called once a file's run has ended (moved to done or failed, or left by a stop): for notifications.
   * What it throws is logged and ignored: it never fails the watch.
   */
  readonly onRunEnd?: (end: FileEnd) => void | Promise<void>;
}

/** What a watch tells its caller as it goes. */
export type WatchEvent =
  /** Watching until stopped (not with `once`). */
  | { readonly type: 'watching'; readonly folder: string; readonly intervalSeconds: number }
  /**
   * A file is being sent: a new run, once the file passed its check and its run folder exists, or the run
   * a stop or crash left for its content (`resumed`). A file refused at its check has no run, and only a `file-end`.
   */
  | { readonly type: 'file-start'; readonly file: string; readonly runDir: string; readonly resumed: boolean }
  /** An event of that file's run. */
  | { readonly type: 'job'; readonly file: string; readonly event: JobEvent }
  /** A file was moved, or left where it is (taken by another watch, stopped). */
  | { readonly type: 'file-end'; readonly end: FileEnd }
  /** With `once`: files still changing at the second look, left for the next watch. */
  | { readonly type: 'still-changing'; readonly files: readonly string[] };

/** What a watch came to. */
export interface WatchSummary {
  /** Every file taken, in order (a file another watch had is not listed). */
  readonly files: readonly FileEnd[];
  readonly done: number;
  /** Moved to the failed folder: refused, or its run did not update every row. */
  readonly failed: number;
  /** Moved to the failed folder as already sent. */
  readonly duplicates: number;
  /** Left where they are by a stop, their runs resumable. */
  readonly left: number;
  /** Checked (and sent, or refused) but left in the watched folder: they could not be moved where they go. */
  readonly unmovable: number;
  /** What stopped the watch early: a signal, or a run's stop that every later file would meet too. */
  readonly stoppedBy?: 'signal' | StopReason;
  /**
   * With `once`, the worst of the files' exit codes (0: every file done, or none); otherwise 0 for a stop
   * while waiting, 3 when a stop interrupted a file, or the code of the run whose stop ended the watch.
   */
  readonly exitCode: number;
}

// File names a watch never takes: hidden files, its own locks, Office's lock files, downloads and copies
// still in progress.
const TEMPORARY = [/^\./, /^~\$/, /\.(part|partial|tmp|temp|crdownload|download|filepart)$/i];
// What a person drops in: CSV and Excel; the other spreadsheets are taken to be refused with their reason.
const INPUT = /\.(csv|tsv|xlsx|xlsm|xls|ods|numbers)$/i;
// A run that stopped for one of these stops the watch: every later file would meet the same.
const STOPS_THE_WATCH: ReadonlySet<StopReason> = new Set(['fatal', 'quota', 'write-failed']);

interface Look {
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * Watches a folder: each file put there that stops changing is checked and sent as its own run (a run
 * folder under `runs`), then moved to `done`, or to `failed` with a note. A content already sent is not
 * sent again; a run a crash or a stop cut is gone on with. Stops at `signal` (a run in flight stops as a
 * run does, resumable), or with `once` once the files there are taken.
 */
export async function runWatch(options: WatchOptions): Promise<WatchSummary> {
  const { folder, done, failed, runs = 'wolkvox-runs', once = false, intervalSeconds = 5, lang = 'en', staleLockSeconds = 600, onEvent, onRunEnd, signal: given, ...update } = options;
  checkSettings(options, { resume: false, watch: true });
  resolveConnection(options);
  checkFolders(folder, { done, failed, runs });
  if (typeof update.mapping === 'string') await loadMapping(update.mapping);
  const signal = given ?? new AbortController().signal;
  const held = new Set<HeldLock>();
  const context: FileContext = {
    folder, done, failed, runs, lang, held, signal,
    staleLockMs: staleLockSeconds * 1000,
    update,
    onJobEvent: (file, event) => onEvent?.({ type: 'job', file, event }),
    onStart: (file, runDir, resumed) => onEvent?.({ type: 'file-start', file, runDir, resumed }),
  };
  // The locks held say, by their time, that their watch is alive: another machine judges them by it.
  const heartbeat = setInterval(() => held.forEach((lock) => lock.refresh()), Math.max(1000, (staleLockSeconds * 1000) / 4));
  heartbeat.unref();
  const ends: FileEnd[] = [];
  let stoppedBy: WatchSummary['stoppedBy'];
  try {
    let previous = new Map<string, Look>();
    // Files that could not be moved where they go, as they were then: left alone (not checked or sent
    // again, not reported again) until they change. The ledger knows the run a content was sent as.
    const unmovable = new Map<string, Look>();
    if (once) {
      previous = look(folder);
      if (previous.size > 0) await pause(intervalSeconds, signal);
    } else onEvent?.({ type: 'watching', folder, intervalSeconds });
    while (!signal.aborted && stoppedBy === undefined) {
      const now = look(folder);
      for (const [name, then] of unmovable) if (!same(now.get(name), then)) unmovable.delete(name);
      const stable = [...now].filter(([name, seen]) => same(previous.get(name), seen) && !same(unmovable.get(name), seen)).sort(([a, x], [b, y]) => x.mtimeMs - y.mtimeMs || a.localeCompare(b));
      for (const [name, seen] of stable) {
        if (signal.aborted) break;
        const end = await takeFile(context, name, seen);
        if (end.kind === 'left' && (end.why === 'gone' || end.why === 'changing')) continue;
        if (end.kind === 'left' && end.why === 'move-failed') unmovable.set(name, seen);
        ends.push(end);
        onEvent?.({ type: 'file-end', end });
        if (end.summary) await tell(onRunEnd, end, update.logger);
        const stop = end.summary?.stopReason;
        if (stop !== undefined && STOPS_THE_WATCH.has(stop)) {
          stoppedBy = stop;
          break;
        }
      }
      if (once) {
        const changing = [...now.keys()].filter((name) => !stable.some(([taken]) => taken === name));
        if (changing.length > 0) onEvent?.({ type: 'still-changing', files: changing });
        break;
      }
      previous = now;
      if (stoppedBy === undefined) await pause(intervalSeconds, signal);
    }
  } finally {
    clearInterval(heartbeat);
  }
  if (stoppedBy === undefined && signal.aborted) stoppedBy = 'signal';
  return summarize(ends, once, stoppedBy);
}

function summarize(ends: readonly FileEnd[], once: boolean, stoppedBy: WatchSummary['stoppedBy']): WatchSummary {
  const moved = (outcome: string) => ends.filter((end) => end.kind === 'moved' && end.outcome === outcome).length;
  const left = ends.filter((end) => end.kind === 'left' && end.why === 'stopped').length;
  // Continuous: what ended it (a file a stop cut, or the run whose stop ended the watch); the files' own
  // outcomes are in their notes and events.
  const counted = once ? ends : ends.filter((end) => (end.kind === 'left' && end.why === 'stopped') || (end.summary?.stopReason !== undefined && STOPS_THE_WATCH.has(end.summary.stopReason)));
  return {
    files: ends,
    done: moved('done'),
    failed: moved('failed'),
    duplicates: moved('duplicate'),
    left,
    unmovable: ends.filter((end) => end.kind === 'left' && end.why === 'move-failed').length,
    ...(stoppedBy ? { stoppedBy } : {}),
    exitCode: worstExitCode(counted.map((end) => end.exitCode ?? EXIT.ok)),
  };
}

// The files a watch could take, with their size and time as seen now.
function look(folder: string): Map<string, Look> {
  const files = new Map<string, Look>();
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isFile() || !INPUT.test(entry.name) || TEMPORARY.some((pattern) => pattern.test(entry.name))) continue;
    try {
      const stats = fs.statSync(path.join(folder, entry.name));
      files.set(entry.name, { size: stats.size, mtimeMs: stats.mtimeMs });
    } catch {
      // gone between the listing and the look
    }
  }
  return files;
}

const same = (before: Look | undefined, now: Look) => before !== undefined && before.size === now.size && before.mtimeMs === now.mtimeMs;

async function pause(seconds: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(seconds * 1000, undefined, { signal });
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  }
}

async function tell(onRunEnd: WatchOptions['onRunEnd'], end: FileEnd, logger: WatchOptions['logger']): Promise<void> {
  try {
    await onRunEnd?.(end);
  } catch (error) {
    logger?.warn({ err: error instanceof Error ? error.message : String(error) }, 'onRunEnd failed');
  }
}

// The watched folder exists; the folders files go to are not it (their files would be taken again).
function checkFolders(folder: string, targets: { readonly done: string; readonly failed: string; readonly runs: string }): void {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new WolkvoxBulkError('INPUT_NOT_FOUND', message('watch.folder-missing', { folder }), { file: folder });
  for (const which of ['done', 'failed', 'runs'] as const) {
    if (path.resolve(targets[which]) === path.resolve(folder)) throw new WolkvoxBulkError('USAGE', message('watch.same-folder', { which, folder }));
  }
  for (const which of ['done', 'failed'] as const) {
    const target = targets[which];
    if (fs.existsSync(target) && !fs.statSync(target).isDirectory()) throw new WolkvoxBulkError('USAGE', message('watch.not-a-folder', { which, folder: target }));
    fs.mkdirSync(target, { recursive: true });
  }
}
