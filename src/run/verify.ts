import fs from 'node:fs';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import type { Plan } from '../core/events.js';
import type { RunSummary } from '../core/types.js';
import { checkOptions } from '../plan/option-rules.js';
import type { ConnectionOptions, JobHooks } from '../plan/options.js';
import { exitCodeOfRun } from '../core/exit-codes.js';
import { readsStopped } from '../send/read-pass.js';
import { writeFileAtomic } from '../store/atomic-file.js';
import { openPastRun, readPassFor } from './past-run.js';
import { lastUpdatedRows, verifyRows } from './verify-step.js';

export interface VerifyOptions extends Omit<ConnectionOptions, 'token'>, Omit<JobHooks, 'planNotes'> {
  /** The run folder whose updates to read back. */
  readonly runDir: string;
  /** The token (it is never recorded, so it is needed again). */
  readonly token?: string;
}

/**
 * Reads back the records a run updated and compares them with what its rows sent: verify.csv lists each
 * field that differs, row by row, and records gone from the CRM. The reads are its own (the module page by
 * page while that is cheaper, the rest by id), counted in the summary's `verify.calls`, never in the run's
 * `calls` or `sessions`; records found not as sent leave the run's baseline. Resolves the run's summary
 * with its verification, whose exit code is 5 when a record differs or is gone (summary.json too).
 */
export async function verifyRun(options: VerifyOptions): Promise<RunSummary> {
  checkOptions(options);
  const past = await openPastRun(options.runDir, 'verify');
  const { paths, run } = past;
  try {
    if (!fs.existsSync(paths.summary)) {
      throw new WolkvoxBulkError('RUN_INVALID', message('verify.not-finished', { runDir: paths.dir }), { file: paths.dir });
    }
    const before = JSON.parse(fs.readFileSync(paths.summary, 'utf8')) as RunSummary;
    const records = (await lastUpdatedRows(paths.plan, past.table)).size;
    if (records === 0) throw new WolkvoxBulkError('INPUT_EMPTY', message('verify.nothing-updated', { runDir: paths.dir }), { file: paths.dir });
    const read = readPassFor(run, options);
    const { connection, onEvent } = read;
    const plan: Plan = {
      file: run.input.path,
      runDir: paths.dir,
      ...(connection.server === undefined ? {} : { server: connection.server }),
      operation: run.job.operation,
      module: run.job.module,
      concurrency: connection.concurrency,
      ...(connection.rate === undefined ? {} : { rate: connection.rate }),
      toSend: 0,
      rows: before.rows,
      invalid: before.counts.invalid,
      skipped: before.counts.skipped,
      unchanged: before.counts.unchanged,
      alreadyDone: before.counts.updated,
      dryRun: false,
      waitForQuota: false,
      readBack: true,
      readsOnly: { records },
      warnings: [],
    };
    onEvent({ type: 'plan', plan });
    if (options.confirm && !(await options.confirm(plan))) throw new WolkvoxBulkError('CANCELLED', message('verify.cancelled', { runDir: paths.dir }));
    const { verify, end } = await verifyRows({ paths, fields: past.plan.header.fields, table: past.table, read });
    if (!verify) throw readsStopped({ ...end, stopReason: end.stopReason ?? 'interrupted' }, 'verify', paths.dir);
    const summary: RunSummary = { ...before, verify, exitCode: exitCodeOfRun({ stopReason: before.stopReason, counts: before.counts, dryRun: false, verify }) };
    writeFileAtomic(paths.summary, `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  } finally {
    past.release();
  }
}
