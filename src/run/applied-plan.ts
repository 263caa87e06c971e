import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { PlanMark } from '../store/plan-file.js';
import type { PlanCopy } from '../store/plan-table.js';
import { readRunFile, writeRunFile, type LookupsRecord, type MatchRecord, type PlanRewriteRecord, type RunFile } from '../store/run-file.js';
import type { RunPaths } from '../store/run-folder.js';

/**
 * The steps that write what their reads found into the plan: `match` (the keys' ids), `lookups` (the linked
 * ids), `ifEmpty` (the if-empty fields the CRM holds a value in, out of the bodies).
 */
type Applying = 'match' | 'lookups' | 'ifEmpty';
type StepRecord = MatchRecord | LookupsRecord | PlanRewriteRecord;
const STEPS: readonly Applying[] = ['match', 'lookups', 'ifEmpty'];

// What run.json keeps of a step once its plan is in place: the step without the plan it was about to apply.
function appliedRecord<R extends StepRecord>(record: R): R {
  const { appliedPlan: _plan, ...rest } = record;
  return { ...rest, applied: true } as R;
}

/**
 * The plan rewritten with what a step's reads found takes the old one's place: run.json names the new plan
 * first, so a crash in between is known (finishApplied), then says the step is applied.
 */
export function commitApplied(paths: RunPaths, copy: PlanCopy, step: Applying): void {
  const run = readRunFile(paths);
  // A step that records nothing before its plan (ifEmpty) starts from an empty record.
  const record: StepRecord = run[step] ?? {};
  writeRunFile(paths, { ...run, [step]: { ...record, appliedPlan: copy.mark } });
  copy.commit();
  writeRunFile(paths, { ...run, plan: copy.mark, [step]: appliedRecord(record) });
}

/**
 * A crash between a plan with what reads found taking the old plan's place and run.json saying so: the
 * plan on disk is the one run.json named as about to be applied, so run.json is brought up to it. Returns
 * the run file and the plan's mark then, or undefined when there is nothing to finish (the old plan is
 * still there: what the step found is written again, from its read log, with no read).
 */
export async function finishApplied(paths: RunPaths, run: RunFile): Promise<{ readonly run: RunFile; readonly mark: PlanMark } | undefined> {
  const step = STEPS.find((name) => run[name] !== undefined && !run[name]?.applied && run[name]?.appliedPlan !== undefined);
  const record = step === undefined ? undefined : run[step];
  if (step === undefined || record?.appliedPlan === undefined || !fs.existsSync(paths.plan)) return undefined;
  const now = await markOf(paths.plan);
  if (now.bytes !== record.appliedPlan.bytes || now.sha256 !== record.appliedPlan.sha256) return undefined;
  const finished: RunFile = { ...run, plan: now, [step]: appliedRecord(record) };
  writeRunFile(paths, finished);
  return { run: finished, mark: now };
}

async function markOf(file: string): Promise<PlanMark> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return { bytes: fs.statSync(file).size, sha256: hash.digest('hex') };
}
