import type { CallKind, CallReason } from '../core/types.js';

/** What the client could read off one answer (or failure), before deciding anything. */
export interface AnswerFacts {
  /** HTTP status; undefined when no answer came. */
  readonly status?: number;
  /** Kind of transport failure when no answer came. */
  readonly network?: NetworkFailure;
  /** Whether the body parsed as a JSON object. */
  readonly json: boolean;
  /** The body's `code` as a number, when it has a numeric one (`200` and `"200"` both count). */
  readonly code?: number;
  /** The body's `msg`, an HTML page's title, or the transport error text. */
  readonly message: string;
}

export type NetworkFailure = 'timeout' | 'reset' | 'refused' | 'dns' | 'dns-temporary' | 'unreachable' | 'tls' | 'other';

interface Rule {
  readonly when: (facts: AnswerFacts) => boolean;
  readonly kind: CallKind;
  readonly reason: CallReason;
}

const says = (pattern: RegExp) => (facts: AnswerFacts) => pattern.test(facts.message);
const isStatus = (low: number, high: number) => (facts: AnswerFacts) =>
  facts.status !== undefined && facts.status >= low && facts.status <= high;
// Errors may come as real HTTP statuses or as HTTP 200 with the status in the body's `code`:
// integrations in the wild check both, and so does this table.
const effective = (facts: AnswerFacts): number | undefined =>
  facts.json && facts.code !== undefined ? facts.code : facts.status;
const isEffective = (low: number, high: number) => (facts: AnswerFacts) => {
  const value = effective(facts);
  return value !== undefined && value >= low && value <= high;
};

/**
 * The answer policy: first matching rule wins. Documented texts come before statuses because the CRM
 * sends some of them with an unexpected status (403 for both a bad token and the quota).
 */
export const ANSWER_RULES: readonly Rule[] = [
  // No answer in time: the update may or may not have been applied; updates are idempotent, so send again.
  { when: (f) => f.network === 'timeout', kind: 'retry', reason: 'timeout' },
  // The host name does not resolve or its certificate is wrong: every call would fail the same way.
  { when: (f) => f.network === 'dns' || f.network === 'tls', kind: 'fatal', reason: 'endpoint' },
  // Reset, refused, unreachable, a DNS lookup that timed out, socket hang up: transient on a busy network
  // or during a restart.
  { when: (f) => f.network !== undefined, kind: 'retry', reason: 'network' },
  // 403 TOKEN LIMIT EXCEEDED: the daily quota is spent; retrying only spends more.
  { when: says(/TOKEN LIMIT EXCEEDED/i), kind: 'quota', reason: 'quota' },
  // 403 EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2): we were too fast, not wrong.
  { when: says(/LIMIT OF SIMULTANEOUS REQUESTS/i), kind: 'retry', reason: 'over-concurrency' },
  // 401 PLEASE ENTER THE WOLKVOX-TOKEN / 403 PLEASE VALIDATE TOKEN: no call will work with this token.
  { when: says(/PLEASE (ENTER|VALIDATE) (THE )?(WOLKVOX-)?TOKEN/i), kind: 'fatal', reason: 'auth' },
  // 400 THE API YOU WANT TO CONSULT DOES NOT EXIST: wrong server or path.
  { when: says(/API YOU WANT TO CONSULT DOES NOT EXIST/i), kind: 'fatal', reason: 'endpoint' },
  // 429: per-IP or per-token rate limit; Retry-After says when.
  { when: isEffective(429, 429), kind: 'retry', reason: 'rate-limited' },
  // 401 with any other text is still an authentication failure.
  { when: isEffective(401, 401), kind: 'fatal', reason: 'auth' },
  // A 403 that is not JSON is the HTML page shown during maintenance and backup windows.
  { when: (f) => f.status === 403 && !f.json, kind: 'retry', reason: 'maintenance' },
  // 5xx from the CRM or from the proxies in front of it (often HTML), and 408 request timeout.
  { when: (f) => isEffective(500, 599)(f) || isEffective(408, 408)(f), kind: 'retry', reason: 'server-error' },
  // A redirect means the URL is not the API (a login page, http to https); following it could leak the token.
  { when: isStatus(300, 399), kind: 'fatal', reason: 'redirect' },
  // An HTML 404/405 page: the host answers, but this is not the wolkvox API.
  { when: (f) => (f.status === 404 || f.status === 405) && !f.json, kind: 'fatal', reason: 'endpoint' },
  // An unknown operation or module: every row would get the same answer.
  {
    when: says(/\b(OPERATION|MODULE)\b.*\b(DOES NOT EXIST|NOT EXIST|NOT FOUND|INVALID)\b/i),
    kind: 'fatal',
    reason: 'configuration',
  },
  // A 2xx whose body is not JSON (a PHP warning, a cut-off answer): unknown outcome, safe to send again.
  { when: (f) => isStatus(200, 299)(f) && !f.json, kind: 'retry', reason: 'bad-answer' },
  // The documented success: HTTP 2xx and `code` 200 (number or string).
  { when: (f) => isStatus(200, 299)(f) && isEffective(200, 299)(f) && f.code !== undefined, kind: 'ok', reason: 'updated' },
  // Any other 4xx (record not found, unknown field, SOME PARAMETERS ARE REQUIRED, 412, 416, 417): about
  // this row's content. Sending it again would get the same answer and spend quota.
  { when: isEffective(400, 499), kind: 'row', reason: 'rejected' },
  // Anything else (JSON without a code, an unknown code): not understood; retried a bounded number of times.
  { when: () => true, kind: 'retry', reason: 'bad-answer' },
];

export function classify(facts: AnswerFacts): { kind: CallKind; reason: CallReason } {
  // The last rule matches everything, so a rule is always found.
  const rule = ANSWER_RULES.find((candidate) => candidate.when(facts)) as Rule;
  return { kind: rule.kind, reason: rule.reason };
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
