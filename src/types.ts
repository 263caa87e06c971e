/**
 * The data types a row passes through, named once. Stages import them from here; `src/index.ts`
 * re-exports them for library users.
 */

/** Anything with pino's call shape; the library never sets up logging itself. */
export interface Logger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

/** How the client sorts an answer; the job decides what to do from this alone. */
export type CallKind =
  /** The record was updated. */
  | 'ok'
  /** Transient: the same call may succeed later (network, 5xx, 429, over-concurrency, maintenance). */
  | 'retry'
  /** This row cannot be applied as it is (record not found, bad field, missing parameters). */
  | 'row'
  /** Every call would fail the same way (token, URL, operation or module): stop the job. */
  | 'fatal'
  /** The token's daily quota is used up. */
  | 'quota';

/** Why an answer got its kind; also the key under which refused calls are counted. */
export type CallReason =
  | 'updated'
  | 'timeout'
  | 'network'
  | 'server-error'
  | 'rate-limited'
  | 'over-concurrency'
  | 'maintenance'
  | 'bad-answer'
  | 'rejected'
  | 'auth'
  | 'endpoint'
  | 'redirect'
  | 'configuration'
  | 'quota';

/** What one HTTP call came to: its class, and what the server said, kept for the report. */
export interface CallOutcome {
  readonly kind: CallKind;
  readonly reason: CallReason;
  /** HTTP status; absent when no answer came (network error, timeout). */
  readonly status?: number;
  /** The body's `code`, as sent (number or string). */
  readonly code?: string;
  /** The body's `msg`, an HTML page's title, or the network error. */
  readonly message: string;
  /** From a `Retry-After` header, in milliseconds. */
  readonly retryAfterMs?: number;
  /** Time from sending to the answer (or the failure). */
  readonly ms: number;
}

/** The token's daily budget, from `tokenInformation.php`. */
export interface TokenInfo {
  readonly limit: number;
  readonly usedToday: number;
  readonly available: number;
  readonly hoursToReset: number;
}
