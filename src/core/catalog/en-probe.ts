import { countIn } from '../text.js';

// English for `probe`: what one updateMany.php call with a real record and an id that cannot exist says
// about batches (its findings, a sentence each), the command's report, and why a probe could not be made.

/** What the id that cannot exist did to the call (run/probe-findings.ts). */
export type ProbeBehaviour = 'skipped' | 'counted' | 'silent' | 'refused' | 'too-large' | 'unclear';

/** The answer as the report's lines name it. */
export interface ProbeAnswer {
  readonly httpStatus?: number;
  readonly apiCode?: string;
  readonly message: string;
  readonly count?: number;
  readonly kind: string;
  readonly reason: string;
}

// What narrowing a batch down costs the records around a bad one, for a CRM workflow that runs on updates.
const REAPPLIED = 'with --batch 100, up to 99 records of each batch holding a bad record are applied again, some up to 8 times (log₂N + 1), and a CRM workflow that runs on updates runs each time';
const ONE_BY_ONE = 'rows are confirmed one by one and --batch saves nothing: keep --batch 1 on this CRM.';
const measuredOn = (refused: boolean) => (refused ? ' (measured on a refused call: a successful one may cost more)' : '');

const BEHAVIOUR: Readonly<Record<ProbeBehaviour, (p: { answer: ProbeAnswer; namesId: boolean }) => string>> = {
  skipped: (p) => `skipped: the call succeeded with a lower count (${p.answer.count} of 2)`,
  counted: (p) => ((p.answer.count ?? 0) > 2 ? `not told: the count (${p.answer.count}) is more than the 2 records sent` : `counted as edited: the count (${p.answer.count}) includes it`),
  silent: () => 'not told: the call succeeded without a count',
  refused: (p) => `the whole call was refused; the message ${p.namesId ? 'names' : 'does not name'} the id`,
  'too-large': () => 'the call was refused as too large (2 records)',
  unclear: (p) => `unclear: the answer was ${p.answer.kind}/${p.answer.reason}`,
};

/** The HTTP status and the body's code of an answer, when it had them. */
export interface AnswerStatus {
  readonly httpStatus?: number;
  readonly apiCode?: string;
}

const statusOf = (p: AnswerStatus) => (p.httpStatus ? ` (HTTP ${p.httpStatus}${p.apiCode ? `, code ${p.apiCode}` : ''})` : '');
const n = (value: number) => countIn('en', value);

export const enProbe = {
  // What it means for --batch
  'probe.by-count': () => 'Batches are confirmed by their count: a batch whose count equals its records is updated as a whole; a lower count is narrowed down to the rows that failed.',
  'probe.narrowing-resends': () => `Narrowing a count down sends first halves again: ${REAPPLIED} (summary.json's reapplied counts them).`,
  'probe.count-too-high': (p: { count: number; records: number }) => `The count (${p.count}) is more than the ${p.records} records sent: a count that cannot be true confirms no batch, so ${ONE_BY_ONE}`,
  'probe.count-included-missing': (p: { count: number }) => `The count included an id that does not exist (${p.count} of ${p.count}): batches cannot be confirmed by their count, so ${ONE_BY_ONE}`,
  'probe.no-count': () => `The answer carries no count and the missing id went unnoticed: batches cannot be confirmed by their answer, so ${ONE_BY_ONE}`,
  'probe.refused-whole': () => 'A batch holding a missing id (or a value the CRM refuses) is refused as a whole: the tool narrows it down by sending halves again (updates are idempotent).',
  'probe.refusal-names-id': (p: { names: boolean }) =>
    p.names ? 'The refusal names the missing id, which lets narrowing down go straight to it.' : 'The refusal does not name the missing id: finding it takes about 2·log₂N more calls in a batch of N.',
  'probe.refused-after-applying': () =>
    `"Refused after applying the rest" cannot be told apart from "refused, nothing applied" without changing data. If this CRM applies the rest first, narrowing down sends it again at every level: ${REAPPLIED}; keep --batch 1 if that matters (summary.json's reapplied counts the records that may have been applied more than once).`,
  'probe.success-count-unseen': () => 'Whether a successful batch carries a count was not seen (this call was refused); the first batch of a job shows it.',
  'probe.too-large': () => 'updateMany.php refused a call of 2 records as too large: --batch cannot be used on this CRM.',
  'probe.no-batches': (p: { answer: string }) => `This CRM does not take updateMany.php (${p.answer}): --batch cannot be used.`,
  'probe.unreadable': (p: { answer: string }) => `updateMany.php gave no answer the probe could read (${p.answer}): run the probe again; until then keep --batch 1.`,
  'probe.cost-call': (p: { refused: boolean }) => `One updateMany.php call cost 1 unit${measuredOn(p.refused)}: with --batch 100, 100,000 rows take about 1,000 units of quota instead of 100,000.`,
  'probe.cost-record': (p: { units: number; refused: boolean }) => `One updateMany.php call cost one unit per record (${p.units} for ${p.units})${measuredOn(p.refused)}: --batch saves time, not quota.`,
  'probe.cost-unknown': () => 'The quota cost of a call is unknown: plan for one unit per record.',
  // Why the cost is not known
  'probe.no-use': (p: { when?: 'before' | 'after'; answer?: string }) => (p.when === undefined ? "the CRM did not give the token's use" : `the CRM did not give the token's use ${p.when} (${p.answer ?? ''})`),
  'probe.use-went-down': () => "the token's use went down between the readings (the daily count restarted?)",
  'probe.other-units': (p: { units: number; records: number }) => `${p.units} units for a call of ${p.records} records: another client using the token, or a CRM that counts calls another way`,

  // The report `probe` prints
  'probe.title': (p: { server: string; operation: string; module: string }) => `Probe of updateMany.php on ${p.server} (operation ${p.operation}, module ${p.module})`,
  'probe.read': (p: { id: string }) => `  read with query.php:  record ${p.id}`,
  'probe.sent-back': (p: { fields: readonly string[]; byMapping: boolean }) => `  sent back unchanged:  ${p.fields.join(', ')} (${p.byMapping ? "the mapping's plain fields" : 'every plain value of the read'})`,
  'probe.left-out': (p: { fields: readonly string[] }) => `  not sent:             ${p.fields.join(', ')} (not in the record, typed, or not a plain value)`,
  'probe.together': (p: { missingId: string }) => `  together with:        ${p.missingId}, an id that cannot exist`,
  'probe.answer': (p: { answer: ProbeAnswer }) =>
    `Answer        ${p.answer.httpStatus === undefined ? 'no answer' : `HTTP ${p.answer.httpStatus}${p.answer.apiCode === undefined ? '' : `, code ${p.answer.apiCode}`}`}: ${p.answer.message}`,
  'probe.count': (p: { seen: 'yes' | 'no' | 'not-seen'; count?: number }) =>
    `Count         ${{ yes: `yes (${p.count} of the 2 records sent)`, no: 'no', 'not-seen': 'not seen (the call did not succeed)' }[p.seen]}`,
  'probe.missing-id': (p: { behaviour: ProbeBehaviour; answer: ProbeAnswer; namesId: boolean }) => `Missing id    ${BEHAVIOUR[p.behaviour](p)}`,
  'probe.cost': (p: { cost: 'call' | 'record' | 'unknown'; units?: number; usedBefore?: number; usedAfter?: number; note?: string }) => {
    const use = p.usedBefore === undefined || p.usedAfter === undefined ? '' : ` (token use ${n(p.usedBefore)} → ${n(p.usedAfter)}: the read 1, updateMany ${p.units}, the reading after 1)`;
    return `Cost          ${p.cost === 'call' ? `1 unit per call${use}` : p.cost === 'record' ? `1 unit per record: ${p.units} for 2 records${use}` : `unknown: ${p.note ?? ''}`}`;
  },
  'probe.calls': (p: { calls: number }) => `Calls spent   ${p.calls} (tokenInformation, query, updateMany, tokenInformation${p.calls > 4 ? '; one more: tokenInformation took the other HTTP method' : ''})`,
  'probe.means': () => 'What it means for --batch:',

  // Why no probe was made
  'probe.missing-operation': () => 'Missing operation: pass --operation, or --mapping with a mapping that names its "operation".',
  'probe.missing-module': () => 'Missing module: pass --module, or --mapping with a mapping that names its "module".',
  'probe.missing-id-flag': () => 'Missing id: pass --id with the wolkvox_id of a record you own (the last part of its address in the CRM).',
  'probe.quota-low': (p: { available: number; needed: number; hours: number }) =>
    `The token has ${p.available} calls left today and the probe needs up to ${p.needed}: run it after the count restarts (in ${p.hours} h). Nothing was sent.`,
  'probe.quota-used': (p: { endpoint: string; answer: string }) => `The token's daily quota is used up (${p.endpoint}: ${p.answer}). Nothing was sent; run the probe after the count restarts.`,
  'probe.token-refused': (p: { endpoint: string; answer: string }) => `The CRM refused the token (${p.endpoint}: ${p.answer}). Nothing was sent; check WOLKVOX_TOKEN or --token-file.`,
  'probe.read-failed': (p: { answer: string } & AnswerStatus) => `query.php did not give the record: ${p.answer}${statusOf(p)}. Nothing was sent; check --server, --operation and --module, or run the probe again later.`,
  'probe.record-not-found': (p: { id: string; module: string; answer: string; others: boolean } & AnswerStatus) =>
    `Record not found: query.php found no record with wolkvox_id ${p.id} in module ${p.module}${statusOf(p)}: ${p.answer}${p.others ? ', none of them that one' : ''}. Nothing was sent; pass --id with the id of a record you own.`,
  'probe.nothing-to-send': (p: { id: string; mappingFields?: readonly string[] }) =>
    `Nothing to send back: ${
      p.mappingFields
        ? `none of the mapping's fields (${p.mappingFields.join(', ')}) is in record ${p.id} as plain text, a number or true/false, with a plain type in the mapping`
        : `record ${p.id} has no field holding plain text, a number or true/false (typed fields, attachments, empty fields and wolkvox_ fields are never sent)`
    }. Nothing was sent; pass --id of a record with such a field${p.mappingFields ? ', or a mapping that maps one' : ''}.`,
} satisfies Record<string, (params: never) => string>;
