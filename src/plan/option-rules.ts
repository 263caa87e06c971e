import type { Expectation, ExpectedText, ExpectedUnit } from '../core/catalog/en.js';
import { WolkvoxBulkError } from '../core/errors.js';
import { LANGS, message, type Message } from '../core/say.js';

// One rule per option, each said once: what a valid value is, as data the catalogs word for a person. The
// library and the CLI check with the same rules and differ only in how they name the option (`rate` or `--rate`).
interface Rule {
  readonly expected: Expectation;
  readonly test: (value: unknown) => boolean;
  /** A number's range, for a form's min, max and step (the page's fields take them from here). */
  readonly range?: NumberRange;
  /** The option is a list (a flag given again and again): each of its values is checked, and a refused one named alone. */
  readonly each?: true;
}

/** What a number option accepts, as a form field says it. */
export interface NumberRange {
  readonly min: number;
  readonly max?: number;
  readonly whole: boolean;
}

const range = (min: number, max: number | undefined, unit: ExpectedUnit | undefined) => ({ min, ...(max === undefined ? {} : { max }), ...(unit === undefined ? {} : { unit }) });

const wholeNumber = (min: number, max?: number, unit?: ExpectedUnit): Rule => ({
  expected: { kind: 'whole', ...range(min, max, unit) },
  test: (value) => typeof value === 'number' && Number.isInteger(value) && value >= min && (max === undefined || value <= max),
  range: { min, ...(max === undefined ? {} : { max }), whole: true },
});
const number = (min: number, max: number | undefined, unit: ExpectedUnit): Rule => ({
  expected: { kind: 'number', ...range(min, max, unit) },
  test: (value) => typeof value === 'number' && Number.isFinite(value) && value >= min && (max === undefined || value <= max),
  range: { min, ...(max === undefined ? {} : { max }), whole: false },
});
const oneOf = (choices: readonly string[]): Rule => ({
  expected: { kind: 'one-of', choices },
  test: (value) => typeof value === 'string' && choices.includes(value),
});
const text = (what: ExpectedText): Rule => ({ expected: { kind: 'text', what }, test: (value) => typeof value === 'string' && value.trim() !== '' });
const yesOrNo: Rule = { expected: { kind: 'yes-no' }, test: (value) => typeof value === 'boolean' };
// A notification's address: http or https only (a file: or javascript: URL is a mistake, never a webhook).
const webAddresses: Rule = { expected: { kind: 'text', what: 'web-address' }, test: (value) => typeof value === 'string' && isWebAddress(value), each: true };

// A schedule's time of day, as a clock shows it (24 hours): what cron, systemd and Task Scheduler all take.
const timeOfDay: Rule = { expected: { kind: 'text', what: 'time-of-day' }, test: (value) => typeof value === 'string' && /^([01]?\d|2[0-3]):[0-5]\d$/.test(value) };

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const DUPLICATE_POLICIES = ['error', 'first', 'last', 'all'] as const;
export const REPORT_FORMATS = ['csv', 'xlsx'] as const;
export const SNAPSHOT_STRATEGIES = ['by-id', 'module', 'auto'] as const;
export const MATCH_STRATEGIES = ['module', 'query', 'auto'] as const;
/** A notification's body: plain JSON, a Slack message or a Microsoft Teams card. */
export const NOTIFY_FORMATS = ['json', 'slack', 'teams'] as const;
/** What `schedule` writes for: Linux (cron and systemd), one of them, or Windows' Task Scheduler. */
export const SCHEDULE_SYSTEMS = ['linux', 'cron', 'systemd', 'windows'] as const;

export const OPTION_RULES = {
  concurrency: wholeNumber(1, 64, 'calls-in-flight'),
  // Below 0.01 a call would wait more than 100 s for its slot: a mistake for 0.1 or 1, far likelier than a plan.
  rate: number(0.01, undefined, 'calls-per-second'),
  retries: wholeNumber(0, 20),
  timeoutSeconds: number(0.1, undefined, 'seconds'),
  maxCalls: wholeNumber(0, undefined, 'no-limit'),
  reserve: wholeNumber(0),
  maxFailureRate: number(0, 1, 'share'),
  limit: wholeNumber(1, undefined, 'rows'),
  // The CRM's own maximum is unpublished; a batch it refuses as too large halves by itself.
  batchSize: wholeNumber(1, 1000, 'records-per-call'),
  duplicates: oneOf(DUPLICATE_POLICIES),
  reportFormat: oneOf(REPORT_FORMATS),
  snapshot: oneOf(SNAPSHOT_STRATEGIES),
  matchBy: oneOf(MATCH_STRATEGIES),
  out: text('folder'),
  since: text('earlier-run'),
  operation: text('operation'),
  module: text('module'),
  server: text('server'),
  headerRow: wholeNumber(1),
  preview: wholeNumber(0, undefined, 'bodies'),
  waitForQuota: yesOrNo,
  checkQuota: yesOrNo,
  skipInvalid: yesOrNo,
  dryRun: yesOrNo,
  skipUnchanged: yesOrNo,
  verify: yesOrNo,
  // `preview` above is validate's number of bodies; update's preview of the changes is a yes or no.
  previewChanges: yesOrNo,
  reusePreview: text('preview-run'),
  // watch: between two looks at its folder (a file is taken once it stops changing between them).
  intervalSeconds: number(0.05, undefined, 'seconds'),
  notify: webAddresses,
  notifyFormat: oneOf(NOTIFY_FORMATS),
  daily: timeOfDay,
  scheduleSystem: oneOf(SCHEDULE_SYSTEMS),
  lang: oneOf(LANGS),
} as const satisfies Record<string, Rule>;

export type CheckedOption = keyof typeof OPTION_RULES;

/**
 * How an option is named to the person who gave it: as the library option (the default) or as the flag
 * they typed. `refused` says a value its rule refuses; `name` is the option alone, for other messages.
 */
export interface OptionNaming {
  readonly refused: (option: CheckedOption, value: unknown, expected: Expectation) => Message;
  readonly name: (option: CheckedOption) => string;
}

/** p-queue's wording: "Expected `rate` to be a number … from 0.01 up, got `0.005` (number)." */
export const libraryNaming: OptionNaming = {
  refused: (option, value, expected) => message('option.refused', { option, shown: typeof value === 'string' ? JSON.stringify(value) : String(value), type: typeof value, expected }),
  name: (option) => `\`${option}\``,
};

/** Checks every option given (undefined ones are left to their defaults); throws USAGE for the first bad one. */
export function checkOptions(options: Readonly<Partial<Record<CheckedOption, unknown>>>, naming: OptionNaming = libraryNaming): void {
  for (const option of Object.keys(OPTION_RULES) as CheckedOption[]) {
    const value = options[option];
    if (value === undefined) continue;
    const rule: Rule = OPTION_RULES[option];
    const values: readonly unknown[] = rule.each && Array.isArray(value) ? value : [value];
    const refused = values.findIndex((each) => !rule.test(each));
    if (refused !== -1) throw new WolkvoxBulkError('USAGE', naming.refused(option, values[refused], rule.expected));
  }
}
