import { normalizeServer } from '../api/server-url.js';
import { WolkvoxBulkError } from '../core/errors.js';
import type { LoadedMapping } from '../mapping/load.js';
import type { Logger } from '../core/types.js';
import { DEFAULT_BACKOFF, type BackoffOptions } from '../send/backoff.js';
import type { JobEvent, Plan } from '../core/events.js';
import type { ReaderOverrides } from './preflight.js';

/** How rows sharing an id are treated: refuse the file, send the first, the last, or all of them in order. */
export type DuplicatePolicy = 'error' | 'first' | 'last' | 'all';

/** Connection and pacing settings; `resume` may change them between the days of a job. */
export interface ConnectionOptions {
  /** CRM host or URL, such as `crm0001.wolkvox.com`. */
  readonly server: string;
  /** The Wolkvox-Token. Never written anywhere. */
  readonly token: string;
  /** Calls in flight at once; a ceiling, lowered when the CRM says it is too many. @default 2 */
  readonly concurrency?: number;
  /** Calls per second at most. @default no limit */
  readonly rate?: number;
  /** Retries of a call that failed for a transient reason. @default 5 */
  readonly retries?: number;
  /** Seconds to wait for one answer. @default 60 */
  readonly timeoutSeconds?: number;
  /** Stop cleanly (resumable) before making more than this many calls in this session; 0: no limit. */
  readonly maxCalls?: number;
  /** When the daily quota runs out, wait for its reset and go on instead of stopping. @default false */
  readonly waitForQuota?: boolean;
  /** Read the token's quota before starting and say whether the job fits. @default false */
  readonly checkQuota?: boolean;
  /**
   * Stop when row failures dominate: the first 20 rows all failed, or more than this share of the last 100.
   * 0 turns the check off. @default 0.5
   */
  readonly maxFailureRate?: number;
}

export interface UpdateOptions extends ConnectionOptions, ReaderOverrides {
  /** The input file (CSV or XLSX). */
  readonly file: string;
  /** Path of the mapping file, or a mapping already loaded. */
  readonly mapping: string | LoadedMapping;
  /** @default the mapping's `operation` */
  readonly operation?: string;
  /** @default the mapping's `module` */
  readonly module?: string;
  /** The run folder. @default `wolkvox-runs/<date-time>-<input name>` */
  readonly out?: string;
  /** @default 'error' */
  readonly duplicates?: DuplicatePolicy;
  /** Send the valid rows even when some are invalid (those are reported, not sent). @default false */
  readonly skipInvalid?: boolean;
  /** Send only the first N rows (a canary run); `resume` sends the rest. */
  readonly limit?: number;
  /** Do everything but the calls. @default false */
  readonly dryRun?: boolean;
  /** `xlsx` also writes results.xlsx (coloured statuses, filter, frozen header). @default 'csv' */
  readonly reportFormat?: 'csv' | 'xlsx';
  /** Timing of retries (tests shorten it). @default 1 s base, 60 s cap */
  readonly backoff?: BackoffOptions;
  /** Aborting stops the job cleanly: no new calls, the ones in flight finish, reports are written. */
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  readonly onEvent?: (event: JobEvent) => void;
  /** Asked once the plan is known, before the first call; false cancels the job. */
  readonly confirm?: (plan: Plan) => boolean | Promise<boolean>;
}

export type ResolvedConnection = Required<Omit<ConnectionOptions, 'rate' | 'maxCalls'>> &
  Pick<ConnectionOptions, 'rate' | 'maxCalls'> & { readonly timeoutMs: number };

const usage = (message: string) => new WolkvoxBulkError('USAGE', message);

function checkNumber(name: string, value: number | undefined, range: { min: number; max?: number; integer?: boolean }): void {
  if (value === undefined) return;
  const ok = Number.isFinite(value) && value >= range.min && (range.max === undefined || value <= range.max) && (!range.integer || Number.isInteger(value));
  if (!ok) {
    const kind = range.integer ? 'a whole number' : 'a number';
    const bounds = range.max === undefined ? `from ${range.min} up` : `from ${range.min} to ${range.max}`;
    throw usage(`Expected \`${name}\` to be ${kind} ${bounds}, got \`${String(value)}\` (${typeof value}).`);
  }
}

/** Checks and completes the connection settings once, at the boundary. */
export function resolveConnection(options: ConnectionOptions): ResolvedConnection {
  if (typeof options.token !== 'string' || options.token.trim() === '') {
    throw new WolkvoxBulkError('TOKEN_MISSING', 'Missing token: set the WOLKVOX_TOKEN environment variable, or pass --token-file with a file that holds it.');
  }
  checkNumber('concurrency', options.concurrency, { min: 1, max: 64, integer: true });
  checkNumber('rate', options.rate, { min: 0.01 });
  checkNumber('retries', options.retries, { min: 0, max: 20, integer: true });
  checkNumber('timeoutSeconds', options.timeoutSeconds, { min: 0.1 });
  checkNumber('maxCalls', options.maxCalls, { min: 0, integer: true });
  checkNumber('maxFailureRate', options.maxFailureRate, { min: 0, max: 1 });
  const timeoutSeconds = options.timeoutSeconds ?? 60;
  return {
    server: normalizeServer(options.server),
    token: options.token.trim(),
    concurrency: options.concurrency ?? 2,
    ...(options.rate === undefined ? {} : { rate: options.rate }),
    retries: options.retries ?? 5,
    timeoutSeconds,
    timeoutMs: Math.round(timeoutSeconds * 1000),
    // 0 lifts a budget recorded by an earlier session.
    ...(options.maxCalls === undefined || options.maxCalls === 0 ? {} : { maxCalls: options.maxCalls }),
    waitForQuota: options.waitForQuota ?? false,
    checkQuota: options.checkQuota ?? false,
    maxFailureRate: options.maxFailureRate ?? 0.5,
  };
}

/** The job's settings that are fixed for its whole life (recorded in run.json). */
export interface JobSettings {
  readonly operation: string;
  readonly module: string;
  readonly duplicates: DuplicatePolicy;
  readonly skipInvalid: boolean;
  readonly dryRun: boolean;
  readonly limit?: number;
  readonly reportFormat: 'csv' | 'xlsx';
}

export function resolveJobSettings(options: UpdateOptions, loaded: LoadedMapping): JobSettings {
  const operation = options.operation ?? loaded.mapping.operation;
  const module = options.module ?? loaded.mapping.module;
  if (!operation) throw usage('Missing operation: set "operation" in the mapping, or pass --operation (the name of your CRM operation).');
  if (!module) throw usage('Missing module: set "module" in the mapping, or pass --module (for example contacts).');
  checkNumber('limit', options.limit, { min: 1, integer: true });
  const duplicates = options.duplicates ?? 'error';
  if (!['error', 'first', 'last', 'all'].includes(duplicates)) throw usage(`Expected \`duplicates\` to be error, first, last or all, got \`${String(duplicates)}\`.`);
  return {
    operation,
    module,
    duplicates,
    skipInvalid: options.skipInvalid ?? false,
    dryRun: options.dryRun ?? false,
    reportFormat: options.reportFormat ?? 'csv',
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  };
}

/** The run folder: given, or the default one under wolkvox-runs/. */
export function resolveOut(out: string | undefined, fallback: () => string): string {
  if (out === undefined) return fallback();
  if (typeof out !== 'string' || out.trim() === '') throw usage(`Expected \`out\` to be a folder path, got \`${JSON.stringify(out)}\`.`);
  return out;
}

export const backoffFor = (options: { backoff?: BackoffOptions }): BackoffOptions => options.backoff ?? DEFAULT_BACKOFF;
