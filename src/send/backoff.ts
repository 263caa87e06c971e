/** Backoff settings: exponential growth from `baseMs`, never above `capMs`. */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 60_000 };

/**
 * "Full jitter": a uniform wait between 0 and base·2^(n-1), capped. Spreads the retries of many rows
 * over time instead of sending them back together (the AWS architecture blog's comparison of schemes).
 * A server's Retry-After is a floor: never come back sooner than asked.
 */
export function retryDelay(failedAttempts: number, retryAfterMs: number | undefined, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, failedAttempts - 1));
  const jittered = Math.round(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}
