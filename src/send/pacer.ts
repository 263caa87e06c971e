import PQueue from 'p-queue';
import type { BackoffOptions, CallOutcome, CallReason, PoolPause } from '../core/types.js';
import { message } from '../core/say.js';
import { retryDelay } from './backoff.js';
import { createRateGate } from './rate-gate.js';
import type { JobEvent } from '../core/events.js';
import type { OnWritten } from '../api/client.js';

export interface PacerOptions {
  readonly concurrency: number;
  /** Calls per second at most. */
  readonly rate?: number;
  readonly backoff: BackoffOptions;
  readonly onEvent: (event: JobEvent) => void;
  /** Aborting it drops the calls still waiting for a slot. */
  readonly stopSignal: AbortSignal;
  /**
   * Sees every answer while its slot is still held, before the next call can start: a fatal or quota
   * answer stops the pool without one more call slipping out.
   */
  readonly onAnswer?: (outcome: CallOutcome, unit: UnitKind) => void;
}

/** What a call is for: one row (its answer is that row's), or a batch (its answer is about many rows). */
export type UnitKind = 'row' | 'batch';

export interface Pacer {
  /**
   * Runs one HTTP call when a slot (and the rate) allows; calls `ahead` (retries, a batch trying a bigger
   * size) go before the others. Resolves undefined when the call was not made: the pass stopped while it
   * waited, or `send` chose not to. `send` calls `onWritten` when its request is written to the socket: with
   * a rate, the call's place in the rate's window counts from then (rate-gate.ts says how).
   */
  call(send: (onWritten: OnWritten) => Promise<CallOutcome | undefined>, ahead: boolean, unit?: UnitKind): Promise<CallOutcome | undefined>;
  /**
   * Does what a pause-class answer's rule says (`outcome.pause`): the whole pool waits, not just one row,
   * and may lower its concurrency. `failedAttempts`: the refused unit's pauses in a row so far. Any other
   * answer changes nothing.
   */
  slowDown(outcome: CallOutcome, failedAttempts: number): void;
  /** Holds every call not yet started until `release` (waiting for the quota reset). */
  hold(): void;
  release(): void;
  /** Calls in flight now. */
  readonly pending: number;
  readonly concurrency: number;
  onIdle(): Promise<void>;
  /** Clears a pending pause, so nothing of the pool outlives the send pass. */
  close(): void;
}

export function createPacer(options: PacerOptions): Pacer {
  // p-queue keeps the concurrency, the order (`ahead` first) and the pauses; the rate is the gate's. The
  // queue runs while neither a pause (or hold) nor a full window stops it: `sync` says which.
  const queue = new PQueue({ concurrency: options.concurrency });
  const gate = options.rate === undefined ? undefined : createRateGate({ rate: options.rate });
  let paused = false;
  let resumeAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let gateTimer: NodeJS.Timeout | undefined;
  const sync = () => {
    clearTimeout(gateTimer);
    if (options.stopSignal.aborted) return;
    const full = gate !== undefined && !gate.hasRoom();
    if (!paused && !full) return queue.start();
    queue.pause();
    if (paused || gate === undefined) return;
    // Full: look again when the oldest call counted leaves the window, at once if it left since `hasRoom`
    // (the clock moves: a queue left paused with no look to come ended the CLI with exit 13). Not unref'd,
    // for the reason the pause's timer is not. A window held only by calls not yet written frees when one
    // is written or ends, which calls `sync` again.
    const freesIn = gate.freesIn();
    if (freesIn !== undefined) gateTimer = setTimeout(sync, freesIn);
  };
  let lastLowered = 0;
  // Answers of each reason whose rule waits by `streak`, in a row (any row), since the last success.
  const streaks = new Map<CallReason, number>();

  // How long the pool waits on a pause answer: the rule's fixed time, or full-jitter backoff over the count
  // its rule names; Retry-After is a floor either way.
  const pauseMs = (action: PoolPause, outcome: CallOutcome, failedAttempts: number) => {
    if (typeof action.wait === 'object') return Math.max(action.wait.ms, outcome.retryAfterMs ?? 0);
    const count = action.wait === 'streak' ? (streaks.get(outcome.reason) ?? 1) : failedAttempts;
    return retryDelay(count, outcome.retryAfterMs, options.backoff);
  };
  const pauseFor = (ms: number, reason: CallReason) => {
    const until = Date.now() + ms;
    if (until <= resumeAt) return;
    resumeAt = until;
    paused = true;
    sync();
    clearTimeout(timer);
    // Not unref'd: when every row waits on the pause, this timer is all that keeps a CLI process alive
    // (an unref'd one let Node exit mid-job with code 13). `close` clears it when the pass ends.
    timer = setTimeout(() => {
      resumeAt = 0;
      paused = false;
      sync();
    }, ms);
    options.onEvent({ type: 'pause', ms, reason, said: message('send.pause', { reason }) });
  };
  // Calls waiting for a slot. On stop they are rejected and dropped; calls already running are left to
  // finish (p-queue's own `signal` would also abandon running ones, whose answers we must keep).
  const waiting = new Set<(outcome: undefined) => void>();
  options.stopSignal.addEventListener('abort', () => {
    clearTimeout(timer);
    clearTimeout(gateTimer);
    queue.clear();
    for (const drop of waiting) drop(undefined);
    waiting.clear();
  }, { once: true });

  return {
    call: (send, ahead, unit = 'row') =>
      new Promise<CallOutcome | undefined>((resolve, reject) => {
        if (options.stopSignal.aborted) return resolve(undefined);
        waiting.add(resolve);
        void queue.add(async () => {
          if (!waiting.delete(resolve)) return; // dropped by a stop meanwhile
          // Taken as the call starts, before p-queue may start another in the same turn: the queue stops
          // at once when this call fills the window.
          const slot = gate?.take();
          sync();
          let made = false;
          const onWritten: OnWritten = (reusedConnection) => {
            slot?.written(reusedConnection);
            sync();
          };
          try {
            const outcome = await send(onWritten);
            made = outcome !== undefined;
            if (outcome?.pause?.wait === 'streak') streaks.set(outcome.reason, (streaks.get(outcome.reason) ?? 0) + 1);
            else if (outcome?.kind === 'ok') streaks.clear();
            if (outcome) options.onAnswer?.(outcome, unit);
            resolve(outcome);
            // The slot is freed once the microtasks that follow have run: the caller records the answer's
            // outcome in them, so the next call's begin line (written at once) writes it too. Freed at once,
            // a kill right after the next call left would leave an answered call unfinished in the journal,
            // one unit more to send again than the calls in flight. A tick queued from a microtask runs
            // only when the microtask queue is empty; not setImmediate, which also waited for every other
            // answer of the same turn to be taken in (two answers back together sent their next calls
            // only after both).
            if (outcome) await new Promise((next) => process.nextTick(next));
          } catch (error) {
            made = true;
            reject(error);
          } finally {
            // A call never written counts from its end (it may have reached the server); one not made at all
            // (`send` chose not to) gives its place back.
            slot?.ended(made);
            sync();
          }
        }, { priority: ahead ? 1 : 0 });
      }),
    slowDown(outcome, failedAttempts) {
      // The rule's action, never the reason's name: a pause rule added to the table is honoured as it says.
      const action = outcome.pause;
      if (action === undefined) return;
      if (action.lowerConcurrency) {
        const now = Date.now();
        if (queue.concurrency > 1 && now - lastLowered > 1000) {
          lastLowered = now;
          const from = queue.concurrency;
          queue.concurrency = from - 1;
          options.onEvent({ type: 'concurrency', from, to: from - 1 });
        }
      }
      pauseFor(pauseMs(action, outcome, failedAttempts), outcome.reason);
    },
    hold() {
      clearTimeout(timer);
      resumeAt = Number.POSITIVE_INFINITY;
      paused = true;
      sync();
    },
    release() {
      resumeAt = 0;
      paused = false;
      sync();
    },
    get pending() {
      return queue.pending;
    },
    get concurrency() {
      return queue.concurrency;
    },
    onIdle: () => queue.onIdle(),
    close() {
      clearTimeout(timer);
      clearTimeout(gateTimer);
    },
  };
}
