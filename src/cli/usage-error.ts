import { hideBin } from 'yargs/helpers';
import { isWolkvoxBulkError } from '../core/errors.js';
import { message, say, type Message } from '../core/say.js';
import { checkSettings } from '../plan/job-settings.js';
import { OPTION_RULES, type CheckedOption, type OptionNaming } from '../plan/option-rules.js';

/** A mistake in how the command was called: printed with a pointer to --help, exit 2. */
export class UsageError extends Error {
  /** The mistake as a message, for the person's language (`message` is its English). */
  readonly said?: Message;

  constructor(text: string | Message) {
    super(typeof text === 'string' ? text : say(text, 'en'));
    if (typeof text !== 'string') this.said = text;
  }
}

// The flag a person types for each library option the rules check.
const FLAGS: Readonly<Record<CheckedOption, string>> = {
  concurrency: '--concurrency',
  rate: '--rate',
  retries: '--retries',
  timeoutSeconds: '--timeout',
  maxCalls: '--max-calls',
  reserve: '--reserve',
  maxFailureRate: '--max-failure-rate',
  limit: '--limit',
  batchSize: '--batch',
  duplicates: '--duplicates',
  reportFormat: '--report-format',
  snapshot: '--snapshot',
  matchBy: '--match-by',
  out: '--out',
  since: '--since',
  operation: '--operation',
  module: '--module',
  server: '--server',
  headerRow: '--header-row',
  preview: '--preview',
  waitForQuota: '--wait-for-quota',
  checkQuota: '--check-quota',
  skipInvalid: '--skip-invalid',
  dryRun: '--dry-run',
  skipUnchanged: '--skip-unchanged',
  verify: '--verify',
  previewChanges: '--preview',
  reusePreview: '--reuse-preview',
  intervalSeconds: '--interval',
  notify: '--notify',
  notifyFormat: '--notify-format',
  daily: '--daily',
  scheduleSystem: '--system',
  lang: '--lang',
};

/**
 * What was typed after a flag (`--batch abc`, `--batch=abc`; the last one wins, as in yargs): yargs has
 * turned it into a number by then, and `abc` into NaN, which is not what the person wrote.
 */
function typedAfter(flag: string, argv: readonly string[]): string | undefined {
  let typed: string | undefined;
  argv.forEach((word, index) => {
    if (word === flag && index + 1 < argv.length) typed = argv[index + 1];
    else if (word.startsWith(`${flag}=`)) typed = word.slice(flag.length + 1);
  });
  return typed;
}

// A value as a shell would take it back: one plain word bare, anything else quoted.
const shown = (text: string) => (/^[\w.+-]+$/.test(text) ? text : JSON.stringify(text));

const flagNaming: OptionNaming = {
  refused: (option, value, expected) => {
    // A flag given again and again (--notify): the value refused is the one typed, not the last.
    const typed = OPTION_RULES[option].each && typeof value === 'string' ? value : typedAfter(FLAGS[option], hideBin(process.argv));
    return message('option.refused-flag', { flag: FLAGS[option], typed: typed !== undefined ? shown(typed) : typeof value === 'string' ? JSON.stringify(value) : String(value), expected });
  },
  name: (option) => FLAGS[option],
};

/**
 * The library's option rules, with the flags' names and what was typed in the message (`--rate 0.005: …`);
 * for `resume`, also the library's refusal of a flag that decides what is sent (`--duplicates`); for `watch`,
 * of a flag that does not fit a run per file (`--out`, `--limit`, `--dry-run`).
 */
export function checkFlags(options: Readonly<Partial<Record<CheckedOption, unknown>>>, command: { readonly resume?: boolean; readonly watch?: boolean } = {}): void {
  const problem = flagRefusal(options, command);
  if (problem !== undefined) throw new UsageError(problem);
}

/** The first broken rule's message in English, or undefined (for a yargs `.check`, which takes the text). */
export function flagProblem(options: Readonly<Partial<Record<CheckedOption, unknown>>>, command: { readonly resume?: boolean; readonly watch?: boolean } = {}): string | undefined {
  const problem = flagRefusal(options, command);
  return problem === undefined || typeof problem === 'string' ? problem : say(problem, 'en');
}

function flagRefusal(options: Readonly<Partial<Record<CheckedOption, unknown>>>, command: { readonly resume?: boolean; readonly watch?: boolean }): Message | string | undefined {
  try {
    checkSettings(options, { resume: command.resume === true, watch: command.watch === true, naming: flagNaming });
    return undefined;
  } catch (error) {
    if (isWolkvoxBulkError(error)) return error.said ?? error.message;
    throw error;
  }
}
