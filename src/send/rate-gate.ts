// The rate: how many calls may be in the rate's window now. A call's place in the window is counted from
// the moment its request was written to the socket, the nearest the client can see to when the CRM counts
// it (when it arrives), not from when the call started: a cold call (a new connection, its TLS handshake,
// code run for the first time) leaves hundreds of milliseconds after it started, and counted from its start
// it left the next window's calls, on time, to find the CRM's window still full of it.

// A sliding window a little longer than a second, so the server's own window (whose clock starts when a
// call arrives, not when it leaves) never sees more than the rate.
export const RATE_WINDOW_MS = 1020;

export interface RateGateOptions {
  /** Calls per second at most; fractional (0.5, 2.5) allowed. */
  readonly rate: number;
  /** The clock, in milliseconds (monotonic); a test gives its own. */
  readonly now?: () => number;
}

/** One call's place in the window. */
export interface RateSlot {
  /**
   * Its request was written to the socket: the place is free again one window after now. On a connection
   * it opened itself (`reusedConnection` false), the call stays in the window until it ends and counts from
   * then: the server's own work for a new connection (accepting it, its TLS, its first request) may count
   * the call later still, unseen here, and its answer is the latest it can have arrived.
   */
  written(reusedConnection: boolean): void;
  /**
   * The call ended. Never written (the connection refused, aborted or timed out first): it counts from now,
   * as it may have reached the server after all. `made: false`: no request was made; the place is given back.
   */
  ended(made: boolean): void;
}

export interface RateGate {
  /** Whether a call may start now. */
  hasRoom(): boolean;
  /** Takes a place for a call that starts now (the caller asked `hasRoom`). */
  take(): RateSlot;
  /**
   * Milliseconds until the call counted longest ago leaves the window (0 when it has); undefined when no
   * call is counted, so only a call being written (or ending) can free a place.
   */
  freesIn(): number | undefined;
}

// A whole rate is that many places per (a little over) a second; a fractional one (0.5/s, 2.5/s) is one
// place per 1/rate of that window, as a whole count of milliseconds.
function windowOf(rate: number): { places: number; spanMs: number } {
  return Number.isInteger(rate) ? { places: rate, spanMs: RATE_WINDOW_MS } : { places: 1, spanMs: Math.ceil(RATE_WINDOW_MS / rate) };
}

export function createRateGate(options: RateGateOptions): RateGate {
  const { places, spanMs } = windowOf(options.rate);
  const now = options.now ?? (() => performance.now());
  // Calls in the window: started and not yet written (in it until written), and written or ended at a time
  // (in it until that time plus the span).
  let unwritten = 0;
  let counted: number[] = [];
  const prune = () => {
    const at = now();
    if (counted.some((time) => at - time >= spanMs)) counted = counted.filter((time) => at - time < spanMs);
  };
  const hasRoom = () => {
    prune();
    return unwritten + counted.length < places;
  };
  return {
    hasRoom,
    take() {
      unwritten += 1;
      let settled = false;
      const settle = (count: boolean) => {
        if (settled) return;
        settled = true;
        unwritten -= 1;
        if (count) counted.push(now());
      };
      return {
        written: (reusedConnection) => {
          if (reusedConnection) settle(true);
        },
        ended: (made) => settle(made),
      };
    },
    freesIn() {
      if (counted.length === 0) return undefined;
      return Math.max(0, Math.min(...counted) + spanMs - now());
    },
  };
}
