/**
 * Which rows of a session have their last result, so the reports can be written while the rows are
 * sent: a row the session does not send has it from the start; a row it sends, once the send pass has
 * recorded its last result; every row, once the pass has ended (a row it never reached is not sent, for
 * the reason the end gives). A bit a row; one waiter at a time, as the report reads the rows in order.
 */
export interface SettledRows {
  /** The send pass recorded the row's last result. */
  settle(ordinal: number): void;
  /** The pass ended: every row is settled. */
  end(): void;
  /** The session failed: whoever waits gets `error` (the reports being written are then thrown away). */
  fail(error: unknown): void;
  /** Nothing when the row is settled; otherwise a promise settled with it (the common case costs no promise). */
  ready(ordinal: number): Promise<void> | undefined;
  /** Settled when the pass has ended (a report commits only then), or failed. */
  ended(): Promise<void>;
}

export function createSettledRows(size: number, sends: (ordinal: number) => boolean): SettledRows {
  const bits = new Uint32Array(Math.ceil(size / 32));
  const isSettled = (ordinal: number) => ((bits[ordinal >>> 5] ?? 0) & (1 << (ordinal & 31))) !== 0;
  let ended = false;
  let failure: { readonly error: unknown } | undefined;
  let waiter: { readonly ordinal: number; readonly resolve: () => void; readonly reject: (error: unknown) => void } | undefined;
  let ending: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const endedPromise = new Promise<void>((resolve, reject) => {
    ending = { resolve, reject };
  });
  // Nobody may be waiting on it when the session fails.
  endedPromise.catch(() => undefined);
  const wake = () => {
    const woken = waiter;
    waiter = undefined;
    if (woken && failure) woken.reject(failure.error);
    else woken?.resolve();
  };
  // Only a waiter whose row is settled (one woken meanwhile may wait for another row by then).
  const wakeIfSettled = () => {
    if (waiter !== undefined && isSettled(waiter.ordinal)) wake();
  };
  return {
    settle(ordinal) {
      bits[ordinal >>> 5] = (bits[ordinal >>> 5] ?? 0) | (1 << (ordinal & 31));
      // Woken after the turn, not at once: the rows are settled in the microtasks after an answer, before
      // the pacer lets the next call go; the report's work then would delay that call.
      if (waiter?.ordinal === ordinal) setImmediate(wakeIfSettled);
    },
    end() {
      ended = true;
      wake();
      ending?.resolve();
    },
    fail(error) {
      failure ??= { error };
      wake();
      ending?.reject(error);
    },
    ready(ordinal) {
      if (failure) return Promise.reject(failure.error);
      if (ended || isSettled(ordinal) || !sends(ordinal)) return undefined;
      return new Promise<void>((resolve, reject) => {
        waiter = { ordinal, resolve, reject };
      });
    },
    ended: () => endedPromise,
  };
}
