import type { TokenInfo } from '../core/types.js';

// When a job needs more than today's quota: how many quota days it spans and about when it ends, going on
// after each reset (--wait-for-quota, or a resume each day), with the reserve kept every day.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Units a job sends a second when nothing measured says otherwise: two calls in flight (the CRM's limit per
 * token), about half a second each on a real CRM. Only the last day's share depends on it; the resets decide the rest.
 */
export const NOMINAL_CALLS_PER_SECOND = 4;

export interface QuotaForecast {
  /** Quota days the job spans: today (when some is left for it) and each day after a reset. */
  readonly days: number;
  /** Units the job may use on a whole day: the limit less the reserve. */
  readonly perDay: number;
  readonly endsAt: Date;
  /** Whole days from now to the end. */
  readonly daysAhead: number;
}

export interface ForecastInput {
  /** Quota units the job needs. */
  readonly units: number;
  readonly quota: TokenInfo;
  /** Units kept each day for other integrations (--reserve). */
  readonly reserve: number;
  readonly now: Date;
  /** Units the job spends a second while it may send. */
  readonly unitsPerSecond: number;
}

/** Undefined when today's quota (less the reserve) covers the job, or when the reserve leaves no day anything. */
export function forecastQuota(input: ForecastInput): QuotaForecast | undefined {
  const { units, quota, reserve, now } = input;
  const today = Math.max(0, quota.available - reserve);
  const perDay = quota.limit - reserve;
  if (units <= today || perDay <= 0) return undefined;
  const left = units - today;
  const laterDays = Math.ceil(left / perDay);
  const lastDay = left - (laterDays - 1) * perDay;
  const resetAt = now.getTime() + quota.hoursToReset * HOUR_MS;
  const endsAt = new Date(resetAt + (laterDays - 1) * DAY_MS + (lastDay / Math.max(input.unitsPerSecond, 1e-6)) * 1000);
  return { days: laterDays + (today > 0 ? 1 : 0), perDay, endsAt, daysAhead: Math.floor((endsAt.getTime() - now.getTime()) / DAY_MS) };
}
