import fs from 'node:fs';
import path from 'node:path';
import type { WatchOutcome } from '../core/catalog/en-watch.js';
import { isWolkvoxBulkError, type ErrorCode } from '../core/errors.js';
import type { JobEvent } from '../core/events.js';
import { EXIT, EXIT_FOR_ERROR } from '../core/exit-codes.js';
import type { Lang, Message } from '../core/say.js';
import type { RunSummary } from '../core/types.js';
import type { UpdateOptions } from '../plan/options.js';
import { tryLock, type HeldLock } from '../store/file-lock.js';
import { resumableFrom } from '../store/resumable.js';
import { defaultRunDir, runPaths } from '../store/run-folder.js';
import { fingerprint, readRunFile } from '../store/run-file.js';
import { appendLedger, ledgerEntryFor, type LedgerEntry } from '../store/watch-ledger.js';
import { resumeRun } from './resume.js';
import { runUpdate } from './update.js';
import { duplicateNote, refusedNote, runNote, writeNote } from './watch-note.js';

/** What became of a file a watch took: moved to done or failed (with a note), or left where it was. */
export type FileEnd =
  | {
      readonly kind: 'moved';
      readonly file: string;
      readonly outcome: WatchOutcome;
      readonly movedTo: string;
      readonly note?: string;
      readonly exitCode: number;
      readonly sha256: string;
      /** The run it was sent as (absent when nothing was sent: refused, or already sent). */
      readonly summary?: RunSummary;
    }
  | {
      readonly kind: 'left';
      readonly file: string;
      readonly why: 'taken' | 'same-content-busy' | 'stopped' | 'move-failed' | 'changing' | 'gone';
      /** With `move-failed`: the system's code for why (`EACCES`, `ENOTDIR`, …). */
      readonly detail?: string;
      /** With `move-failed`: the folder it was to go to (done or failed), and as what. */
      readonly folder?: string;
      readonly outcome?: WatchOutcome;
      /** With `move-failed`: the note that was to go beside it (why it was refused, what its run came to). */
      readonly said?: Message;
      /** 3 when a stop left its run to resume; else no outcome of its own. */
      readonly exitCode?: number;
      readonly summary?: RunSummary;
    };

/** What taking one file needs from the watch. */
export interface FileContext {
  readonly folder: string;
  readonly done: string;
  readonly failed: string;
  readonly runs: string;
  readonly lang: Lang;
  readonly staleLockMs: number;
  /** The options of each file's run (the file and its run folder are the watch's). */
  readonly update: Omit<UpdateOptions, 'file' | 'out' | 'onEvent'>;
  readonly signal: AbortSignal;
  readonly onJobEvent: (file: string, event: JobEvent) => void;
  readonly onStart: (file: string, runDir: string, resumed: boolean) => void;
  /** The locks this watch holds, refreshed while it works. */
  readonly held: Set<HeldLock>;
}

// The refusals that are the file's own (what it holds, or how the mapping fits it): the file is set aside
// with a note. Any other error (token, server, run folders) is the watch's, and stops it with the file left.
const FILE_REFUSALS: ReadonlySet<ErrorCode> = new Set([
  'INPUT_NOT_FOUND', 'INPUT_FORMAT', 'INPUT_EMPTY', 'INPUT_ENCODING', 'INPUT_TOO_LARGE', 'CSV_QUOTE_NOT_CLOSED', 'CSV_PARSE',
  'HEADER_INVALID', 'SHEET_NOT_FOUND', 'MAPPING_INVALID', 'ROWS_INVALID', 'DUPLICATE_IDS',
]);

/** The lock beside a watched file that says a watch has it (hidden, so no watch takes it as a file). */
export const lockOf = (folder: string, name: string) => path.join(folder, `.${name}.wolkvox-lock`);

/**
 * Takes one file that stopped changing: locks it, and by its content's hash either sets it aside as already
 * sent, goes on with the run a stop or a crash left for it, or sends it as a new run; then moves it to done
 * or failed (with a note). A stop leaves it where it is, its run resumable.
 */
export async function takeFile(context: FileContext, name: string, seen: { readonly size: number; readonly mtimeMs: number }): Promise<FileEnd> {
  const nameLock = lockHeld(context, lockOf(context.folder, name));
  if (nameLock === undefined) return { kind: 'left', file: name, why: 'taken' };
  try {
    const file = path.join(context.folder, name);
    const now = statOf(file);
    if (now === undefined) return { kind: 'left', file: name, why: 'gone' };
    if (now.size !== seen.size || now.mtimeMs !== seen.mtimeMs) return { kind: 'left', file: name, why: 'changing' };
    const { sha256 } = await fingerprint(file);
    // A lock per content too: two watches of one runs folder never send the same rows under two names.
    fs.mkdirSync(path.join(context.runs, '.watch-locks'), { recursive: true });
    const contentLock = lockHeld(context, path.join(context.runs, '.watch-locks', `${sha256}.lock`));
    if (contentLock === undefined) return { kind: 'left', file: name, why: 'same-content-busy' };
    try {
      // Another watch may have moved it while this one waited for the lock.
      if (!fs.existsSync(file)) return { kind: 'left', file: name, why: 'gone' };
      return await sendFile(context, name, file, sha256);
    } finally {
      release(context, contentLock);
    }
  } finally {
    release(context, nameLock);
  }
}

async function sendFile(context: FileContext, name: string, file: string, sha256: string): Promise<FileEnd> {
  const earlier = await ledgerEntryFor(context.runs, sha256);
  const state = earlier === undefined ? 'none' : runState(earlier.runDir);
  if (earlier !== undefined && state === 'finished') return setAside(context, name, 'duplicate', EXIT.invalid, duplicateNote(name, earlier), sha256);
  let summary: RunSummary;
  try {
    summary = earlier !== undefined && state === 'resumable' ? await goOn(context, name, earlier) : await sendNew(context, name, file, sha256);
  } catch (error) {
    if (context.signal.aborted && isWolkvoxBulkError(error) && error.code === 'CANCELLED') return { kind: 'left', file: name, why: 'stopped', exitCode: EXIT.stopped };
    // Its run is being gone on with by hand (`resume`): left to it.
    if (isWolkvoxBulkError(error) && error.code === 'RUN_LOCKED') return { kind: 'left', file: name, why: 'same-content-busy' };
    if (!isWolkvoxBulkError(error) || !FILE_REFUSALS.has(error.code)) throw error;
    return setAside(context, name, 'failed', EXIT_FOR_ERROR[error.code], refusedNote(name, error, context.folder), sha256);
  }
  // Stopped by Ctrl-C or a service stop: the file stays, and the next watch goes on with its run.
  if (summary.stopReason === 'interrupted') return { kind: 'left', file: name, why: 'stopped', exitCode: summary.exitCode, summary };
  if (summary.exitCode === EXIT.ok) return { ...moveTo(context, name, context.done, 'done', EXIT.ok, undefined, sha256), summary };
  return { ...setAside(context, name, 'failed', summary.exitCode, runNote(name, summary, context.folder), sha256), summary };
}

// A new run folder under the runs folder, named as update names one, recorded in the ledger before it
// exists: a crash from then on finds it by the file's hash.
async function sendNew(context: FileContext, name: string, file: string, sha256: string): Promise<RunSummary> {
  let runDir = defaultRunDir(name, new Date(), context.runs);
  for (let n = 2; fs.existsSync(runDir); n += 1) runDir = `${defaultRunDir(name, new Date(), context.runs)}-${n}`;
  // The runs folder exists before the run's: a run refused at its check takes back only its own folder.
  appendLedger(context.runs, { sha256, file: name, runDir, at: new Date().toISOString() });
  // Said once the file passed its check and its run exists (its plan): a file refused there has no run.
  let started = false;
  const onEvent = (event: JobEvent) => {
    if (event.type === 'plan' && !started) {
      started = true;
      context.onStart(name, event.plan.runDir, false);
    }
    context.onJobEvent(name, event);
  };
  return runUpdate({ ...context.update, file, out: runDir, signal: context.signal, onEvent });
}

// The run a stop or a crash left for this content: only what it has not done yet is sent.
async function goOn(context: FileContext, name: string, earlier: LedgerEntry): Promise<RunSummary> {
  const { update } = context;
  context.onStart(name, earlier.runDir, true);
  const pick = <K extends keyof typeof update>(key: K) => (update[key] === undefined ? {} : { [key]: update[key] });
  return resumeRun({
    runDir: earlier.runDir,
    ...pick('server'), ...pick('token'), ...pick('concurrency'), ...pick('rate'), ...pick('retries'), ...pick('timeoutSeconds'),
    ...pick('maxCalls'), ...pick('waitForQuota'), ...pick('checkQuota'), ...pick('maxFailureRate'), ...pick('logger'), ...pick('backoff'),
    signal: context.signal,
    onEvent: (event) => context.onJobEvent(name, event),
  });
}

/**
 * What an earlier run of this content came to: `none` when it sent nothing (refused at its check, or cut
 * before its plan was whole), `resumable` when a stop or a crash left it work, `finished` otherwise.
 */
function runState(runDir: string): 'none' | 'resumable' | 'finished' {
  const paths = runPaths(runDir);
  if (!fs.existsSync(paths.run)) return 'none';
  let summary: RunSummary | undefined;
  try {
    summary = JSON.parse(fs.readFileSync(paths.summary, 'utf8')) as RunSummary;
  } catch {
    summary = undefined;
  }
  return resumableFrom(summary, readRunFile(paths).job.dryRun) ? 'resumable' : 'finished';
}

const setAside = (context: FileContext, name: string, outcome: WatchOutcome, exitCode: number, note: Message, sha256: string) => moveTo(context, name, context.failed, outcome, exitCode, note, sha256);

// Moved under its own name, or `name (2).csv` when the folder has one already; its note beside it.
function moveTo(context: FileContext, name: string, folder: string, outcome: WatchOutcome, exitCode: number, note: Message | undefined, sha256: string): FileEnd {
  const extension = path.extname(name);
  const base = name.slice(0, name.length - extension.length);
  let target = path.join(folder, name);
  for (let n = 2; fs.existsSync(target); n += 1) target = path.join(folder, `${base} (${n})${extension}`);
  try {
    // The folder may have gone, or become a file, since the watch started.
    fs.mkdirSync(folder, { recursive: true });
    move(path.join(context.folder, name), target);
  } catch (error) {
    return { kind: 'left', file: name, why: 'move-failed', detail: (error as NodeJS.ErrnoException).code ?? String(error), folder, outcome, exitCode, ...(note ? { said: note } : {}) };
  }
  const written = note === undefined ? undefined : writeNote(target, note, context.lang);
  return { kind: 'moved', file: name, outcome, movedTo: target, ...(written ? { note: written } : {}), exitCode, sha256 };
}

function move(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    // Another disk: copied, then removed.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
    fs.rmSync(from);
  }
}

function lockHeld(context: FileContext, file: string): HeldLock | undefined {
  const lock = tryLock(file, context.staleLockMs);
  if (lock) context.held.add(lock);
  return lock;
}

function release(context: FileContext, lock: HeldLock): void {
  context.held.delete(lock);
  lock.release();
}

function statOf(file: string): fs.Stats | undefined {
  try {
    const stats = fs.statSync(file);
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}
