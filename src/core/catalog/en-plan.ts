import { countIn, countedIn } from '../text.js';
import type { PlanLookup, PlanMatch } from '../events.js';
import type { CallReason, PreviewRefusal } from '../types.js';
import { wordNested } from './en.js';
import type { Nested } from './en-rows.js';

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

/** Why the whole pool waits: the answer that asked for it. */
export const PAUSE_REASONS: Readonly<Record<CallReason, string>> = {
  'rate-limited': 'the CRM asked for fewer requests a second',
  'over-concurrency': 'the CRM refused a request for too many at once',
  maintenance: 'the CRM seems to be under maintenance',
  'server-error': 'the CRM answered with a server error',
  timeout: 'a request got no answer in time',
  network: 'the CRM could not be reached',
  'bad-answer': 'the CRM gave an answer that could not be read',
  quota: "the token's daily quota is used up",
  'too-large': 'the CRM refused a batch as too large',
  rejected: 'the CRM refused a request',
  auth: 'the CRM refused the token',
  endpoint: 'the address is not the API',
  redirect: 'the server answered with a redirect',
  configuration: 'the operation or the module is unknown',
  updated: 'a request went through',
  read: 'a read went through',
};

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

  // The plan's warnings: allowed, but likely not what was meant
  'plan.dry-run-if-empty': () => 'a dry run reads nothing: the bodies show every "if-empty" field, which the real run sends only where the CRM\'s field is empty',
  'plan.concurrency-over': (p: { concurrency: number; limit: number }) =>
    `concurrency ${p.concurrency}: the CRM allows ${p.limit} calls in flight per token and refuses the rest (they are retried, but each refused call may cost quota). Keep ${p.limit} unless your token's limit is higher.`,
  'plan.input-gone': (p: { name: string; path: string }) => `the input ${p.name} is no longer at ${p.path}: nothing is read from it, the rows go as the run checked them (its plan)`,
  'plan.input-changed': (p: { name: string; before: number; now: number }) =>
    `the input ${p.name} changed since the run checked it (${p.before} bytes then, ${p.now} now): the rows go as the run checked them (its plan), not as the file is now. To send the file as it is now, start a new run with update`,
  'plan.mapping-changed': (p: { name: string }) =>
    `the mapping ${p.name} changed since the run checked the file: its changes are not applied (the rows go as the run checked them, from its plan; only the operation and module may change between sessions)`,
  'plan.undo-reads': (p: { records: number; reads: number }) =>
    `read ${plural(p.records, 'record')} before putting anything back: ${plural(p.reads, 'call')} (apart from the undo's own calls)`,
  'undo.note-field': (p: { label: string; records: number; file: string; why: 'edited' | 'overwritten' | { readonly type: string } }) =>
    p.why === 'edited'
      ? `'${p.label}' was edited since the run on ${plural(p.records, 'record')}: left alone (listed in ${p.file}; --overwrite-later-edits puts it back too)`
      : p.why === 'overwritten'
        ? `'${p.label}' was edited since the run on ${plural(p.records, 'record')}: put back anyway (--overwrite-later-edits); the values it overwrites are listed in ${p.file}`
        : `'${p.label}' is left alone on ${plural(p.records, 'record')}: its value read back in a form that cannot be sent back as a typed field (${p.why.type}); it is never guessed (listed in ${p.file})`,
  'undo.note-records': (p: { records: number; gone: boolean; file: string }) =>
    `${plural(p.records, 'record')} the run updated ${p.gone ? `${p.records === 1 ? 'is' : 'are'} no longer in the CRM` : `${p.records === 1 ? 'was' : 'were'} not found by its snapshot`}: nothing of ${p.records === 1 ? 'it' : 'them'} is put back (listed in ${p.file})`,
  // A row whose key (a match) or name (a lookup) gives it no record, or several
  'row.key-records': (p: { field: string; key: string; records: number; ids: readonly string[]; module?: string }) => {
    const of = p.module === undefined ? '' : ` of ${p.module}`;
    if (p.records === 0) return `no record${of} has ${p.field} = ${p.key}`;
    return `${p.records} records${of} have ${p.field} = ${p.key}: ${p.ids.join(', ')}${p.records > p.ids.length ? ` and ${p.records - p.ids.length} more` : ''}`;
  },
  'row.named-problems': (p: { problems: readonly { readonly name?: string; readonly problem: Nested }[] }) =>
    p.problems.map(({ name, problem }) => (name === undefined ? wordNested(problem) : `${name}: ${wordNested(problem)}`)).join('; '),
  /** A warning kept as text by a plan written before warnings were codes: said as it was written. */
  'plan.note': (p: { text: string }) => p.text,

  // While sending: the pool's pauses and the batches' size
  'send.pause': (p: { reason: CallReason }) => PAUSE_REASONS[p.reason] ?? p.reason,
  'send.batch-settled': (p: { taken: number; refused: number }) => `the CRM takes batches of ${p.taken} and refused ${p.refused}: batches of ${p.taken} from now on`,
  'send.batch-timed-out': (p: { sent: number; to: number }) => `a batch of ${p.sent} was never answered in time (no answer in time): batches of ${p.to} from now on`,
  'send.batch-too-large': (p: { sent: number; why: string; to: number }) =>
    `a batch of ${p.sent} was refused as too large (${p.why}): batches of ${p.to} while the largest size the CRM takes is found`,
  'send.batch-unconfirmable': (p: { count?: number; sent?: number }) =>
    `${p.count === undefined ? 'updateMany.php answered without a count of the records it edited, so a batch cannot be confirmed by its answer' : `updateMany.php answered that it edited ${p.count} records for ${p.sent ?? 0} sent: a count that cannot be true, so no batch can be confirmed by its answer`}: rows go one by one with update.php from now on (wolkvox-bulk probe tells this before a job)`,
} satisfies Record<string, (params: never) => string>;
