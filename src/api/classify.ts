import type { CallKind, CallOutcome, CallReason, PoolPause } from '../core/types.js';

/** What the client could read off one answer (or failure), before deciding anything. */
export interface AnswerFacts {
  /** HTTP status; undefined when no answer came. */
  readonly httpStatus?: number;
  /** Kind of transport failure when no answer came. */
  readonly network?: NetworkFailure;
  /** Whether the body parsed as a JSON object. */
  readonly json: boolean;
  /** The body's `code` as a number, when it has a numeric one (`200` and `"200"` both count). */
  readonly apiCode?: number;
  /** The body's `msg`, an HTML page's title, or the transport error text. */
  readonly message: string;
  /** The call was a read (query.php, queryDates.php): its success is `read`, not `updated`. */
  readonly read?: boolean;
  /** For a read: how many records the body holds, when it holds a list of them (a bare array or `data`). */
  readonly records?: number;
}

export type NetworkFailure = 'timeout' | 'reset' | 'refused' | 'dns' | 'dns-temporary' | 'unreachable' | 'tls' | 'other';

/** One line of the policy: when it matches, what the answer is, and for a pause what the whole pool does. */
export type Rule = {
  readonly when: (facts: AnswerFacts) => boolean;
  readonly reason: CallReason;
} & ({ readonly kind: Exclude<CallKind, 'pause'> } | { readonly kind: 'pause'; readonly pause: PoolPause });

/** What the table says of an answer: its class and reason, and on a pause the pool's action. */
export type Classified = Pick<CallOutcome, 'kind' | 'reason' | 'pause'>;

const says = (pattern: RegExp) => (facts: AnswerFacts) => pattern.test(facts.message);
// How a CRM or the proxy in front of it might say a batch is too big: "TOO MANY RECORDS" (the simulated
// CRM's stand-in), "Request Entity Too Large", "Payload Too Large", "maximum 100 records", PHP's "POST
// Content-Length of … exceeds the limit". Not "TOO MANY REQUESTS" (that is 429, a rate).
const TOO_LARGE = /TOO MANY (RECORDS|ROWS|ITEMS|ELEMENTS)|\bTOO (LARGE|BIG)\b|PAYLOAD.*\b(LARGE|BIG|SIZE|LIMIT)\b|\b(BODY|REQUEST|POST) SIZE\b|CONTENT-LENGTH.*\bEXCEEDS\b|\bMAX(IMUM)?\b.*\bRECORDS\b/i;
const isStatus = (low: number, high: number) => (facts: AnswerFacts) =>
  facts.httpStatus !== undefined && facts.httpStatus >= low && facts.httpStatus <= high;
// Errors may come as real HTTP statuses or as HTTP 200 with the status in the body's `code`:
// integrations in the wild check both, and so does this table.
const effective = (facts: AnswerFacts): number | undefined =>
  facts.json && facts.apiCode !== undefined ? facts.apiCode : facts.httpStatus;
const isEffective = (low: number, high: number) => (facts: AnswerFacts) => {
  const value = effective(facts);
  return value !== undefined && value >= low && value <= high;
};

/**
 * The answer policy, the one place that says what each answer means for the job: `ok` (`updated`, or a
 * read's records: `read`); `retry` (this call, with backoff, using up the row's retries); `pause` (the
 * whole pool waits as the rule's `pause` says, and the row's retries are kept: the CRM as a whole said
 * "not now"; the pacer reads the wait from the answer, never its reason); `row` (about what
 * was sent: this row's final failure, or for a batch `too-large` or a record the batch must be narrowed
 * down to); `fatal` (stop the job); `quota` (wait for the reset or stop, resumable). First matching rule
 * wins. Documented texts come before statuses because the CRM sends some of them with an unexpected
 * status (403 for both a bad token and the quota).
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
  // Someone else uses the token too, or the CRM counts differently: fewer at once from now on, and a wait
  // that grows with the unit's refusals in a row.
  { when: says(/LIMIT OF SIMULTANEOUS REQUESTS/i), kind: 'pause', reason: 'over-concurrency', pause: { wait: 'attempts', lowerConcurrency: true } },
  // 401 PLEASE ENTER THE WOLKVOX-TOKEN / 403 PLEASE VALIDATE TOKEN: no call will work with this token.
  { when: says(/PLEASE (ENTER|VALIDATE) (THE )?(WOLKVOX-)?TOKEN/i), kind: 'fatal', reason: 'auth' },
  // 400 THE API YOU WANT TO CONSULT DOES NOT EXIST: wrong server or path.
  { when: says(/API YOU WANT TO CONSULT DOES NOT EXIST/i), kind: 'fatal', reason: 'endpoint' },
  // 429: per-IP or per-token rate limit; Retry-After says when (a floor under the unit's backoff).
  { when: isEffective(429, 429), kind: 'pause', reason: 'rate-limited', pause: { wait: 'attempts' } },
  // 401 with any other text is still an authentication failure.
  { when: isEffective(401, 401), kind: 'fatal', reason: 'auth' },
  // A 403 that is not JSON is the HTML page shown during maintenance and backup windows. The whole CRM
  // is away: the wait grows with each such page in a row from any row, not with one row's tries.
  { when: (f) => f.httpStatus === 403 && !f.json, kind: 'pause', reason: 'maintenance', pause: { wait: 'streak' } },
  // 5xx from the CRM or from the proxies in front of it (often HTML), and 408 request timeout.
  { when: (f) => isEffective(500, 599)(f) || isEffective(408, 408)(f), kind: 'retry', reason: 'server-error' },
  // A redirect means the URL is not the API (a login page, http to https); following it could leak the token.
  { when: isStatus(300, 399), kind: 'fatal', reason: 'redirect' },
  // 413 with any body (a proxy's HTML page, the CRM's JSON): the batch is too big. The same records in
  // smaller calls may pass, so it is not any one row's failure.
  { when: isEffective(413, 413), kind: 'row', reason: 'too-large' },
  // Another 4xx whose text says the batch is too big (400 TOO MANY RECORDS). After the documented texts,
  // which win whatever else a message says.
  { when: (f) => isEffective(400, 499)(f) && says(TOO_LARGE)(f), kind: 'row', reason: 'too-large' },
  // An HTML 404/405 page: the host answers, but this is not the wolkvox API.
  { when: (f) => (f.httpStatus === 404 || f.httpStatus === 405) && !f.json, kind: 'fatal', reason: 'endpoint' },
  // An unknown operation or module: every row would get the same answer.
  {
    when: says(/\b(OPERATION|MODULE)\b.*\b(DOES NOT EXIST|NOT EXIST|NOT FOUND|INVALID)\b/i),
    kind: 'fatal',
    reason: 'configuration',
  },
  // A read's records under HTTP 2xx: a bare JSON array (queryDates.php's published example has no
  // code/msg), or `data` under a 2xx `code` (query.php's). Before the next rule: a bare array is not an
  // object, and for an update it would be a body not understood.
  {
    when: (f) => f.read === true && f.records !== undefined && isStatus(200, 299)(f) && (!f.json || (f.apiCode !== undefined && isEffective(200, 299)(f))),
    kind: 'ok',
    reason: 'read',
  },
  // A 2xx whose body is not JSON (a PHP warning, a cut-off answer): unknown outcome, safe to send again.
  { when: (f) => isStatus(200, 299)(f) && !f.json, kind: 'retry', reason: 'bad-answer' },
  // The documented success of an update: HTTP 2xx and `code` 200 (number or string). A read with a
  // success code but no list of records is not understood (the last rule).
  { when: (f) => f.read !== true && isStatus(200, 299)(f) && isEffective(200, 299)(f) && f.apiCode !== undefined, kind: 'ok', reason: 'updated' },
  // Any other 4xx (record not found, unknown field, SOME PARAMETERS ARE REQUIRED, 412, 416, 417): about
  // this row's content. Sending it again would get the same answer and spend quota.
  { when: isEffective(400, 499), kind: 'row', reason: 'rejected' },
  // Anything else (JSON without a code, an unknown code): not understood; retried a bounded number of times.
  { when: () => true, kind: 'retry', reason: 'bad-answer' },
];

/**
 * Whether an answer leaves it possible that the CRM applied what the call sent, by reason: `yes` (it
 * says so), `maybe` (no answer came, or none that could be read: the CRM may have applied it before
 * the answer was lost), `batch` (a refusal of a whole updateMany.php call, which a CRM may send after
 * applying the other records), `no` (refused before anything was done, or a read).
 */
const APPLIED: Readonly<Record<CallReason, 'yes' | 'maybe' | 'batch' | 'no'>> = {
  updated: 'yes',
  // No complete answer in time: the CRM may have applied it and been slow to say so.
  timeout: 'maybe',
  // A reset or broken connection may come after the request was read and applied.
  network: 'maybe',
  // 5xx: the CRM or the proxy in front of it did not process the request (a proxy's 504 could come after
  // the CRM took it; the tool treats a 5xx as not applied, as it retries it).
  'server-error': 'no',
  // A 2xx body that is not JSON (a PHP warning, a cut answer): most likely applied, then garbled.
  'bad-answer': 'maybe',
  // A record refused: for update.php that record was not applied; for updateMany.php, the others may have been.
  rejected: 'batch',
  read: 'no',
  'rate-limited': 'no',
  'over-concurrency': 'no',
  maintenance: 'no',
  'too-large': 'no',
  auth: 'no',
  endpoint: 'no',
  redirect: 'no',
  configuration: 'no',
  quota: 'no',
};

/** Whether the CRM may have applied what the call sent (`batch`: an updateMany.php call). See APPLIED. */
export function mayHaveApplied(outcome: Pick<CallOutcome, 'reason' | 'unreached'>, batch: boolean): boolean {
  if (outcome.unreached) return false;
  const applied = APPLIED[outcome.reason];
  return applied === 'yes' || applied === 'maybe' || (applied === 'batch' && batch);
}

/** The first rule of `rules` (the answer policy unless a test gives another) that matches the answer. */
export function classify(facts: AnswerFacts, rules: readonly Rule[] = ANSWER_RULES): Classified {
  // The last rule matches everything, so a rule is always found.
  const rule = rules.find((candidate) => candidate.when(facts)) as Rule;
  return rule.kind === 'pause' ? { kind: rule.kind, reason: rule.reason, pause: rule.pause } : { kind: rule.kind, reason: rule.reason };
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
