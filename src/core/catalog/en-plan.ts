import { countIn, countedIn } from '../text.js';
import type { PlanLookup, PlanMatch } from '../events.js';
import type { PreviewRefusal } from '../types.js';

// English for the plan before the first call: what will be sent, where, at what pace and cost, what is read
// first.

/** What the rows to send cost, as the plan says it: update calls (or batches), and the reads before them. */
export interface PlanCost {
  readonly rows: number;
  readonly batch?: { readonly size: number; readonly calls: number; readonly cost?: 'call' | 'record' };
  /** Lookups' names to find first: at most this many calls. */
  readonly lookupCalls: number;
  /** The snapshot's reads first: the module (pages not known before reading it), or at most a call per id. */
  readonly snapshotReads?: { readonly module: true } | { readonly ids: number };
}

function planCost(p: PlanCost): string {
  const { rows, batch } = p;
  let text: string;
  if (!batch) text = `needs ${plural(rows, 'call')}`;
  else {
    const needs = `needs about ${plural(batch.calls, 'call')} in batches of ${n(batch.size)}`;
    text =
      batch.cost === 'call'
        ? `${needs}, 1 quota unit each`
        : batch.cost === 'record'
          ? `${needs}, ${plural(rows, 'quota unit')} (an updateMany.php call costs 1 per record)`
          : `${needs}: ${plural(batch.calls, 'quota unit')} if an updateMany.php call costs 1, ${n(rows)} if it costs 1 per record (measured after the first batch)`;
  }
  if (p.lookupCalls > 0) text += `, plus up to ${plural(p.lookupCalls, 'call')} to find the lookups' names first`;
  if (p.snapshotReads) text += 'module' in p.snapshotReads ? ', plus the module read first (1 call per 250 records)' : `, plus up to ${plural(p.snapshotReads.ids, 'call')} to read the records first`;
  return text;
}

const MATCH_WAYS = {
  auto: 'auto: the module while its pages stay fewer than the keys, then key by key',
  module: '--match-by module',
  query: '--match-by query',
} as const;

const earlier = (known: number, pagesRead: number) => {
  const parts = [...(known > 0 ? [`${n(known)} found already`] : []), ...(pagesRead > 0 ? [`${plural(pagesRead, 'module page')} read already`] : [])];
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
};

const n = (value: number) => countIn('en', value);
const plural = (value: number, one: string, many?: string) => countedIn('en', value, one, many);

export const enPlan = {
  'plan.ready': (p: { dryRun: boolean; toSend: number; file: string; rows: number; invalid: number; skipped: number; unchanged: number; alreadyDone: number }) =>
    `${p.dryRun ? 'Dry run: would send' : 'Ready to send'} ${plural(p.toSend, 'row')} of ${p.file} (${plural(p.rows, 'row')}; ${n(p.invalid)} invalid, ${n(p.skipped)} skipped${p.unchanged > 0 ? `, ${n(p.unchanged)} unchanged` : ''}${p.alreadyDone > 0 ? `, ${n(p.alreadyDone)} already done` : ''})`,
  'plan.preview': (p: { toSend: number; file: string; rows: number; invalid: number; skipped: number; unchanged: number }) =>
    `Preview of ${plural(p.toSend, 'row')} of ${p.file} (${plural(p.rows, 'row')}; ${n(p.invalid)} invalid, ${n(p.skipped)} skipped${p.unchanged > 0 ? `, ${n(p.unchanged)} unchanged` : ''}): reads what the CRM holds, sends nothing`,
  'plan.where': (p: { dryRun: boolean; server?: string; operation: string; module: string }) =>
    p.dryRun ? `operation ${p.operation}, module ${p.module} (dry run: no server is contacted)` : `to ${p.server}, operation ${p.operation}, module ${p.module}`,
  'plan.pace': (p: { concurrency: number; rate?: number; runDir: string }) => `${plural(p.concurrency, 'call')} at a time${p.rate === undefined ? '' : `, at most ${p.rate}/s`}; run folder ${p.runDir}`,
  'plan.reused': (p: { from: string; minutesOld: number }) => `reads: the preview ${p.from}'s, made ${plural(p.minutesOld, 'minute')} ago (no read is made)`,
  'plan.not-reused': (p: { from: string; code: PreviewRefusal; file: string; server?: string; module: string; minutesOld?: number; fresh: number }) =>
    `Not reused: the preview ${p.from} ${
      {
        'not-a-preview': 'is not a preview (made without --preview)',
        'not-finished': 'stopped before its reads ended',
        'input-changed': `was made from another input (the SHA-256 of ${p.file} differs)`,
        'mapping-changed': 'was made with another mapping',
        'rows-changed': 'planned other rows (another --duplicates, --since or --skip-invalid)',
        'other-server': `read ${p.server ?? 'no server'}`,
        'other-module': `read the module ${p.module}`,
        old: `read the CRM ${p.minutesOld ?? 0} minutes ago (its reads are reused for ${p.fresh} minutes, as records change)`,
      }[p.code]
    }; the records are read again.`,
  'plan.skip-unchanged': () => 'rows whose values the CRM already holds are left out (unchanged, no call)',
  'plan.snapshot-from-match': () => 'snapshot: from the module read that finds the keys, when the module is read (no more calls); otherwise by id',
  'plan.snapshot-done': () => 'snapshot: already read by an earlier session (before.csv)',
  'plan.snapshot-first': (p: { strategy: 'by-id' | 'module' | 'auto'; ids: number }) =>
    `snapshot first (--snapshot ${p.strategy}): by id ${plural(p.ids, 'call')}; a module read 1 call per 250 records of the module (its size is known only by reading it), then 1 call per id it did not return${p.strategy === 'auto' ? '; auto reads the module while that is cheaper, then the ids left one by one' : ''}`,
  'plan.if-empty': (p: { fields: readonly string[] }) =>
    `written only where the CRM's field is empty (if-empty): ${p.fields.join(', ')}; a filled one is kept, and a row left with nothing to write is unchanged (no call)`,
  'plan.match': (p: PlanMatch) =>
    `match by ${p.field} (compared ${p.compare}): ${plural(p.keys, 'key')} to find once you confirm${earlier(p.known, p.pagesRead)}: query.php key by key ${plural(p.queryCalls, 'call')}, or the module read 1 call per 250 records (${MATCH_WAYS[p.strategy]}); a row whose key is on no record or on several fails, and nothing is sent for it`,
  'plan.lookup': (p: PlanLookup) =>
    `lookup ${p.labels.join(', ')} in ${p.module} by ${p.field} (compared ${p.compare}): ${plural(p.keys, 'name')} to find once you confirm${earlier(p.known, p.pagesRead)}: query.php name by name ${plural(p.queryCalls, 'call')}, or ${p.module} read 1 call per 250 records (auto: ${p.module} while its pages stay fewer than the names, then name by name); a row whose name is on no record or on several fails, and nothing is sent for it`,
  'plan.read-back': () => 'then the updated records are read back (1 call per 250 records of the module, or 1 per record, the cheaper) and compared',
  'plan.warning': (p: { text: string }) => `warning: ${p.text}`,
  'plan.quota': (p: { cost: PlanCost; available: number; hoursToReset: number; enough: boolean; sure: boolean; waits: boolean }) =>
    `${planCost(p.cost)}${p.cost.batch ? ';' : ','} ${n(p.available)} available today, resets in ${p.hoursToReset} h` +
    (p.enough ? '' : p.waits ? ` — ${p.sure ? 'when' : 'if'} they are used up the job waits for the reset and goes on by itself` : ` — the job stops cleanly ${p.sure ? 'when' : 'if'} they are used up (resume it after the reset, or add --wait-for-quota)`),
} satisfies Record<string, (params: never) => string>;
