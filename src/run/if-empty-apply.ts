import fs from 'node:fs';
import type { PlannedRow } from '../core/types.js';
import { fillOnlyEmpty, ifEmptyLabels, keptMessage } from '../plan/if-empty.js';
import type { FieldRule } from '../plan/unchanged.js';
import { planLine, type PlanMark } from '../store/plan-file.js';
import { rewritePlan } from '../store/plan-table.js';
import { readRunFile, writeRunFile, type RunFile } from '../store/run-file.js';
import type { RunPaths } from '../store/run-folder.js';
import type { RowTable } from '../store/row-table.js';
import type { SnapshotState } from '../store/snapshot-file.js';
import { planIfNow } from './key-apply.js';

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
  readonly state: SnapshotState;
  readonly toSend: (ordinal: number) => boolean;
}): Promise<number> {
  const { paths, table, state } = job;
  const ifEmpty = new Set(ifEmptyLabels(job.fields));
  if (ifEmpty.size === 0) return 0;
  const run = readRunFile(paths);
  if (run.ifEmpty?.applied) return 0;
  let changed = 0;
  const copy = await rewritePlan(
    paths.plan,
    (row) => {
      const { ordinal, cells, ...planned } = row;
      const held = row.id === undefined ? undefined : state.found.get(row.id);
      if (!held || row.fields === undefined) return undefined;
      const { fields, kept } = fillOnlyEmpty(row.fields, held, ifEmpty);
      if (kept.length === 0) return undefined;
      changed += 1;
      const nothingLeft = Object.keys(fields).length === 0 && !row.attachments;
      // An unchanged row's body is what the CRM was sent of it (nothing): --since never takes it for the whole row.
      const decided: PlannedRow = { ...planned, fields, action: nothingLeft ? 'unchanged' : 'send', message: keptMessage(kept, nothingLeft) };
      if (nothingLeft) table.replan(ordinal, 'unchanged');
      return planLine(decided, cells);
    },
    job.toSend,
  );
  writeRunFile(paths, { ...run, ifEmpty: { appliedPlan: copy.mark } });
  copy.commit();
  writeRunFile(paths, { ...run, plan: copy.mark, ifEmpty: { applied: true } });
  return changed;
}

/**
 * A crash between the decided plan taking the old one's place and run.json saying so: run.json is brought
 * up to the plan on disk. Returns its mark then, or undefined (nothing to finish: the old plan is still
 * there, and the decisions are made again from the same journalled read).
 */
export async function finishIfEmptyApply(paths: RunPaths, run: RunFile): Promise<PlanMark | undefined> {
  const pending = run.ifEmpty?.appliedPlan;
  if (pending === undefined || run.ifEmpty?.applied || !fs.existsSync(paths.plan)) return undefined;
  const now = await planIfNow(paths.plan, pending);
  if (now !== undefined) writeRunFile(paths, { ...run, plan: now, ifEmpty: { applied: true } });
  return now;
}
