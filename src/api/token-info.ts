import type { CallOutcome, TokenInfo } from '../core/types.js';

export interface TokenInfoResult {
  readonly outcome: CallOutcome;
  /** Present when the call succeeded and the body had the documented fields. */
  readonly info?: TokenInfo;
  /** Calls that reached the CRM: 2 when the first HTTP method was refused as an unknown route. */
  readonly calls: number;
}

export type TokenInfoMethod = 'POST' | 'GET';

type Call = (method: TokenInfoMethod, operation: string, signal: AbortSignal | undefined) => Promise<{ outcome: CallOutcome; body: string }>;

// The English API page says GET; the official Postman collection and the help center say POST, and
// which one the live CRM takes is not published. POST goes first (the collection is what integrators
// copy); the other is tried once when the CRM answers as if the route did not exist.
const FIRST: TokenInfoMethod = 'POST';

/** A 404/405, or the CRM's own "no such API" answer: the method (or path) is not one the CRM serves. */
export function isUnknownRoute(outcome: CallOutcome): boolean {
  return outcome.status === 404 || outcome.status === 405 || /API YOU WANT TO CONSULT DOES NOT EXIST/i.test(outcome.message);
}

/**
 * `tokenInformation.php` with the method that works, found once per client: the fallback is tried at most
 * once, and the method that answered is kept for the client's life (one run).
 */
export function createTokenInfoReader(call: Call) {
  let method = FIRST;
  let settled = false;
  const reached = (outcome: CallOutcome) => (outcome.unreached ? 0 : 1);
  return async (operation: string, signal?: AbortSignal): Promise<TokenInfoResult> => {
    let { outcome, body } = await call(method, operation, signal);
    let calls = reached(outcome);
    if (!settled && isUnknownRoute(outcome)) {
      const other: TokenInfoMethod = method === 'POST' ? 'GET' : 'POST';
      const second = await call(other, operation, signal);
      calls += reached(second.outcome);
      if (!isUnknownRoute(second.outcome)) {
        method = other;
        ({ outcome, body } = second);
      }
    }
    // Once either method got an answer other than "no such route", there is nothing left to find out.
    if (!outcome.unreached) settled = true;
    const info = outcome.kind === 'ok' ? readTokenInfo(body) : undefined;
    return info ? { outcome, info, calls } : { outcome, calls };
  };
}

/** The documented figures of a tokenInformation answer, or undefined when one is missing. */
export function readTokenInfo(body: string): TokenInfo | undefined {
  try {
    const parsed = JSON.parse(body) as { data?: unknown };
    // Other endpoints wrap their records in an array: take the first one if this one does too.
    const data = (Array.isArray(parsed.data) ? parsed.data[0] : parsed.data) as Record<string, unknown> | undefined;
    if (data === undefined || data === null || typeof data !== 'object') return undefined;
    const info = {
      limit: readNumber(data.token_limit),
      usedToday: readNumber(data.token_use_today),
      // The API spells it "consumition".
      available: readNumber(data.available_consumition_options),
      hoursToReset: readNumber(data.hours_to_restart_count),
    };
    return Object.values(info).every(Number.isFinite) ? info : undefined;
  } catch {
    return undefined;
  }
}

// Numbers may come as JSON numbers or as text ("15", "14,5" with a decimal comma, " 15 ").
function readNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || !/^\s*\d+([.,]\d+)?\s*$/.test(value)) return Number.NaN;
  return Number(value.trim().replace(',', '.'));
}
