import { say } from '../core/say.js';
import type { PlannedRow } from '../core/types.js';
import { fillOnlyEmpty, ifEmptyLabels, keptSaid } from '../plan/if-empty.js';
import type { FieldRule } from '../plan/unchanged.js';
import { planLine } from '../store/plan-file.js';
import { rewritePlan } from '../store/plan-table.js';
import { readRunFile } from '../store/run-file.js';
import type { RunPaths } from '../store/run-folder.js';
import type { RowTable } from '../store/row-table.js';
import type { SnapshotRecords } from '../store/snapshot-store.js';
import { commitApplied } from './applied-plan.js';

/**
 * `"write": "if-empty"`, once the snapshot is read and before the first update: each row's if-empty fields
 * the CRM holds a value in are taken out of its body in the plan, which every later stage reads (the send,
 * results.csv, verify, undo, the baseline), so each sees exactly what was sent. A row left with nothing to
 * write becomes `unchanged` (no call). Decided once, from the read as journalled: run.json says when the
 * plan holds it, so a resume sends the same and never decides again. A record the read did not find keeps
 * its whole body (its update fails as not found). Returns the rows changed.
 */
export async function applyIfEmpty(job: {
  readonly paths: RunPaths;
  readonly table: RowTable;
  readonly fields: Readonly<Record<string, FieldRule>>;
  readonly records: SnapshotRecords;
  readonly toSend: (ordinal: number) => boolean;
}): Promise<number> {
  const { paths, table, records } = job;
  const ifEmpty = new Set(ifEmptyLabels(job.fields));
  if (ifEmpty.size === 0) return 0;
  const run = readRunFile(paths);
  if (run.ifEmpty?.applied) return 0;
  let changed = 0;
  const copy = await rewritePlan(
    paths.plan,
    (row) => {
      const { ordinal, cells, ...planned } = row;
      const held = row.id === undefined ? undefined : records.valuesOf(row.id);
      if (!held || row.fields === undefined) return undefined;
      const { fields, kept } = fillOnlyEmpty(row.fields, held, ifEmpty);
      if (kept.length === 0) return undefined;
      changed += 1;
      const nothingLeft = Object.keys(fields).length === 0 && !row.attachments;
      // An unchanged row's body is what the CRM was sent of it (nothing): --since never takes it for the whole row.
      const said = keptSaid(kept, nothingLeft);
      const decided: PlannedRow = { ...planned, fields, action: nothingLeft ? 'unchanged' : 'send', message: say(said, 'en'), said };
      if (nothingLeft) table.replan(ordinal, 'unchanged');
      return planLine(decided, cells);
    },
    job.toSend,
  );
  commitApplied(paths, copy, 'ifEmpty');
  return changed;
}
