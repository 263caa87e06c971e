import { say } from '../core/say.js';
import type { PlannedRow } from '../core/types.js';
import type { MatchRule } from '../mapping/match-key.js';
import type { JobSettings } from '../plan/options.js';
import type { KeyIndex } from '../plan/key-index.js';
import { bodyHashOf, sameAsSince, type SinceBaseline } from '../plan/row-plan.js';
import { keyProblemSaid } from '../send/key-resolve.js';
import { planLine } from '../store/plan-file.js';
import { rewritePlan } from '../store/plan-table.js';
import type { RunPaths } from '../store/run-folder.js';
import type { RowTable } from '../store/row-table.js';
import { commitApplied } from './applied-plan.js';

/**
 * Once every key is found, its record's id is written into the plan in place of the key, in one pass over
 * the plan (never the input): a row to send whose key no record holds, or several do, becomes `not-found`
 * or `ambiguous` (it fails, with why, and nothing is sent for it); a row not to send keeps no key as an id.
 * The duplicates were decided by the check on the keys, which is the same: a record has one value of the
 * field, so rows of one record are rows of one key. With `--since`, a row whose body that run left in the
 * CRM is unchanged. run.json names the new plan before it takes the old one's place, so a crash in between
 * is known (finishApplied).
 */
export async function applyKeys(job: {
  readonly paths: RunPaths;
  readonly table: RowTable;
  readonly rule: MatchRule;
  readonly index: KeyIndex;
  readonly settings: Pick<JobSettings, 'operation' | 'module'>;
  readonly since?: SinceBaseline;
}): Promise<{ readonly notFound: number; readonly ambiguous: number }> {
  const { paths, table, index } = job;
  const counts = { 'not-found': 0, ambiguous: 0 };
  const copy = await rewritePlan(paths.plan, (row) => {
    const { ordinal, cells, id: key, ...planned } = row;
    if (key === undefined) return undefined;
    const at = index.indexOf(key);
    const records = at < 0 ? 0 : index.records(at);
    if (records === 1) {
      const withId: PlannedRow = { ...planned, id: index.ids(at)[0] as string };
      return planLine(unlessSince(withId, ordinal, job), cells);
    }
    if (row.action !== 'send' || at < 0) return planLine(planned, cells);
    const action = records === 0 ? 'not-found' : 'ambiguous';
    counts[action] += 1;
    table.replan(ordinal, action);
    const said = keyProblemSaid(job.rule, key, index.ids(at), records);
    return planLine({ ...planned, action, ...(said ? { message: say(said, 'en'), said } : {}) }, cells);
  });
  commitApplied(paths, copy, 'match');
  return { notFound: counts['not-found'], ambiguous: counts.ambiguous };
}

/**
 * A row to send whose body, now that its record and linked ids are in it, is what the `--since` run left
 * in the CRM: unchanged, and not sent. Otherwise the row as it is.
 */
export function unlessSince(row: PlannedRow, ordinal: number, job: { readonly table: RowTable; readonly settings: Pick<JobSettings, 'operation' | 'module'>; readonly since?: SinceBaseline }): PlannedRow {
  const { since } = job;
  if (!since || row.action !== 'send' || row.id === undefined) return row;
  const before = since.bodyHashOf(row.id);
  const after = before ? bodyHashOf(job.settings, { id: row.id, fields: row.fields ?? {}, ...(row.attachments ? { attachments: row.attachments } : {}) }) : undefined;
  if (!before || !after || before[0] !== after[0] || before[1] !== after[1]) return row;
  job.table.replan(ordinal, 'unchanged');
  const said = sameAsSince(since.runDir);
  return { ...row, action: 'unchanged', message: say(said, 'en'), said };
}
