import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { PlannedRow } from '../core/types.js';
import type { MatchRule } from '../mapping/match-key.js';
import type { JobSettings } from '../plan/options.js';
import type { KeyIndex } from '../plan/key-index.js';
import { bodyHashOf, type SinceBaseline } from '../plan/row-plan.js';
import { keyProblem } from '../send/key-resolve.js';
import { planLine, type PlanMark } from '../store/plan-file.js';
import { rewritePlan } from '../store/plan-table.js';
import { readRunFile, writeRunFile, type RunFile } from '../store/run-file.js';
import type { RunPaths } from '../store/run-folder.js';
import type { RowTable } from '../store/row-table.js';

/**
 * Once every key is found, its record's id is written into the plan in place of the key, in one pass over
 * the plan (never the input): a row to send whose key no record holds, or several do, becomes `not-found`
 * or `ambiguous` (it fails, with why, and nothing is sent for it); a row not to send keeps no key as an id.
 * The duplicates were decided by the check on the keys, which is the same: a record has one value of the
 * field, so rows of one record are rows of one key. With `--since`, a row whose body that run left in the
 * CRM is unchanged. run.json names the new plan before it takes the old one's place, so a crash in between
 * is known (finishKeyApply).
 */
export async function applyKeys(job: {
  readonly paths: RunPaths;
  readonly table: RowTable;
  readonly rule: MatchRule;
  readonly index: KeyIndex;
  readonly settings: Pick<JobSettings, 'operation' | 'module'>;
  readonly since?: SinceBaseline;
}): Promise<{ readonly notFound: number; readonly ambiguous: number }> {
  const { paths, table, index, since } = job;
  const counts = { 'not-found': 0, ambiguous: 0 };
  const copy = await rewritePlan(paths.plan, (row) => {
    const { ordinal, cells, id: key, ...planned } = row;
    if (key === undefined) return undefined;
    const at = index.indexOf(key);
    const records = at < 0 ? 0 : index.records(at);
    if (records === 1) {
      const withId: PlannedRow = { ...planned, id: index.ids(at)[0] as string };
      const before = since && row.action === 'send' ? since.bodyHashOf(withId.id as string) : undefined;
      const after = before ? bodyHashOf(job.settings, { id: withId.id as string, fields: row.fields ?? {}, ...(row.attachments ? { attachments: row.attachments } : {}) }) : undefined;
      if (before && after && before[0] === after[0] && before[1] === after[1]) {
        table.replan(ordinal, 'unchanged');
        return planLine({ ...withId, action: 'unchanged', message: `same values as sent by ${since?.runDir} (--since)` }, cells);
      }
      return planLine(withId, cells);
    }
    if (row.action !== 'send' || at < 0) return planLine(planned, cells);
    const action = records === 0 ? 'not-found' : 'ambiguous';
    counts[action] += 1;
    table.replan(ordinal, action);
    return planLine({ ...planned, action, message: keyProblem(job.rule, key, index.ids(at), records) }, cells);
  });
  const run = readRunFile(paths);
  const match = run.match as NonNullable<typeof run.match>;
  writeRunFile(paths, { ...run, match: { ...match, appliedPlan: copy.mark } });
  copy.commit();
  writeRunFile(paths, { ...run, plan: copy.mark, match: { rule: match.rule, strategy: match.strategy, applied: true } });
  return { notFound: counts['not-found'], ambiguous: counts.ambiguous };
}

/**
 * A crash between the plan with ids taking the keyed plan's place and run.json saying so: the plan on disk
 * is the one run.json named as about to be applied, so run.json is brought up to it. Returns the plan's
 * mark then, or undefined when there is nothing to finish (the keyed plan is still there: its ids are
 * written again, from keys.ndjson, with no read).
 */
export async function finishKeyApply(paths: RunPaths, run: RunFile): Promise<PlanMark | undefined> {
  const match = run.match;
  if (match === undefined || match.applied || match.appliedPlan === undefined || !fs.existsSync(paths.plan)) return undefined;
  const now = await planIfNow(paths.plan, match.appliedPlan);
  if (now === undefined) return undefined;
  writeRunFile(paths, { ...run, plan: now, match: { rule: match.rule, strategy: match.strategy, applied: true } });
  return now;
}

/** The plan's mark when the plan on disk is the one `mark` names (a copy that took its place), else undefined. */
export async function planIfNow(file: string, mark: PlanMark): Promise<PlanMark | undefined> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  const now = { bytes: fs.statSync(file).size, sha256: hash.digest('hex') };
  return now.bytes === mark.bytes && now.sha256 === mark.sha256 ? now : undefined;
}
