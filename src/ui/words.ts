import { LANGS, say, type Lang, type Message, type MessageCode, type Plan, type RowProblem, type RunSummary } from '../index.js';

// What the library says, worded for the page: the page's server words each message in every language the
// page speaks, and the page shows the one it speaks now (a switch of language needs no new request). Where
// the library's wording names a mapping key ("decimal") or a command-line flag (--limit), the page's own
// wording of the same code and parameters names the page's label instead (catalog/en-page.ts).

/** A message in each language the page speaks. */
export type Words = Readonly<Record<Lang, string>>;

/** Codes the page words its own way, with the same parameters. */
const PAGE_WORDING: Readonly<Partial<Record<MessageCode, MessageCode>>> = {
  'value.number-ambiguous': 'page.value.number-ambiguous',
  'value.number-digits': 'page.value.number-digits',
  'value.not-iso-date': 'page.value.not-iso-date',
  'value.not-in-map': 'page.value.not-in-map',
  'value.not-phone': 'page.value.not-phone',
  'row.field-empty': 'page.row.field-empty',
  'row.linked-id-empty': 'page.row.linked-id-empty',
  'report.problems': 'page.row.problems',
  'send.batch-unconfirmable': 'page.send.batch-unconfirmable',
  'plan.not-reused': 'page.plan.not-reused',
  'stop.canary': 'page.stop.canary',
  'stop.unreachable': 'page.stop.unreachable',
  'stop.fatal': 'page.stop.fatal',
  'stop.failure-rate': 'page.stop.failure-rate',
  'stop.quota-reached': 'page.stop.quota-reached',
  'stop.max-calls': 'page.stop.max-calls',
  'stop.quota-answered': 'page.stop.quota-answered',
};

/** A row's problems whose fix is a setting of the mapping (the page offers to go there), by the code of what is wrong. */
const MAPPING_FIXES: ReadonlySet<string> = new Set([
  'value.number-ambiguous',
  'value.number-decimal',
  'value.number-digits',
  'value.not-iso-date',
  'value.date-mismatch',
  'value.not-in-map',
  'row.field-empty',
  'row.id-empty-after-map',
  'row.linked-id-empty',
]);

const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string' && 'params' in value;

/** The message with the page's codes in place of the library's, inside the messages it holds too. */
function forPage(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forPage);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, forPage(inner)]));
  if (!isMessage(value)) return entries;
  return { ...entries, code: PAGE_WORDING[value.code] ?? value.code };
}

/** The message in every language the page speaks, with the page's labels. */
export function wordsOf(said: Message): Words {
  const page = forPage(said) as Message;
  return Object.fromEntries(LANGS.map((lang) => [lang, say(page, lang)])) as Record<Lang, string>;
}

/** Words for a text that has no message (a library user's own problem): the same text in every language. */
const asIs = (text: string): Words => Object.fromEntries(LANGS.map((lang) => [lang, text])) as Record<Lang, string>;

/** The innermost message: what is wrong, under where it is. */
const innermost = (said: Message): Message => {
  const inner = (said.params as { problem?: unknown } | undefined)?.problem;
  return isMessage(inner) ? innermost(inner) : said;
};

/**
 * A row's problem for the check's table, which has a column of its own for the column: a problem said "in
 * its field" whose field is that column is worded without it (no "Saldo: Saldo: …"). `fix: 'mapping'` when
 * a setting of the mapping is the fix.
 */
export function pageProblem(problem: RowProblem): RowProblem & { readonly words: Words; readonly fix?: 'mapping' } {
  const { said } = problem;
  if (!said) return { ...problem, words: asIs(problem.message) };
  const field = said.code === 'row.in-field' ? (said.params as { field: string; problem: Message }) : undefined;
  const shown = field && field.field === problem.column ? field.problem : said;
  return { ...problem, words: wordsOf(shown), ...(MAPPING_FIXES.has(innermost(said).code) ? { fix: 'mapping' as const } : {}) };
}

/** The plan's warnings, worded (a plan written before they were messages: as it holds them). */
export const warningWords = (plan: { readonly warnings: readonly string[]; readonly warningsSaid?: readonly Message[] }): readonly Words[] =>
  plan.warningsSaid?.map(wordsOf) ?? plan.warnings.map(asIs);

/** The plan with what it says in words: its warnings, and why a preview's reads are not reused. */
export function pagePlan<P extends Plan>(plan: P): P & { readonly warningsWords: readonly Words[] } {
  const reuse = plan.reusedPreview;
  return { ...plan, warningsWords: warningWords(plan), ...(reuse && !reuse.reused ? { reusedPreview: { ...reuse, words: wordsOf(reuse.said) } } : {}) };
}

/** A run's summary with what it says in words: why it stopped, and why a preview's reads were not reused. */
export function pageSummary<S extends RunSummary>(summary: S): S & { readonly stopWords?: Words } {
  const reuse = summary.reusedPreview;
  return {
    ...summary,
    errors: summary.errors.map((error) => (error.said ? { ...error, words: wordsOf(error.said) } : error)),
    ...(summary.stopSaid ? { stopWords: wordsOf(summary.stopSaid) } : summary.stopMessage ? { stopWords: asIs(summary.stopMessage) } : {}),
    ...(reuse && !reuse.reused ? { reusedPreview: { ...reuse, words: wordsOf(reuse.said) } } : {}),
  };
}
