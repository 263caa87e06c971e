import { isWolkvoxBulkError } from '../core/errors.js';
import { checkOptions, type CheckedOption, type OptionNaming } from '../plan/option-rules.js';

/** A mistake in how the command was called: printed with a pointer to --help, exit 2. */
export class UsageError extends Error {}

// The flag a person types for each library option the rules check.
const FLAGS: Readonly<Record<CheckedOption, string>> = {
  concurrency: '--concurrency',
  rate: '--rate',
  retries: '--retries',
  timeoutSeconds: '--timeout',
  maxCalls: '--max-calls',
  maxFailureRate: '--max-failure-rate',
  limit: '--limit',
  batchSize: '--batch',
  duplicates: '--duplicates',
  reportFormat: '--report-format',
  snapshot: '--snapshot',
  out: '--out',
  since: '--since',
  operation: '--operation',
  module: '--module',
  server: '--server',
};

const flagNaming: OptionNaming = (option, value, expected) => `${FLAGS[option]} ${typeof value === 'string' ? JSON.stringify(value) : String(value)}: expected ${expected}.`;

/** The library's option rules, with the flags' names in the message (`--rate 0.005: …`). */
export function checkFlags(options: Readonly<Partial<Record<CheckedOption, unknown>>>): void {
  try {
    checkOptions(options, flagNaming);
  } catch (error) {
    throw isWolkvoxBulkError(error) ? new UsageError(error.message) : error;
  }
}
