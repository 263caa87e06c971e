import { setMaxListeners } from 'node:events';
import type { JobEvent } from '../core/events.js';
import { say, type Message } from '../core/say.js';
import type { CallReason, Logger, StopReason } from '../core/types.js';

// A later stop replaces the recorded reason only when it is more serious: a canary or a call budget
// that ends the pass is less than an interrupt, the quota or a full disk, which are less than an answer
// that says the job cannot work at all.
const SEVERITY: Readonly<Record<StopReason, number>> = {
  limit: 0,
  'max-calls': 0,
  interrupted: 1,
  quota: 1,
  'write-failed': 1,
  'failure-rate': 2,
  fatal: 2,
};

/** The one way a send pass stops: no new calls, calls waiting for a slot dropped, calls in flight finish. */
export interface Stopper {
  /** Aborted at the first stop: waiting calls and backoff sleeps listen to it. */
  readonly signal: AbortSignal;
  readonly stopped: boolean;
  readonly reason?: StopReason;
  /** Why, for a person (worded in their language by the skin); its English is the log's and summary.json's. */
  readonly said?: Message;
  /** With a fatal stop: the kind of answer behind it. */
  readonly fatalReason?: CallReason;
  stop(reason: StopReason, said: Message, fatalReason?: CallReason): void;
}

export function createStopper(onEvent: (event: JobEvent) => void, logger?: Logger): Stopper {
  const controller = new AbortController();
  // Every queued call and backoff sleep listens to it: thousands of listeners are expected, not a leak.
  setMaxListeners(0, controller.signal);
  let reason: StopReason | undefined;
  let message: Message | undefined;
  let fatalReason: CallReason | undefined;
  return {
    signal: controller.signal,
    get stopped() {
      return controller.signal.aborted;
    },
    get reason() {
      return reason;
    },
    get said() {
      return message;
    },
    get fatalReason() {
      return fatalReason;
    },
    stop(next, said, cause) {
      if (reason !== undefined && SEVERITY[next] <= SEVERITY[reason]) return;
      reason = next;
      message = said;
      if (cause !== undefined) fatalReason = cause;
      const text = say(said, 'en');
      onEvent({ type: 'stopping', reason: next, message: text, said });
      logger?.warn({ reason: next }, text);
      controller.abort();
    },
  };
}
