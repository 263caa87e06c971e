import type { ServerResponse } from 'node:http';
import type { RefusalKind } from './stats.js';

/** One request the simulated CRM received: when it arrived, where to, and what it was refused as. */
export interface LoggedCall {
  /** Its number among every request received, from 1. */
  readonly n: number;
  /** Milliseconds from the server's start to the request's arrival (a monotonic clock). */
  readonly at: number;
  /** The endpoint's path. */
  readonly path: string;
  /** Set when the server refused it (and so applied nothing). */
  refused?: RefusalKind;
}

/**
 * Every request in arrival order, so a test can see how a client spaced its calls (after a 429, a
 * maintenance page) from the server's side, without timing anything itself.
 */
export function createCallLog() {
  const started = performance.now();
  const calls: LoggedCall[] = [];
  const byResponse = new WeakMap<ServerResponse, LoggedCall>();
  return {
    calls: calls as readonly LoggedCall[],
    arrived(response: ServerResponse, path: string): void {
      const call: LoggedCall = { n: calls.length + 1, at: performance.now() - started, path };
      calls.push(call);
      byResponse.set(response, call);
    },
    refused(response: ServerResponse, kind: RefusalKind): void {
      const call = byResponse.get(response);
      if (call) call.refused = kind;
    },
  };
}
