import fs from 'node:fs';
import path from 'node:path';
import { WolkvoxBulkError, isWolkvoxBulkError } from '../core/errors.js';
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

const LEAVE_OUT = 'or leave out --since to send every row (that run then leaves a baseline for the next one)';

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
  if (run.job.dryRun || run.job.preview) throw refused(`No baseline: ${dir} (given as --since) was a ${run.job.dryRun ? 'dry run' : 'preview'}, which sent nothing. Give the folder of a run that sent, ${LEAVE_OUT}.`, dir);
  refuseOtherTarget(dir, { ...run.job, server: run.connection.server }, target);
  if (!fs.existsSync(paths.baseline)) {
    throw refused(
      `No baseline: ${dir} (given as --since) has no baseline.bin. It was made by an older version of wolkvox-bulk, or its first session did not finish (then finish it first: wolkvox-bulk resume ${dir}). Give another run folder, ${LEAVE_OUT}.`,
      dir,
    );
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
    throw refused(
      `Another target: ${dir} (given as --since) updated operation ${was.operation}, module ${was.module}; this run updates operation ${target.operation}, module ${target.module}, about which that run knows nothing. Give a run of the same operation and module, ${LEAVE_OUT}.`,
      dir,
    );
  }
  if (target.server !== undefined && was.server !== target.server) {
    throw refused(
      `Another server: ${dir} (given as --since) updated ${was.server ?? 'no server'}; this run updates ${target.server}, whose records that run never saw. Give a run made against the same server, ${LEAVE_OUT}.`,
      dir,
    );
  }
}

function readSinceRun(paths: RunPaths, dir: string): RunFile {
  try {
    return readRunFile(paths);
  } catch (error) {
    if (!isWolkvoxBulkError(error) || error.code !== 'RUN_INVALID') throw error;
    throw refused(`Not a run folder: ${dir} (given as --since) has no run.json. Give the folder of an earlier update run (its path is printed at the end of every run), ${LEAVE_OUT}.`, dir);
  }
}

// Rows found unchanged name the run by its folder's name: the same in every session, short in results.csv.
const lookup = (dir: string, baseline: Baseline): SinceBaseline => ({ runDir: path.basename(dir), bodyHashOf: (id) => baseline.bodyHashOf(id) });

const refused = (message: string, dir: string) => new WolkvoxBulkError('RUN_INVALID', message, { file: dir });
