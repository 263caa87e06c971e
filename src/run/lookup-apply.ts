import { message, say, type Message } from '../core/say.js';
import type { PlannedRow, UnmatchedAction } from '../core/types.js';
import { lookupName, withLinkedId, type LookupRead, type LookupRule } from '../mapping/record-lookup.js';
import type { KeyIndex } from '../plan/key-index.js';
import type { JobSettings } from '../plan/options.js';
import type { SinceBaseline } from '../plan/row-plan.js';
import { keyProblemSaid } from '../send/key-resolve.js';
import { planLine } from '../store/plan-file.js';
import { rewritePlan } from '../store/plan-table.js';
import type { RunPaths } from '../store/run-folder.js';
import type { RowTable } from '../store/row-table.js';
import { commitApplied } from './applied-plan.js';
import { unlessSince } from './key-apply.js';

/** Rows a lookup read failed: a name on no record, or on several. */
export interface LookupRows {
  notFound: number;
  ambiguous: number;
}

/**
 * Once every name is found, each search field's linked id is written into its row's body (`value_id`), in
 * one pass over the plan (never the input): a row to send with a name no record holds, or several do,
 * becomes `not-found` or `ambiguous` (it fails with why, every such field said, named when there are several, and nothing is sent for it).
 * With `--since` (and no `match`, whose ids come after), a row whose whole body that run left in the CRM is
 * unchanged. run.json names the new plan before it takes the old one's place (finishApplied).
 */
export async function applyLookups(job: {
  readonly paths: RunPaths;
  readonly table: RowTable;
  readonly rules: readonly LookupRule[];
  readonly reads: readonly LookupRead[];
  /** The names of each read, with their records. */
  readonly indexes: readonly KeyIndex[];
  readonly settings: Pick<JobSettings, 'operation' | 'module'>;
  readonly since?: SinceBaseline;
}): Promise<LookupRows[]> {
  const { paths, table, rules, indexes } = job;
  const readOf = new Map(job.reads.flatMap((read, n) => read.labels.map((label) => [label, n] as const)));
  const rows = job.reads.map((): LookupRows => ({ notFound: 0, ambiguous: 0 }));
  const copy = await rewritePlan(
    paths.plan,
    (row) => {
      const { ordinal, cells, ...planned } = row;
      if (row.action !== 'send' || row.fields === undefined) return undefined;
      const fields: Record<string, unknown> = { ...row.fields };
      const problems: { name?: string; problem: Message }[] = [];
      const failed = new Map<number, UnmatchedAction>();
      for (const rule of rules) {
        const name = lookupName(fields[rule.label], rule.compare);
        if (name === undefined) continue;
        const n = readOf.get(rule.label) as number;
        const index = indexes[n] as KeyIndex;
        const at = index.indexOf(name.key);
        const records = at < 0 ? 0 : index.records(at);
        if (records === 1) {
          fields[rule.label] = withLinkedId(fields[rule.label], index.ids(at)[0] as string);
          continue;
        }
        const problem = keyProblemSaid(rule, `'${name.text}'`, at < 0 ? [] : index.ids(at), records, rule.module);
        if (problem) problems.push({ ...(rules.length > 1 ? { name: rule.label } : {}), problem });
        if (!failed.has(n)) failed.set(n, records === 0 ? 'not-found' : 'ambiguous');
      }
      if (problems.length === 0) return planLine(unlessSince({ ...planned, fields }, ordinal, job), cells);
      for (const [n, why] of failed) (rows[n] as LookupRows)[why === 'not-found' ? 'notFound' : 'ambiguous'] += 1;
      const action: UnmatchedAction = [...failed.values()].includes('not-found') ? 'not-found' : 'ambiguous';
      table.replan(ordinal, action);
      const said = message('row.named-problems', { problems });
      const failing: PlannedRow = { ...planned, action, message: say(said, 'en'), said };
      return planLine(failing, cells);
    },
    (ordinal) => table.action(ordinal) === 'send',
  );
  commitApplied(paths, copy, 'lookups');
  return rows;
}
