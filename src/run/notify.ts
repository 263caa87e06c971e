import pRetry, { AbortError } from 'p-retry';
import type { NoticeFailure } from '../core/catalog/en-notify.js';
import type { Lang } from '../core/say.js';
import type { RunSummary } from '../core/types.js';
import { checkOptions } from '../plan/option-rules.js';
import { errorNotice, runNotice, type FailedJob, type RunNotice } from './notice.js';
import { bodyOf, formatOf, type NotifyFormat } from './notice-formats.js';

export type { NotifyFormat } from './notice-formats.js';
export { errorNotice, runNotice, type FailedJob, type NoticeContext, type RunNotice } from './notice.js';

/** Where and how a run's notification is posted. */
export interface NotifyOptions {
  /** The addresses to POST to (http or https), each once per notice. */
  readonly urls: readonly string[];
  /**
   * The body: the notice as JSON, a Slack message or a Teams card.
   * @default by each address's host: hooks.slack.com is Slack; *.webhook.office.com, outlook.office.com and Power Automate (Workflows) addresses are Teams; any other, JSON
   */
  readonly format?: NotifyFormat;
  /** Text never to send, such as the token: taken out of every body (a notice holds none; this is the last guard). */
  readonly secrets?: readonly string[];
  /** Tries after the first, for a receiver that fails (5xx, 408, 429, no answer, a network error). @default 3 */
  readonly retries?: number;
  /** Seconds one try may take, answer included. @default 10 */
  readonly timeoutSeconds?: number;
  /** The wait before the first retry, doubled for each next one. @default 500 */
  readonly retryDelayMs?: number;
  /** Stops the tries (a second Ctrl-C). */
  readonly signal?: AbortSignal;
}

/** What became of one address's notification. */
export interface NotifyOutcome {
  /** The address as it may be shown: its origin alone (a webhook's path is its secret). */
  readonly shown: string;
  readonly format: NotifyFormat;
  readonly delivered: boolean;
  /** Tries made (1 + retries at most). */
  readonly attempts: number;
  /** Why the last try failed, when it was not delivered. */
  readonly failure?: NoticeFailure;
}

const DEFAULTS = { retries: 3, timeoutSeconds: 10, retryDelayMs: 500 } as const;

// Answers worth trying again: the receiver was busy or failed for itself. Any other refusal (400, 401, 403,
// 404, a redirect) says the address or the body is wrong, and the same body would be refused again.
const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

/** An address as it may be shown in a terminal or a log: a webhook's path and query are its secret. */
export function shownAddress(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname === '/' && parsed.search === '' ? parsed.origin : `${parsed.origin}/…`;
}

/**
 * Posts a notice to every address at once, each retried on its own; resolves when each is delivered or
 * given up (never rejects: a notification never fails the run it tells about). Each try is bounded by
 * `timeoutSeconds`, so the whole is bounded by the retries; node's fetch keeps no socket that would hold
 * the process open once it is done.
 */
export async function sendNotice(notice: RunNotice, options: NotifyOptions): Promise<NotifyOutcome[]> {
  checkOptions({ notify: options.urls, ...(options.format === undefined ? {} : { notifyFormat: options.format }), ...(options.retries === undefined ? {} : { retries: options.retries }) });
  const settings = { ...DEFAULTS, ...definedOf(options) };
  return Promise.all(options.urls.map((url) => post(url, notice, settings, options)));
}

/** A run's summary (finished or stopped) posted to each address: `runNotice` then `sendNotice`. */
export async function notifyRun(summary: RunSummary, options: NotifyOptions & { readonly command?: string; readonly lang?: Lang }): Promise<NotifyOutcome[]> {
  return sendNotice(runNotice(summary, options), options);
}

/** A job that failed before its summary, posted to each address: `errorNotice` then `sendNotice`. */
export async function notifyFailure(error: unknown, options: NotifyOptions & FailedJob): Promise<NotifyOutcome[]> {
  return sendNotice(errorNotice(error, options), options);
}

const definedOf = (options: NotifyOptions) => Object.fromEntries(Object.entries({ retries: options.retries, timeoutSeconds: options.timeoutSeconds, retryDelayMs: options.retryDelayMs }).filter(([, value]) => value !== undefined));

async function post(url: string, notice: RunNotice, settings: typeof DEFAULTS, options: NotifyOptions): Promise<NotifyOutcome> {
  const format = options.format ?? formatOf(url);
  const body = withoutSecrets(JSON.stringify(bodyOf(notice, format)), options.secrets ?? []);
  let attempts = 0;
  let failure: NoticeFailure | undefined;
  const attempt = async () => {
    attempts += 1;
    failure = await tryOnce(url, body, settings.timeoutSeconds, options.signal);
    if (failure === undefined) return;
    const error = new Error(`notification not delivered (${failure.kind})`);
    throw failure.kind === 'status' && !RETRY_STATUSES.has(failure.status) ? new AbortError(error) : error;
  };
  try {
    await pRetry(attempt, { retries: settings.retries, minTimeout: settings.retryDelayMs, factor: 2, randomize: false, ...(options.signal ? { signal: options.signal } : {}) });
  } catch {
    // Told in the outcome: the caller reports it; the run's result stays as it is.
  }
  return { shown: shownAddress(url), format, delivered: failure === undefined && attempts > 0, attempts, ...(failure === undefined ? {} : { failure }) };
}

// One POST: undefined when the receiver took it (any 2xx), else why not. The answer's body is not read.
async function tryOnce(url: string, body: string, timeoutSeconds: number, signal: AbortSignal | undefined): Promise<NoticeFailure | undefined> {
  const timeout = AbortSignal.timeout(timeoutSeconds * 1000);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': 'wolkvox-bulk' },
      body,
      // A webhook that redirects is refused as it answered: a POST is not followed elsewhere with the run's details.
      redirect: 'manual',
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
    });
    await response.body?.cancel().catch(() => undefined);
    return response.status >= 200 && response.status < 300 ? undefined : { kind: 'status', status: response.status };
  } catch (error) {
    if (timeout.aborted) return { kind: 'timeout', seconds: timeoutSeconds };
    // fetch fails with "fetch failed"; what went wrong is its cause's code (ECONNREFUSED, ENOTFOUND) or words ("bad port").
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    return { kind: 'network', code: typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : (error as Error).message };
  }
}

// Each secret, in any letter case, replaced where it stands in the body's text.
function withoutSecrets(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret.trim().length < 4) continue;
    clean = clean.replace(new RegExp(secret.trim().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'gi'), '[token]');
  }
  return clean;
}
