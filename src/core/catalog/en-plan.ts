import { countedIn } from '../text.js';
import type { CallReason } from '../types.js';
import { wordNested } from './en.js';
import type { Nested } from './en-rows.js';

/** One of an invalid row's problems, in the column it is in (when there is one). */
export interface ColumnProblem {
  readonly column?: string;
  readonly problem: Nested;
}

// English for what a job notes before its first call (the plan's warnings) and while it sends (why the
// pool pauses, why batches got smaller): each a code and its parameters, so a skin words them in the
// person's language. The English is what the events' `reason` and the plan's `warnings` carry.

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
  // An invalid row's problems, as the plan, results.csv and the summary's errors hold them
  'row.problems': (p: { problems: readonly ColumnProblem[] }) =>
    p.problems.map(({ column, problem }) => (column === undefined ? wordNested(problem) : `column ${column}: ${wordNested(problem)}`)).join('; '),
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
