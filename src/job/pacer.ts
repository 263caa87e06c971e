import PQueue from 'p-queue';
import type { CallOutcome } from '../types.js';
import { retryDelay, type BackoffOptions } from './backoff.js';
import type { JobEvent } from './events.js';

export interface PacerOptions {
  readonly concurrency: number;
  /** Calls per second at most. */
  readonly rate?: number;
  readonly backoff: BackoffOptions;
  readonly onEvent: (event: JobEvent) => void;
  /** Aborting it drops the calls still waiting for a slot. */
  readonly stopSignal: AbortSignal;
}

export interface Pacer {
  /** Runs one HTTP call when a slot (and the rate) allows; retries go before first attempts. */
  call<T>(send: () => Promise<T>, isRetry: boolean): Promise<T>;
  /** Reacts to a pacing refusal (429, over-concurrency): the whole pool waits, not just one row. */
  slowDown(outcome: CallOutcome, failedAttempts: number): void;
  /** Calls in flight now. */
  readonly pending: number;
  readonly concurrency: number;
  onIdle(): Promise<void>;
}

// A sliding window a little longer than a second, so the server's own window (whose clock starts when a
// call arrives, not when it leaves) never sees more than the rate.
const RATE_WINDOW_MS = 1020;

export function createPacer(options: PacerOptions): Pacer {
  const queue = new PQueue({
    concurrency: options.concurrency,
    ...(options.rate === undefined ? {} : { intervalCap: options.rate, interval: RATE_WINDOW_MS, strict: true }),
  });
  let resumeAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let lastLowered = 0;

  const pauseFor = (ms: number, reason: string) => {
    const until = Date.now() + ms;
    if (until <= resumeAt) return;
    resumeAt = until;
    queue.pause();
    clearTimeout(timer);
    timer = setTimeout(() => {
      resumeAt = 0;
      if (!options.stopSignal.aborted) queue.start();
    }, ms);
    timer.unref();
    options.onEvent({ type: 'pause', ms, reason });
  };
  options.stopSignal.addEventListener('abort', () => {
    clearTimeout(timer);
    queue.clear();
  }, { once: true });

  return {
    call: (send, isRetry) => queue.add(send, { priority: isRetry ? 1 : 0, signal: options.stopSignal }),
    slowDown(outcome, failedAttempts) {
      if (outcome.reason === 'over-concurrency') {
        // Someone else uses the token too, or the CRM counts differently: the user's number is a ceiling.
        const now = Date.now();
        if (queue.concurrency > 1 && now - lastLowered > 1000) {
          lastLowered = now;
          const from = queue.concurrency;
          queue.concurrency = from - 1;
          options.onEvent({ type: 'concurrency', from, to: from - 1 });
        }
      }
      if (outcome.reason === 'over-concurrency' || outcome.reason === 'rate-limited') {
        pauseFor(retryDelay(failedAttempts, outcome.retryAfterMs, options.backoff), outcome.reason);
      }
    },
    get pending() {
      return queue.pending;
    },
    get concurrency() {
      return queue.concurrency;
    },
    onIdle: () => queue.onIdle(),
  };
}
