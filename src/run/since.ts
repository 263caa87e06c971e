import fs from 'node:fs';
import path from 'node:path';
import { WolkvoxBulkError, isWolkvoxBulkError } from '../core/errors.js';
import { message, type Message } from '../core/say.js';
import type { JobSettings } from '../plan/options.js';
import type { SinceBaseline } from '../plan/row-plan.js';
import { Baseline } from '../store/baseline.js';
import { readRunFile, type RunFile, type SinceRecord } from '../store/run-file.js';
import { runPaths, type RunPaths } from '../store/run-folder.js';

/** An earlier run's baseline, ready for the plan, and what run.json records of it. */
export interface OpenedSince {
  readonly baseline: SinceBaseline;
  readonly record: SinceRecord;
}

/** What a run updates: the CRM (absent in a dry run, which calls none), the operation and the module. */
export type SinceTarget = Pick<JobSettings, 'operation' | 'module'> & { readonly server: string | undefined };

/**
 * Opens the baseline of the run `--since` names. Refuses a folder that is not a run folder, a dry run, a
 * run of another server, operation or module, and a run with no baseline (made by an older version, or
 * whose first session never finished). Nothing is read from the CRM.
 */
export function openSince(dir: string, target: SinceTarget): OpenedSince {
  const paths = runPaths(path.resolve(dir));
  const run = readSinceRun(paths, dir);
  if (run.job.dryRun || run.job.preview) throw refused(message('since.sent-nothing', { dir, dryRun: run.job.dryRun }), dir);
  refuseOtherTarget(dir, { ...run.job, server: run.connection.server }, target);
  if (!fs.existsSync(paths.baseline)) {
    throw refused(message('since.no-baseline', { dir }), dir);
  }
  const baseline = Baseline.read(paths.baseline);
  return {
    baseline: lookup(paths.dir, baseline),
    record: { dir: paths.dir, baseline: { bytes: baseline.bytes, sha256: baseline.sha256 } },
  };
}

/**
 * A baseline holds hashes of what one CRM's records of one module hold: another's records it never saw.
 * `was` is the target of the run in `dir` (the --since run); a resume of a --since run gives its own, which
 * its check found the same, so a resume that corrects its server, operation or module is refused too.
 */
export function refuseOtherTarget(dir: string, was: SinceTarget, target: SinceTarget): void {
  if (was.operation !== target.operation || was.module !== target.module) {
    const now = { operation: target.operation, module: target.module };
    throw refused(message('since.other-target', { dir, was: { operation: was.operation, module: was.module }, now }), dir);
  }
  if (target.server !== undefined && was.server !== target.server) {
    throw refused(message('since.other-server', { dir, ...(was.server === undefined ? {} : { was: was.server }), now: target.server }), dir);
  }
}

function readSinceRun(paths: RunPaths, dir: string): RunFile {
  try {
    return readRunFile(paths);
  } catch (error) {
    if (!isWolkvoxBulkError(error) || error.code !== 'RUN_INVALID') throw error;
    throw refused(message('since.not-a-run', { dir }), dir);
  }
}

// Rows found unchanged name the run by its folder's name: the same in every session, short in results.csv.
const lookup = (dir: string, baseline: Baseline): SinceBaseline => ({ runDir: path.basename(dir), bodyHashOf: (id) => baseline.bodyHashOf(id) });

const refused = (said: Message, dir: string) => new WolkvoxBulkError('RUN_INVALID', said, { file: dir });
