import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { WolkvoxBulkError } from '../core/errors.js';
import type { Plan } from '../core/events.js';
import type { RunSummary } from '../core/types.js';
import { loadMapping } from '../mapping/load.js';
import type { FieldType } from '../mapping/types.js';
import { checkFile } from '../plan/check.js';
import type { ConnectionOptions, JobHooks } from '../plan/options.js';
import { readOptionsFor } from '../plan/preflight.js';
import { fieldRules } from '../plan/unchanged.js';
import { JournalFold } from '../store/journal-fold.js';
import { readJournal } from '../store/journal.js';
import { readRunFile } from '../store/run-file.js';
import { defaultRunDir, lockRunFolder, runPaths } from '../store/run-folder.js';
import { RowTable } from '../store/row-table.js';
import { readBefore } from '../store/snapshot-file.js';
import { runUpdate } from './update.js';

export interface UndoOptions extends Omit<ConnectionOptions, 'token'>, JobHooks {
  /** The run folder whose updates to take back (it must have been made with a snapshot). */
  readonly runDir: string;
  readonly token?: string;
  /** The undo's own run folder. @default `wolkvox-runs/<date-time>-undo-<run name>` */
  readonly out?: string;
}

// Typed fields are sent as objects; their read form is unpublished. Only a value read back as such an
// object (or, for a table, its rows) can be sent back as it was.
const OBJECT_TYPES = new Set<FieldType>(['address', 'search', 'currency', 'telephone']);
const restorable = (type: FieldType, value: unknown) =>
  OBJECT_TYPES.has(type) ? value !== null && typeof value === 'object' && !Array.isArray(value) && 'type' in value : type === 'table' ? Array.isArray(value) || (value !== null && typeof value === 'object' && 'type' in value) : true;
const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/**
 * Takes back what a run updated: a new run (its own folder, plan, confirmation, reports and resume) that
 * puts back each updated record's values from the run's snapshot (before.csv), empty ones cleared, and
 * nothing else. A typed field whose value did not read back in a form that can be sent is left alone, and
 * named in the plan.
 */
export async function undoRun(options: UndoOptions): Promise<RunSummary> {
  const paths = runPaths(options.runDir);
  const run = readRunFile(paths);
  const { labels, rows: before } = readBefore(paths.before);
  // The run must be at rest: its journal is what says which rows it updated.
  lockRunFolder(paths)();
  const loaded = await loadMapping(run.mapping.path);
  const table = new RowTable();
  const { job } = run;
  await checkFile(readOptionsFor(run.input.path, loaded, run.reader), loaded, { ...job, duplicates: job.duplicates === 'error' ? 'first' : job.duplicates, skipInvalid: true }, table, options.signal);
  await readJournal(paths.journal, new JournalFold(table), run.journal);

  const rules = fieldRules(loaded.mapping);
  const beforeByRow = new Map(before.map((row) => [row.rowNumber, row]));
  const leftAlone = new Map<string, number>();
  const lines: string[][] = [];
  const seen = new Set<string>();
  for (let ordinal = 0; ordinal < table.size; ordinal += 1) {
    const outcome = table.outcome(ordinal);
    if (outcome?.status !== 'updated' || !outcome.id || seen.has(outcome.id)) continue;
    // The first row sent for an id found the record as it was before the run.
    seen.add(outcome.id);
    const values = beforeByRow.get(outcome.rowNumber)?.values;
    if (!values) continue;
    lines.push([
      outcome.id,
      ...labels.map((label) => {
        const value = values[label];
        if (isEmpty(value)) return JSON.stringify('');
        if (!restorable(rules.get(label)?.type ?? 'string', value)) {
          leftAlone.set(label, (leftAlone.get(label) ?? 0) + 1);
          return '';
        }
        return JSON.stringify(value);
      }),
    ]);
  }
  if (lines.length === 0) throw new WolkvoxBulkError('INPUT_EMPTY', `Nothing to undo: no row of ${paths.dir} was updated (or none had a value in its snapshot).`, { file: paths.dir });

  // The undo's input and mapping: its own files, private, beside the runs (a run folder holds only a run).
  const out = options.out ?? defaultRunDir(`undo-${path.basename(paths.dir)}`, new Date(), path.dirname(path.resolve(paths.dir)));
  const inputs = path.join(path.dirname(path.resolve(out)), '.undo', path.basename(out));
  fs.mkdirSync(inputs, { recursive: true, mode: 0o700 });
  const file = path.join(inputs, 'before.csv');
  fs.writeFileSync(file, `\ufeff${stringify([['wolkvox-id', ...labels], ...lines], { record_delimiter: 'windows', quote_record_delimiter: true })}`, { mode: 0o600 });
  const mapping = path.join(inputs, 'undo.mapping.json');
  const fields = Object.fromEntries(labels.map((label) => [label, { column: label, type: 'json' }]));
  fs.writeFileSync(mapping, `${JSON.stringify({ description: `Undo of ${paths.dir}`, operation: job.operation, module: job.module, id: 'wolkvox-id', empty: 'skip', fields }, null, 2)}\n`, { mode: 0o600 });

  const notes = [...leftAlone].map(([label, count]) => `'${label}' is left alone on ${count} record(s): its value read back in a form that cannot be sent back as a ${rules.get(label)?.type ?? 'typed'} field (it is never guessed).`);
  const { runDir: _runDir, out: _out, confirm, ...rest } = options;
  // Once the undo goes ahead, the CRM no longer holds what the run sent: its baseline must not tell a later
  // `--since` that it does.
  const goAhead = async (plan: Plan) => {
    const yes = confirm ? await confirm(plan) : true;
    if (yes) fs.rmSync(paths.baseline, { force: true });
    return yes;
  };
  return runUpdate({ ...run.connection, ...rest, confirm: goAhead, file, mapping, out, batchSize: job.batchSize ?? 1, planNotes: notes });
}
