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
  | 'requestTimeout'
  | 'reset'
  | 'bodyError'
  | 'parameters'
  | 'operation'
  | 'module'
  | 'notFound'
  | 'field'
  /** An updateMany.php call over `maxRecords`. */
  | 'tooMany';

export interface MockStats {
  /** Every request received, whatever the answer. */
  calls: number;
  /** Calls per endpoint that got past the token, quota, concurrency and rate checks. */
  updateCalls: number;
  updateManyCalls: number;
  queryCalls: number;
  queryDatesCalls: number;
  tokenInfoCalls: number;
  /** Records applied, by update.php and updateMany.php (the ledger's length). */
  applied: number;
  /** Applied records whose answer was then lost (bad JSON body or a hung socket). */
  appliedUnanswered: number;
  /** Calls whose answer was sent slowly, a byte at a time (the `drip` fault). */
  dripped: number;
  /** Bad records an updateMany.php call left out (`badRecord: 'skip'`, or the others applied before a refusal). */
  skippedRecords: number;
  /** Records counted as applied by an updateMany.php answer but not applied (`silentSkip`). */
  silentlySkipped: number;
  /** updateMany.php calls over `hangAbove` records, never answered. */
  hungBatches: number;
  refused: Record<RefusalKind, number>;
  /** Requests in flight now, over all tokens. */
  inFlight: number;
  /** The most requests in flight at once that the server saw, refused ones included. */
  maxInFlight: number;
}

export const newStats = (): MockStats => ({
  calls: 0,
  updateCalls: 0,
  updateManyCalls: 0,
  queryCalls: 0,
  queryDatesCalls: 0,
  tokenInfoCalls: 0,
  applied: 0,
  appliedUnanswered: 0,
  dripped: 0,
  skippedRecords: 0,
  silentlySkipped: 0,
  hungBatches: 0,
  refused: {
    route: 0, noToken: 0, badToken: 0, quota: 0, concurrency: 0, rate: 0, maintenance: 0, serverError: 0, requestTimeout: 0,
    reset: 0, bodyError: 0, parameters: 0, operation: 0, module: 0, notFound: 0, field: 0, tooMany: 0,
  },
  inFlight: 0,
  maxInFlight: 0,
});
