/** Why the simulated server did not apply a call. */
export type RefusalKind =
  | 'route'
  | 'noToken'
  | 'badToken'
  | 'quota'
  | 'concurrency'
  | 'rate'
  | 'maintenance'
  | 'serverError'
  | 'reset'
  | 'bodyError'
  | 'parameters'
  | 'operation'
  | 'module'
  | 'notFound'
  | 'field';

export interface MockStats {
  /** Every request received, whatever the answer. */
  calls: number;
  updateCalls: number;
  tokenInfoCalls: number;
  /** Updates applied (the ledger's length). */
  applied: number;
  /** Applied updates whose answer was then lost (bad JSON body or a hung socket). */
  appliedUnanswered: number;
  /** Applied updates whose answer was then sent slowly, a byte at a time (the `drip` fault). */
  dripped: number;
  refused: Record<RefusalKind, number>;
  /** Requests in flight now, over all tokens. */
  inFlight: number;
  /** The most requests in flight at once that the server saw, refused ones included. */
  maxInFlight: number;
}

export const newStats = (): MockStats => ({
  calls: 0,
  updateCalls: 0,
  tokenInfoCalls: 0,
  applied: 0,
  appliedUnanswered: 0,
  dripped: 0,
  refused: {
    route: 0, noToken: 0, badToken: 0, quota: 0, concurrency: 0, rate: 0, maintenance: 0, serverError: 0,
    reset: 0, bodyError: 0, parameters: 0, operation: 0, module: 0, notFound: 0, field: 0,
  },
  inFlight: 0,
  maxInFlight: 0,
});
