import { countedIn } from '../text.js';
import { wordNested, type BreakerTrip, type FatalNext } from './en.js';
import type { ColumnProblem } from './en-report.js';
import type { Nested, ValueSource } from './en-rows.js';
import type { PreviewRefusal } from '../types.js';

/** A problem said "in its field" where the field is the column it is already said to be in: what is wrong, alone. */
export const inColumn = ({ column, problem }: ColumnProblem): Nested => {
  const inField = problem.code === 'row.in-field' ? (problem.params as { field: string; problem: Nested }) : undefined;
  return inField && inField.field === column ? inField.problem : problem;
};

// English of the local page (`wolkvox-bulk ui`): the page's server words the library's messages with these
// where the library's own wording names a mapping key or a command-line flag, which a person in the page
// never sees: the page's labels are named instead (its server swaps the code, src/ui/words.ts). Each takes
// the parameters of the code it stands for. Also the page server's own refusals.

const plural = (value: number, one: string, many?: string) => countedIn('en', value, one, many);

const source = (from: ValueSource) =>
  from.kind === 'column' ? `the cell in column '${from.column}'` : from.kind === 'template' ? `the template ${from.template}` : 'the value';

const FATAL_FIX: Readonly<Record<FatalNext, string>> = {
  auth: 'The token was refused: check the token in step 4 (Connect), and that it is active in the CRM (Configuration > Wolkvox Integration > Tokens).',
  endpoint: 'This is not the wolkvox API: check the CRM server in step 4 (Connect), as it shows in the browser address bar, such as crm0001.wolkvox.com.',
  redirect: 'The server answered with a redirect, so the address is not the API: check the CRM server in step 4 (Connect).',
  configuration: 'Check the operation and the module in step 4 (Connect).',
  network: 'Check the CRM server in step 4 (Connect) and your network.',
  other: 'Fix the cause.',
};

export const enPage = {
  // A row's value, with the mapping's setting named by its label in the page
  'page.value.number-ambiguous': (p: { text: string }) => `'${p.text}' can be read two ways: choose this field's "Decimal mark" in the mapping`,
  'page.value.number-digits': (p: { text: string }) => `'${p.text}' has more digits than a number field keeps exactly (15): choose the type "text" for this field in the mapping`,
  'page.value.not-iso-date': (p: { text: string }) => `'${p.text}' is not a date in YYYY-MM-DD form: choose this field's "Date format in the file" in the mapping (for example DD/MM/YYYY)`,
  'page.value.not-in-map': (p: { text: string; keys: readonly string[]; more: boolean }) =>
    `'${p.text}' is not among the values to replace (${p.keys.join(', ')}${p.more ? ', …' : ''}): add it to the mapping's values, or give a value for the others`,
  'page.value.not-phone': (p: { text: string; plus: boolean }) =>
    `'${p.text}' is not a phone number: only digits, spaces, dashes, dots and brackets are accepted${p.plus ? '; write the country code in the field\'s "Dialling code" in the mapping' : ''}`,
  'page.row.field-empty': (p: { source: ValueSource; errors: readonly string[] }) =>
    `${source(p.source)} is empty${p.errors.length > 0 ? `; it holds the error ${p.errors.join(', ')}, fix it in the file` : ''}: fill it, or choose in the mapping what an "Empty cell" of this field does (leave the CRM value, or clear it)`,
  'page.row.linked-id-empty': (p: { column: string }) => `the linked record's id in column '${p.column}' is empty: fill it, or clear the field's "Column with the linked id" in the mapping`,

  'page.row.problems': (p: { problems: readonly ColumnProblem[] }) =>
    p.problems.map((one) => (one.column === undefined ? wordNested(one.problem) : `column ${one.column}: ${wordNested(inColumn(one))}`)).join('; '),

  // While sending, and a preview's reads not reused: no endpoint names, no flags
  'page.send.batch-unconfirmable': (p: { count?: number; sent?: number }) =>
    `${p.count === undefined ? 'the CRM answered a request with several records without counting the records it edited' : `the CRM answered that it edited ${p.count} records of ${p.sent ?? 0} sent, a count that cannot be true`}, so no batch can be confirmed by its answer: rows go one by one from now on`,
  'page.plan.not-reused': (p: { from: string; code: PreviewRefusal; file: string; server?: string; module: string; minutesOld?: number; fresh: number }) =>
    `The preview ${p.from} ${
      {
        'not-a-preview': 'is not a preview',
        'not-finished': 'stopped before its reads ended',
        'input-changed': `was made from another file (the SHA-256 of ${p.file} differs)`,
        'mapping-changed': 'was made with another mapping',
        'rows-changed': 'planned other rows (another choice for repeated ids or invalid rows, or another earlier run to compare with)',
        'other-server': `read ${p.server ?? 'no server'}`,
        'other-module': `read the module ${p.module}`,
        old: `read the CRM ${p.minutesOld ?? 0} minutes ago (its reads are reused for ${p.fresh} minutes, as records change)`,
      }[p.code]
    }; the records are read again.`,

  // Why a job stopped, with the page's controls named
  'page.stop.canary': (p: { rows: number }) => `Canary done: ${p.rows === 1 ? 'the first row was' : `the first ${plural(p.rows, 'row')} were`} sent; "Send the rest" sends the others.`,
  'page.stop.unreachable': (p: { answer: string }) => `${p.answer}. ${FATAL_FIX.network}`,
  'page.stop.fatal': (p: { answer: string; fix: FatalNext }) => `Stopped by the CRM: ${p.answer}. ${FATAL_FIX[p.fix]}`,
  'page.stop.failure-rate': (p: BreakerTrip) =>
    `Too many rows fail: ${p.first ? `the first ${p.of} rows all failed (${p.count} of ${p.of}: ${p.message})` : `${p.failed} of the last ${p.of} rows failed (${p.count} of them: ${p.message})`}. Check the mapping and the CRM before going on ("Stop when this share of rows fails", under Pace and safety, changes this check).`,
  'page.stop.quota-reached': () => 'Daily quota reached: every quota unit available today was used. Resume after the reset (or tick "When the daily quota runs out, wait for it and go on").',
  'page.stop.max-calls': (p: { calls: number; units?: number; max: number }) =>
    `Request budget reached: ${plural(p.calls, 'API request')} made${p.units === undefined ? '' : `, ${plural(p.units, 'quota unit')} counted (a request with several records counts 1 per record, unless the quota was measured first)`} ("Stop before this many API requests").`,
  'page.stop.quota-answered': () => 'Daily quota used up: the CRM answered that the token is over its limit.',

  // The page server's own refusals
  'page.missing-server': () => 'Missing server: enter your CRM host in step 4 (Connect), such as crm0001.wolkvox.com.',
  'page.empty-token': () => 'Empty token: paste the Wolkvox-Token of your CRM user.',
  'page.missing-token': () => 'Missing token: enter the token in step 4 (Connect), or start wolkvox-bulk ui with WOLKVOX_TOKEN set.',
  'page.job-running': () => 'A job is running: stop it or wait for it to finish first.',
  'page.file-too-large': (p: { bytes: number }) => `File too large: more than ${p.bytes} bytes.`,
  'page.no-upload': () => 'The uploaded file is no longer there: start again from step 1.',
  'page.folder-name': (p: { name: string }) => `Not a usable folder name: ${p.name}. Use letters, digits, - and _, with no / or \\.`,
  'page.folder-taken': (p: { name: string; root: string }) => `A folder named ${p.name} is already in ${p.root}: choose another name.`,
  'page.unexpected': (p: { detail: string }) => `Unexpected error: ${p.detail}. Please report this.`,
} satisfies Record<string, (params: never) => string>;
