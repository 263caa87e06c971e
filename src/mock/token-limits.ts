// The per-token limits: the daily quota and the calls-per-second window.
import type { ResolvedMockOptions } from './options.js';

/** Each token's quota units used today; restarted every `quotaResetMs` when set, or on demand. */
export class QuotaCount {
  readonly #used: Map<string, number>;
  readonly #config: ResolvedMockOptions;
  #started = Date.now();

  constructor(config: ResolvedMockOptions) {
    this.#config = config;
    this.#used = new Map(config.tokens.map((token) => [token, config.usedToday]));
  }

  /** Whether the server accepts this token. */
  knows(token: string): boolean {
    return this.#used.has(token);
  }

  used(token: string): number {
    return this.#used.get(token) ?? 0;
  }

  /** Spends `units` if they fit under the quota; false, spending nothing, if they do not. */
  spend(token: string, units: number): boolean {
    this.#restartIfDue();
    if (this.used(token) + units > this.#config.quota) return false;
    this.#used.set(token, this.used(token) + units);
    return true;
  }

  restart(): void {
    this.#started = Date.now();
    for (const token of this.#used.keys()) this.#used.set(token, 0);
  }

  hoursToReset(): number {
    const every = this.#config.quotaResetMs;
    return every === undefined ? this.#config.hoursToReset : Math.max(0, every - (Date.now() - this.#started)) / 3_600_000;
  }

  #restartIfDue(): void {
    const every = this.#config.quotaResetMs;
    if (every !== undefined && Date.now() - this.#started >= every) this.restart();
  }
}

/** A sliding one-second window per token: false when `limit` calls came in the last second. */
export function admitRate(recent: Map<string, number[]>, token: string, limit: number): boolean {
  const now = performance.now();
  const times = (recent.get(token) ?? []).filter((time) => now - time < 1000);
  recent.set(token, times);
  if (times.length >= limit) return false;
  times.push(now);
  return true;
}
