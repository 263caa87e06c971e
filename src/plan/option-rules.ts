import { WolkvoxBulkError } from '../core/errors.js';

// One rule per option, each said once: what a valid value is, in words a person reads. The library and
// the CLI check with the same rules and differ only in how they name the option (`rate` or `--rate`).
interface Rule {
  readonly expected: string;
  readonly test: (value: unknown) => boolean;
  /** A number's range, for a form's min, max and step (the page's fields take them from here). */
  readonly range?: NumberRange;
}

/** What a number option accepts, as a form field says it. */
export interface NumberRange {
  readonly min: number;
  readonly max?: number;
  readonly whole: boolean;
}

const wholeNumber = (min: number, max?: number, unit = ''): Rule => ({
  expected: `a whole number${unit} ${max === undefined ? `from ${min} up` : `from ${min} to ${max}`}`,
  test: (value) => typeof value === 'number' && Number.isInteger(value) && value >= min && (max === undefined || value <= max),
  range: { min, ...(max === undefined ? {} : { max }), whole: true },
});
const number = (min: number, max: number | undefined, unit: string): Rule => ({
  expected: `a number${unit} ${max === undefined ? `from ${min} up` : `from ${min} to ${max}`}`,
  test: (value) => typeof value === 'number' && Number.isFinite(value) && value >= min && (max === undefined || value <= max),
  range: { min, ...(max === undefined ? {} : { max }), whole: false },
});
const oneOf = (choices: readonly string[]): Rule => ({
  expected: `one of ${choices.join(', ')}`,
  test: (value) => typeof value === 'string' && choices.includes(value),
});
const text = (what: string): Rule => ({ expected: what, test: (value) => typeof value === 'string' && value.trim() !== '' });
const yesOrNo: Rule = { expected: 'true or false', test: (value) => typeof value === 'boolean' };

export const DUPLICATE_POLICIES = ['error', 'first', 'last', 'all'] as const;
export const REPORT_FORMATS = ['csv', 'xlsx'] as const;
export const SNAPSHOT_STRATEGIES = ['by-id', 'module', 'auto'] as const;
export const MATCH_STRATEGIES = ['module', 'query', 'auto'] as const;

export const OPTION_RULES = {
  concurrency: wholeNumber(1, 64, ' of calls in flight'),
  // Below 0.01 a call would wait more than 100 s for its slot: a mistake for 0.1 or 1, far likelier than a plan.
  rate: number(0.01, undefined, ' of calls per second'),
  retries: wholeNumber(0, 20),
  timeoutSeconds: number(0.1, undefined, ' of seconds'),
  maxCalls: wholeNumber(0, undefined, ' (0: no limit)'),
  maxFailureRate: number(0, 1, ' (a share: 0.5 is half; 0 turns the check off)'),
  limit: wholeNumber(1, undefined, ' of rows'),
  // The CRM's own maximum is unpublished; a batch it refuses as too large halves by itself.
  batchSize: wholeNumber(1, 1000, ' of records per call'),
  duplicates: oneOf(DUPLICATE_POLICIES),
  reportFormat: oneOf(REPORT_FORMATS),
  snapshot: oneOf(SNAPSHOT_STRATEGIES),
  matchBy: oneOf(MATCH_STRATEGIES),
  out: text('a folder path'),
  since: text('the folder of an earlier run'),
  operation: text('the name of a CRM operation'),
  module: text('the name of a CRM module, such as contacts'),
  server: text('a CRM host, such as crm0001.wolkvox.com'),
  headerRow: wholeNumber(1),
  preview: wholeNumber(0, undefined, ' of bodies'),
  waitForQuota: yesOrNo,
  checkQuota: yesOrNo,
  skipInvalid: yesOrNo,
  dryRun: yesOrNo,
  skipUnchanged: yesOrNo,
  verify: yesOrNo,
  // `preview` above is validate's number of bodies; update's preview of the changes is a yes or no.
  previewChanges: yesOrNo,
  reusePreview: text('the folder of a preview run (update --preview)'),
} as const satisfies Record<string, Rule>;

export type CheckedOption = keyof typeof OPTION_RULES;

/**
 * How an option is named to the person who gave it: as the library option (the default) or as the flag
 * they typed. `refused` words a value its rule refuses; `name` is the option alone, for other messages.
 */
export interface OptionNaming {
  readonly refused: (option: CheckedOption, value: unknown, expected: string) => string;
  readonly name: (option: CheckedOption) => string;
}

/** p-queue's wording: "Expected `rate` to be a number … from 0.01 up, got `0.005` (number)." */
export const libraryNaming: OptionNaming = {
  refused: (option, value, expected) => `Expected \`${option}\` to be ${expected}, got \`${typeof value === 'string' ? JSON.stringify(value) : String(value)}\` (${typeof value}).`,
  name: (option) => `\`${option}\``,
};

/** Checks every option given (undefined ones are left to their defaults); throws USAGE for the first bad one. */
export function checkOptions(options: Readonly<Partial<Record<CheckedOption, unknown>>>, naming: OptionNaming = libraryNaming): void {
  for (const option of Object.keys(OPTION_RULES) as CheckedOption[]) {
    const value = options[option];
    if (value === undefined) continue;
    const rule = OPTION_RULES[option];
    if (!rule.test(value)) throw new WolkvoxBulkError('USAGE', naming.refused(option, value, rule.expected));
  }
}
