import { classify } from '../../src/api/classify.js';
import type { CallOutcome } from '../../src/core/types.js';

// A pause answer's class, reason and pool action, as the answer table gives them for this status and text.
const pauseOf = (httpStatus: number, message: string, json = true) => classify({ httpStatus, json, ...(json ? { apiCode: httpStatus } : {}), message });

// CallOutcome values as the client would give them, for unit tests of the send stage's decisions.
export const OK: CallOutcome = { kind: 'ok', reason: 'updated', httpStatus: 200, apiCode: '200', message: 'SUCCESSFULLY UPDATED', ms: 1 };
export const NOT_FOUND: CallOutcome = { kind: 'row', reason: 'rejected', httpStatus: 404, apiCode: '404', message: 'RECORD NOT FOUND', ms: 1 };
export const BAD_TOKEN: CallOutcome = { kind: 'fatal', reason: 'auth', httpStatus: 403, apiCode: '403', message: 'PLEASE VALIDATE TOKEN', ms: 1 };
export const QUOTA: CallOutcome = { kind: 'quota', reason: 'quota', httpStatus: 403, apiCode: '403', message: 'TOKEN LIMIT EXCEEDED', ms: 1 };
export const UNAVAILABLE: CallOutcome = { kind: 'retry', reason: 'server-error', httpStatus: 503, message: 'Service Unavailable', ms: 1 };
export const TIMEOUT: CallOutcome = { kind: 'retry', reason: 'timeout', message: 'timeout of 60000ms exceeded', ms: 60_000 };
export const REFUSED_CONNECTION: CallOutcome = { kind: 'retry', reason: 'network', message: 'connect ECONNREFUSED 127.0.0.1:9', ms: 1, unreached: true };
export const TOO_FAST: CallOutcome = { ...pauseOf(429, 'TOO MANY REQUESTS'), httpStatus: 429, apiCode: '429', message: 'TOO MANY REQUESTS', ms: 1 };
export const TOO_MANY_AT_ONCE: CallOutcome = { ...pauseOf(403, 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)'), httpStatus: 403, apiCode: '403', message: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)', ms: 1 };
export const MAINTENANCE: CallOutcome = { ...pauseOf(403, 'Mantenimiento', false), httpStatus: 403, message: 'Mantenimiento', ms: 1 };

/** A promise settled from outside: a call that is "in flight" until the test says it answered. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}
