import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import type { Plan } from '../core/events.js';
import type { RunSummary, UndoSummary } from '../core/types.js';
import { resolveJobSettings } from '../plan/job-settings.js';
import { checkOptions } from '../plan/option-rules.js';
import type { ConnectionOptions, JobHooks } from '../plan/options.js';
import { readRecordsNow, readsStopped } from '../send/read-pass.js';
import { writeFileAtomic } from '../store/atomic-file.js';
import { planRows } from '../store/plan-reader.js';
import { defaultRunDir, runPaths } from '../store/run-folder.js';
import { readBefore, type BeforeValues } from '../store/snapshot-file.js';
import { readUndoMark, writeUndoMark } from '../store/undo-mark.js';
import { openPastRun, readPassFor, type PastRun } from './past-run.js';
import { planUndo, type UndoneRecord } from './undo-plan.js';
import { runUpdate } from './update.js';

export interface UndoOptions extends Omit<ConnectionOptions, 'token'>, JobHooks {
  /** The run folder whose updates to take back (it must have been made with a snapshot). */
  readonly runDir: string;
  readonly token?: string;
  /** The undo's own run folder. @default `wolkvox-runs/<date-time>-undo-<run name>` */
  readonly out?: string;
  /** Put back also the fields someone edited in the CRM since the run (they are listed either way). @default false */
  readonly overwriteLaterEdits?: boolean;
}

const csv = (lines: string[][]) => `\ufeff${stringify(lines, { record_delimiter: 'windows', quote_record_delimiter: true })}`;

/**
 * Takes back what a run updated: a new run (its own folder, plan, confirmation, reports and resume) that
 * puts back each updated record's values from the run's snapshot (before.csv), empty ones cleared. It reads
 * the records first (calls of their own, counted apart): a field whose value is no longer what the run sent
 * was edited since by someone else and is left alone (unless `overwriteLaterEdits`), and listed in
 * left-alone.csv with the rest not put back. Once it goes ahead the run is marked undone: a second undo of
 * it is refused, and its baseline is retired.
 */
export async function undoRun(options: UndoOptions): Promise<RunSummary> {
  checkOptions(options);
  refuseUndone(options.runDir);
  const past = await openPastRun(options.runDir, 'undo');
  const { paths, run } = past;
  try {
    const { labels, rows: before } = readBefore(paths.before);
    const records = await undoneRecords(past, before);
    if (records.length === 0) throw new WolkvoxBulkError('INPUT_EMPTY', message('undo.nothing-updated', { runDir: paths.dir }), { file: paths.dir });

    const out = options.out ?? defaultRunDir(`undo-${path.basename(paths.dir)}`, new Date(), path.dirname(path.resolve(paths.dir)));
    const file = path.join(out, 'left-alone.csv');
    const { now, reads } = await readNow(past, records.map((record) => record.id), labels, options);
    const plan = planUndo({ labels, rules: new Map(Object.entries(past.plan.header.fields)), records, now, overwrite: options.overwriteLaterEdits ?? false, file });
    const undo: UndoSummary = { records: records.length, reads, putBack: plan.putBack, leftAlone: plan.leftAlone, overwritten: plan.overwritten, file };
    // The undo's input and mapping: its own files, private, beside the runs (a run folder holds only a run).
    const inputs = path.join(path.dirname(path.resolve(out)), '.undo', path.basename(out));
    fs.mkdirSync(inputs, { recursive: true, mode: 0o700 });
    const leftAloneCsv = csv([['wolkvox-id', 'field', 'why', 'sent', 'now', 'before'], ...plan.listed]);
    if (plan.rows.length === 0) {
      // No run to hold the list: it goes beside the undo's input.
      const list = path.join(inputs, 'left-alone.csv');
      if (plan.listed.length > 0) writeFileAtomic(list, leftAloneCsv);
      throw new WolkvoxBulkError('INPUT_EMPTY', message('undo.nothing-left', { records: records.length, runDir: paths.dir, leftAlone: plan.leftAlone, list, reads }), { file: paths.dir });
    }
    const input = path.join(inputs, 'before.csv');
    fs.writeFileSync(input, csv([['wolkvox-id', ...labels], ...plan.rows]), { mode: 0o600 });
    const mapping = path.join(inputs, 'undo.mapping.json');
    const fields = Object.fromEntries(labels.map((label) => [label, { column: label, type: 'json' }]));
    fs.writeFileSync(mapping, `${JSON.stringify({ description: `Undo of ${paths.dir}`, operation: run.job.operation, module: run.job.module, id: 'wolkvox-id', empty: 'skip', fields }, null, 2)}\n`, { mode: 0o600 });

    const notes = [message('plan.undo-reads', { records: records.length, reads }), ...plan.notes];
    const { runDir: _runDir, out: _out, overwriteLaterEdits: _overwrite, confirm, ...rest } = options;
    const goAhead = async (undoPlan: Plan) => {
      // Written before the question, so what is left alone can be read while it is asked.
      writeFileAtomic(path.join(undoPlan.runDir, 'left-alone.csv'), leftAloneCsv);
      const yes = confirm ? await confirm(undoPlan) : true;
      if (yes) {
        writeUndoMark(paths, undoPlan.runDir);
        // The CRM no longer holds what the run sent: its baseline must not tell a later `--since` it does.
        fs.rmSync(paths.baseline, { force: true });
      }
      return yes;
    };
    // The undo's run goes to the run's server at its pace and batch size, with what is given now.
    const { job, connection } = resolveJobSettings(run, rest);
    const summary = await runUpdate({ ...rest, ...connection, confirm: goAhead, file: input, mapping, out, batchSize: job.batchSize, planNotes: notes });
    const withUndo: RunSummary = { ...summary, undo };
    writeFileAtomic(runPaths(summary.runDir).summary, `${JSON.stringify(withUndo, null, 2)}\n`);
    return withUndo;
  } finally {
    past.release();
  }
}

function refuseUndone(runDir: string): void {
  const mark = readUndoMark(runPaths(runDir));
  if (!mark) return;
  throw new WolkvoxBulkError('RUN_INVALID', message('undo.already-undone', { runDir, by: mark.by, ...(mark.at ? { at: mark.at } : {}) }), { file: runDir });
}

// Each record the run updated: the last value its rows sent for each field (in file order, so with
// --duplicates all the value it ended with), and its values before the run (the snapshot of its first row).
async function undoneRecords(past: PastRun, before: ReturnType<typeof readBefore>['rows']): Promise<UndoneRecord[]> {
  const { table } = past;
  const beforeByRow = new Map(before.map((row) => [row.rowNumber, row.values]));
  const records = new Map<string, { id: string; sent: Record<string, unknown>; before: BeforeValues }>();
  for await (const row of planRows(past.paths.plan)) {
    if (table.head(row.ordinal)?.status !== 'updated' || !row.id || !row.fields) continue;
    let record = records.get(row.id);
    if (!record) {
      record = { id: row.id, sent: {}, before: beforeByRow.get(row.rowNumber) ?? null };
      records.set(row.id, record);
    }
    Object.assign(record.sent, row.fields);
  }
  return [...records.values()];
}

// The records as they are now, read the cheaper way (the module while that is cheaper, the rest by id).
async function readNow(past: PastRun, ids: readonly string[], labels: readonly string[], options: UndoOptions): Promise<{ now: ReadonlyMap<string, BeforeValues>; reads: number }> {
  const { found, end } = await readRecordsNow(ids, labels, readPassFor(past.run, options));
  if (!found) throw readsStopped({ ...end, stopReason: end.stopReason ?? 'interrupted' }, 'undo', past.paths.dir);
  return { now: found, reads: end.calls };
}
