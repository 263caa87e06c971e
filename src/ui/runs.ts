import path from 'node:path';
import { listRuns as listRunHistory, readRunRecord, readUndoMark, resumableFrom, runPaths, type RunFile, type RunSummary } from '../index.js';
import type { JobRunner } from './jobs.js';
import { ownFile, pageMappingOf, pageRunProblem, readOwnRunFile, readOwnText, sinceRunProblem } from './run-files.js';
import type { RunFolders } from './run-folders.js';
import { snapshotHoldsRecords } from './snapshot.js';
import { pageSummary } from './words.js';

/** Files of a run folder the page offers for download; nothing else in (or out of) it can be asked for. */
export const DOWNLOADS = ['preview.csv', 'results.csv', 'results.xlsx', 'failed.csv', 'failed.xlsx', 'verify.csv', 'before.csv', 'summary.json'] as const;

/**
 * A run folder's state, for the list of past runs: running (in this page), finished, stopped
 * (resumable), unfinished (no summary: the process died; resumable), damaged (run.json unreadable).
 */
export type RunState = 'running' | 'finished' | 'stopped' | 'unfinished' | 'damaged';

export interface RunEntry {
  readonly name: string;
  readonly dir: string;
  readonly state: RunState;
  /** The input file's name. */
  readonly file?: string;
  readonly createdAt?: string;
  readonly rows?: number;
  readonly dryRun?: boolean;
  /** A preview (`update --preview`): it read the CRM and sent nothing; its preview.csv is what it made. */
  readonly preview?: true;
  readonly server?: string;
  readonly operation?: string;
  readonly module?: string;
  readonly summary?: RunSummary;
  /** The files offered (the folder's own files, never a link); `mapping.json` when the run's mapping is one the page wrote. */
  readonly downloads: readonly string[];
  /** The page may act on it (resume, verify, undo): started here, nothing in it a link (see run-files.ts). */
  readonly fromPage: boolean;
  /** `resume` has something to do: stopped early, never finished, or rows with no final outcome (the library's rule, `resumableFrom`). */
  readonly resumable: boolean;
  /** `resume --retry-failed` would send the refused rows again. */
  readonly retryable: boolean;
  /** `verify` has something to read back: the run updated rows. */
  readonly verifiable: boolean;
  /** `undo` can take the run back: it updated rows, its snapshot (before.csv) found records to put back, and no undo took it back yet. */
  readonly undoable: boolean;
  /** Why a run that updated rows is not undoable, when the page says so: its snapshot found none of the records. */
  readonly undoBlocked?: 'snapshot-empty';
  /** `update --since` can take it as its baseline: a run (not a dry run) whose baseline.bin is still there. */
  readonly baseline: boolean;
}

function readSummary(dir: string): RunSummary | undefined {
  try {
    return JSON.parse(readOwnText(dir, 'summary.json') ?? '') as RunSummary;
  } catch {
    return undefined;
  }
}

export async function describeRun(folders: RunFolders, jobs: JobRunner, name: string): Promise<RunEntry | undefined> {
  const dir = folders.run(name);
  const downloads: string[] = DOWNLOADS.filter((file) => ownFile(dir, file) !== undefined);
  const base = { name, dir, downloads, fromPage: false };
  // A folder without run.json is not a run (an update that failed its check leaves none).
  if (!ownFile(dir, 'run.json')) return undefined;
  let run: RunFile;
  try {
    run = readOwnRunFile(dir);
  } catch {
    return { ...base, state: 'damaged', resumable: false, retryable: false, verifiable: false, undoable: false, baseline: false };
  }
  if (pageMappingOf(folders, run)) downloads.push('mapping.json');
  const summary = readSummary(dir);
  const running = jobs.isRunning() && jobs.current()?.run === name;
  // The library's reading of the folder: a run with no end is unfinished here unless it is this page's job.
  const record = readRunRecord(dir);
  const state: RunState = running ? 'running' : record.exitCode === undefined ? 'unfinished' : record.stopReason ? 'stopped' : 'finished';
  const fromPage = pageRunProblem(folders, dir, run) === undefined;
  // Neither a dry run nor a preview sent anything: there is nothing to resume, retry, verify or undo (the library refuses them).
  const live = fromPage && !running && !run.job.dryRun && run.job.preview !== true;
  // The library refuses a second undo (undone.json), and an undo with nothing in the snapshot to put back:
  // the page offers neither. The snapshot is read last, as few runs get that far.
  const mayUndo = live && (summary?.counts.updated ?? 0) > 0 && ownFile(dir, 'before.csv') !== undefined && readUndoMark(runPaths(dir)) === undefined;
  const undoable = mayUndo && (await snapshotHoldsRecords(dir));
  return {
    ...base,
    fromPage,
    state,
    file: path.basename(run.input.path),
    createdAt: run.createdAt,
    rows: run.rows,
    dryRun: run.job.dryRun,
    ...(run.job.preview === true ? { preview: true as const } : {}),
    server: run.connection.server,
    operation: run.job.operation,
    module: run.job.module,
    // An older summary.json has no `resumable`: the page reads the library's rule for it here, never its own.
    ...(summary ? { summary: pageSummary({ ...summary, resumable: resumableFrom(summary, run.job.dryRun) }) } : {}),
    resumable: live && resumableFrom(summary, run.job.dryRun),
    // Rows whose `match` key (or a search field's name) found no record or several are fixed in failed.csv, not sent again as they are (the CLI's next step says the same).
    retryable: live && (summary?.counts.failed ?? 0) > (summary ? unmatchedCount(summary) : 0),
    verifiable: live && (summary?.counts.updated ?? 0) > 0,
    undoable,
    ...(mayUndo && !undoable ? { undoBlocked: 'snapshot-empty' as const } : {}),
    baseline: !run.job.dryRun && ownFile(dir, 'baseline.bin') !== undefined && sinceRunProblem(folders, dir) === undefined,
  };
}

/** The runs in the library's order (its run history: newest first), each with what the page may do with it. */
export async function listRuns(folders: RunFolders, jobs: JobRunner): Promise<RunEntry[]> {
  const names = new Set(folders.list());
  const ordered = listRunHistory(folders.root).flatMap((run) => (names.has(run.name) ? [run.name] : []));
  const entries = await Promise.all(ordered.map((name) => describeRun(folders, jobs, name)));
  return entries.flatMap((entry) => entry ?? []);
}

/**
 * Rows that failed because their key or a search field's name is on no record or on several. A row whose
 * names fail in two reads is counted in both: then a retry may go unoffered, never offered for nothing.
 */
function unmatchedCount(summary: RunSummary): number {
  const rows = (counts: { readonly notFound: number; readonly ambiguous: number } | undefined) => (counts ? counts.notFound + counts.ambiguous : 0);
  return (summary.lookups ?? []).reduce((sum, lookup) => sum + rows(lookup), rows(summary.match));
}
