// English for options and flags: what an option accepts, what a resume or a preview refuses, a missing
// operation, module, token or server.

/** What a number option counts, when its rule says (a number "of rows"). */
export type ExpectedUnit = 'calls-in-flight' | 'calls-per-second' | 'seconds' | 'no-limit' | 'share' | 'rows' | 'records-per-call' | 'bodies';

/** What a text option names. */
export type ExpectedText = 'folder' | 'earlier-run' | 'operation' | 'module' | 'server' | 'preview-run' | 'web-address' | 'time-of-day';

/** What an option accepts, as the rule says it (plan/option-rules.ts); the catalogs word it. */
export type Expectation =
  | { readonly kind: 'whole' | 'number'; readonly min: number; readonly max?: number; readonly unit?: ExpectedUnit }
  | { readonly kind: 'one-of'; readonly choices: readonly string[] }
  | { readonly kind: 'text'; readonly what: ExpectedText }
  | { readonly kind: 'yes-no' };

const UNITS = {
  'calls-in-flight': ' of calls in flight',
  'calls-per-second': ' of calls per second',
  seconds: ' of seconds',
  'no-limit': ' (0: no limit)',
  share: ' (a share: 0.5 is half; 0 turns the check off)',
  rows: ' of rows',
  'records-per-call': ' of records per call',
  bodies: ' of bodies',
} as const;

const TEXTS = {
  folder: 'a folder path',
  'earlier-run': 'the folder of an earlier run',
  operation: 'the name of a CRM operation',
  module: 'the name of a CRM module, such as contacts',
  server: 'a CRM host, such as crm0001.wolkvox.com',
  'preview-run': 'the folder of a preview run (update --preview)',
  'web-address': 'an http:// or https:// address, such as https://hooks.slack.com/services/…',
  'time-of-day': 'a time of day as HH:MM (24 hours), such as 06:00 or 22:30',
} as const;

/** What an option accepts, in words: "a whole number of rows from 1 up". */
export function expectationIn(expected: Expectation): string {
  switch (expected.kind) {
    case 'whole':
    case 'number':
      return `${expected.kind === 'whole' ? 'a whole number' : 'a number'}${expected.unit ? UNITS[expected.unit] : ''} ${expected.max === undefined ? `from ${expected.min} up` : `from ${expected.min} to ${expected.max}`}`;
    case 'one-of':
      return `one of ${expected.choices.join(', ')}`;
    case 'text':
      return TEXTS[expected.what];
    case 'yes-no':
      return 'true or false';
  }
}

export const enOptions = {
  'option.refused': (p: { option: string; shown: string; type: string; expected: Expectation }) => `Expected \`${p.option}\` to be ${expectationIn(p.expected)}, got \`${p.shown}\` (${p.type}).`,
  'option.refused-flag': (p: { flag: string; typed: string; expected: Expectation }) => `${p.flag} ${p.typed}: expected ${expectationIn(p.expected)}.`,
  'option.not-on-resume': (p: { name: string; canary: boolean }) =>
    `Not on resume: ${p.canary ? `${p.name} is for a run's first session (a canary): a resume sends every row the run has left` : `${p.name} is decided when a run is checked: a resume sends each row as the run's plan holds it`}. To send with another ${p.name}, start a new run with update.`,
  'option.not-with-preview': (p: { preview: string; other: string; why: 'dry-run' | 'verify' | 'reuse' }) =>
    `Not both: ${p.preview} and ${p.other}: ${{ 'dry-run': 'a preview reads the CRM, and a dry run contacts no server', verify: 'a preview sends nothing to read back', reuse: 'a preview reads the CRM itself' }[p.why]}.`,
  'option.missing-operation': () => 'Missing operation: set "operation" in the mapping, or pass --operation (the name of your CRM operation).',
  'option.missing-module': () => 'Missing module: set "module" in the mapping, or pass --module (for example contacts).',
  'option.missing-token': () => 'Missing token: set the WOLKVOX_TOKEN environment variable, or pass --token-file with a file that holds it.',
  'option.missing-server': () => 'Missing server: pass --server or set WOLKVOX_SERVER to your CRM host, such as crm0001.wolkvox.com.',
} satisfies Record<string, (params: never) => string>;
