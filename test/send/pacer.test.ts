import { message } from '../../src/core/say.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_RULES, classify, type AnswerFacts, type Rule } from '../../src/api/classify.js';
import type { JobEvent } from '../../src/core/events.js';
import type { CallOutcome } from '../../src/core/types.js';
import { createPacer, type PacerOptions } from '../../src/send/pacer.js';
import { until } from '../helpers.js';
import { deferred, MAINTENANCE, OK, REFUSED_CONNECTION, TOO_FAST, TOO_MANY_AT_ONCE, UNAVAILABLE } from './outcomes.js';

/** A pacer with tiny backoff; its events, and the controller standing in for the send pass's stop. */
function setup(options: Partial<PacerOptions> = {}) {
  const events: JobEvent[] = [];
  const stop = new AbortController();
  const pacer = createPacer({ concurrency: 2, backoff: { baseMs: 1, capMs: 1 }, onEvent: (event) => events.push(event), stopSignal: stop.signal, ...options });
  return { pacer, events, stop };
}

/** A call that records when it starts and answers when the test resolves it. */
function held(pacer: ReturnType<typeof createPacer>, started: string[], name: string, isRetry = false) {
  const answer = deferred<CallOutcome | undefined>();
  const result = pacer.call(async () => {
    started.push(name);
    return answer.promise;
  }, isRetry);
  return { result, answer };
}

/** A call that records when it starts and answers at once. */
const quick = (pacer: ReturnType<typeof createPacer>, started: string[], name: string, isRetry = false, outcome: CallOutcome | undefined = OK) =>
  pacer.call(async () => {
    started.push(name);
    return outcome;
  }, isRetry);

/** A few turns of the event loop: time for a call that should not start to start anyway. */
async function turns(count = 5): Promise<void> {
  for (let turn = 0; turn < count; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

// Only the pacer's own timers (its pauses) and clock are faked: the event loop's turns stay real.
const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('pacer: concurrency', () => {
  it('never runs more calls at once than its concurrency, and starts the next as one answers', async () => {
    const { pacer } = setup({ concurrency: 2 });
    const started: string[] = [];
    let inFlight = 0;
    let most = 0;
    const answers = Array.from({ length: 5 }, () => deferred<CallOutcome>());
    const results = answers.map((answer, index) =>
      pacer.call(async () => {
        started.push(`c${index}`);
        inFlight += 1;
        most = Math.max(most, inFlight);
        const outcome = await answer.promise;
        inFlight -= 1;
        return outcome;
      }, false),
    );
    await until(() => started.length === 2);
    await turns();
    expect(started).toEqual(['c0', 'c1']);
    expect(pacer.pending).toBe(2);
    answers[1]?.resolve(OK);
    await until(() => started.length === 3);
    await turns();
    expect(started).toEqual(['c0', 'c1', 'c2']);
    for (const answer of answers) answer.resolve(OK);
    expect(await Promise.all(results)).toEqual([OK, OK, OK, OK, OK]);
    expect(most).toBe(2);
    await pacer.onIdle();
    expect(pacer.pending).toBe(0);
  });

  it('sends retries before first attempts that were waiting longer', async () => {
    const { pacer } = setup({ concurrency: 1 });
    const started: string[] = [];
    const first = held(pacer, started, 'busy');
    await until(() => started.length === 1);
    const waiting = [quick(pacer, started, 'row 2'), quick(pacer, started, 'row 1 again', true), quick(pacer, started, 'row 3'), quick(pacer, started, 'row 0 again', true)];
    first.answer.resolve(OK);
    await Promise.all([first.result, ...waiting]);
    expect(started).toEqual(['busy', 'row 1 again', 'row 0 again', 'row 2', 'row 3']);
  });

  it('shows each answer to onAnswer while its slot is held, before the next call starts', async () => {
    const log: string[] = [];
    const { pacer } = setup({ concurrency: 1, onAnswer: (outcome) => log.push(`answer ${outcome.message}`) });
    const calls = [1, 2].map((n) => pacer.call(async () => {
      log.push(`start ${n}`);
      return { ...OK, message: String(n) };
    }, false));
    // A call that `send` chose not to make: no answer to see, and the caller gets undefined.
    const skipped = pacer.call(async () => undefined, false);
    await Promise.all(calls);
    expect(await skipped).toBeUndefined();
    expect(log).toEqual(['start 1', 'answer 1', 'start 2', 'answer 2']);
  });
});

describe('pacer: pool pauses', () => {
  it('a 429 pauses the whole pool for the backoff (Retry-After as the floor): running calls finish, waiting ones start after it', async () => {
    fakeClock();
    const { pacer, events } = setup({ concurrency: 2 });
    const started: string[] = [];
    const running = held(pacer, started, 'running');
    await until(() => started.length === 1);
    pacer.slowDown({ ...TOO_FAST, retryAfterMs: 30 }, 1);
    expect(events).toEqual([{ type: 'pause', ms: 30, reason: 'rate-limited', said: message('send.pause', { reason: 'rate-limited' }) }]);
    // A slot is free, and still nothing starts during the pause.
    const waiting = quick(pacer, started, 'waiting', true);
    running.answer.resolve(OK);
    expect(await running.result).toBe(OK);
    await turns();
    vi.advanceTimersByTime(29);
    await turns();
    expect(started).toEqual(['running']);
    vi.advanceTimersByTime(1);
    expect(await waiting).toBe(OK);
    expect(started).toEqual(['running', 'waiting']);
  });

  it('a shorter pause does not cut a longer one short; a longer one extends it', async () => {
    fakeClock();
    const { pacer, events } = setup();
    const started: string[] = [];
    pacer.slowDown({ ...TOO_FAST, retryAfterMs: 50 }, 1);
    pacer.slowDown({ ...TOO_FAST, retryAfterMs: 10 }, 1);
    expect(events).toEqual([{ type: 'pause', ms: 50, reason: 'rate-limited', said: message('send.pause', { reason: 'rate-limited' }) }]);
    const call = quick(pacer, started, 'a');
    vi.advanceTimersByTime(20);
    await turns();
    expect(started).toEqual([]);
    pacer.slowDown({ ...TOO_FAST, retryAfterMs: 100 }, 2);
    expect(events).toHaveLength(2);
    vi.advanceTimersByTime(50);
    await turns();
    expect(started).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(await call).toBe(OK);
  });

  it('a maintenance page pauses the pool too; a retry-class answer (5xx) does not', async () => {
    fakeClock();
    const { pacer, events } = setup();
    const started: string[] = [];
    pacer.slowDown(UNAVAILABLE, 1);
    expect(events).toEqual([]);
    expect(await quick(pacer, started, 'after a 5xx')).toBe(OK);
    pacer.slowDown({ ...MAINTENANCE, retryAfterMs: 40 }, 1);
    expect(events).toEqual([{ type: 'pause', ms: 40, reason: 'maintenance', said: message('send.pause', { reason: 'maintenance' }) }]);
    const call = quick(pacer, started, 'after maintenance');
    await turns();
    expect(started).toEqual(['after a 5xx']);
    vi.advanceTimersByTime(40);
    expect(await call).toBe(OK);
  });

  it('over-concurrency lowers the concurrency by one at most once a second, never below 1, and says so', async () => {
    fakeClock();
    const { pacer, events } = setup({ concurrency: 3 });
    const lowered = () => events.filter((event) => event.type === 'concurrency');
    pacer.slowDown(TOO_MANY_AT_ONCE, 1);
    expect(pacer.concurrency).toBe(2);
    expect(lowered()).toEqual([{ type: 'concurrency', from: 3, to: 2 }]);
    // It pauses the pool as well.
    expect(events.some((event) => event.type === 'pause' && event.reason === 'over-concurrency')).toBe(true);
    pacer.slowDown(TOO_MANY_AT_ONCE, 2);
    vi.advanceTimersByTime(1000);
    pacer.slowDown(TOO_MANY_AT_ONCE, 3);
    expect(pacer.concurrency).toBe(2);
    vi.advanceTimersByTime(1);
    pacer.slowDown(TOO_MANY_AT_ONCE, 4);
    expect(pacer.concurrency).toBe(1);
    vi.advanceTimersByTime(5000);
    pacer.slowDown(TOO_MANY_AT_ONCE, 5);
    expect(pacer.concurrency).toBe(1);
    expect(lowered()).toEqual([{ type: 'concurrency', from: 3, to: 2 }, { type: 'concurrency', from: 2, to: 1 }]);
  });

  it('the lowered concurrency is the one the pool keeps to', async () => {
    fakeClock();
    const { pacer } = setup({ concurrency: 3 });
    pacer.slowDown(TOO_MANY_AT_ONCE, 1);
    vi.advanceTimersByTime(10); // past the pause (at most capMs)
    const started: string[] = [];
    const calls = ['a', 'b', 'c'].map((name) => held(pacer, started, name));
    await until(() => started.length === 2);
    await turns();
    expect(started).toEqual(['a', 'b']);
    for (const call of calls) call.answer.resolve(OK);
    await Promise.all(calls.map((call) => call.result));
    expect(started).toEqual(['a', 'b', 'c']);
  });
});

/** The outcome the client would give for these facts under `rules` (the answer table, changed by a test). */
const answered = (facts: AnswerFacts, rules: readonly Rule[]): CallOutcome => ({ ...classify(facts, rules), httpStatus: facts.httpStatus, message: facts.message, ms: 1 });
const SLOW_DOWN: AnswerFacts = { httpStatus: 503, json: true, apiCode: 503, message: 'SLOW DOWN' };
const OVER_CONCURRENCY: AnswerFacts = { httpStatus: 403, json: true, apiCode: 403, message: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)' };

// Issue 18: the pacer once chose the wait by the reason's name, so a pause rule added to the table alone
// paused nothing (its 31 calls left in 13 ms). It now does what the answer's rule says, and nothing else.
describe('pacer: a pause does what its rule in the answer table says', () => {
  it('a pause rule added to the table, with a reason the pacer never heard of, pauses the pool for its fixed time', async () => {
    fakeClock();
    const rules: Rule[] = [{ when: (facts) => /SLOW DOWN/.test(facts.message), kind: 'pause', reason: 'server-error', pause: { wait: { ms: 500 } } }, ...ANSWER_RULES];
    const outcome = answered(SLOW_DOWN, rules);
    const { pacer, events } = setup();
    const started: string[] = [];
    pacer.slowDown(outcome, 1);
    expect(events).toEqual([{ type: 'pause', ms: 500, reason: 'server-error', said: message('send.pause', { reason: 'server-error' }) }]);
    const call = quick(pacer, started, 'after the pause', true);
    vi.advanceTimersByTime(499);
    await turns();
    expect(started).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(await call).toBe(OK);
    // A fixed wait still never comes back sooner than the server's Retry-After.
    pacer.slowDown({ ...outcome, retryAfterMs: 2000 }, 1);
    expect(events.at(-1)).toEqual({ type: 'pause', ms: 2000, reason: 'server-error', said: message('send.pause', { reason: 'server-error' }) });
  });

  it('the over-concurrency rule under another reason still lowers the concurrency and pauses: the action goes with the rule', async () => {
    fakeClock();
    const rules = ANSWER_RULES.map((rule): Rule => (rule.reason === 'over-concurrency' ? { ...rule, reason: 'server-error' } : rule));
    const outcome = answered(OVER_CONCURRENCY, rules);
    expect(outcome).toMatchObject({ kind: 'pause', reason: 'server-error' });
    const { pacer, events } = setup({ concurrency: 3 });
    pacer.slowDown({ ...outcome, retryAfterMs: 40 }, 1);
    expect(pacer.concurrency).toBe(2);
    expect(events).toEqual([{ type: 'concurrency', from: 3, to: 2 }, { type: 'pause', ms: 40, reason: 'server-error', said: message('send.pause', { reason: 'server-error' }) }]);
  });

  it('a streak rule under another reason waits longer with each such answer in a row from any call, and starts again after a success', async () => {
    fakeClock();
    // Backoff 10·2^(n-1) ms with the random draw at its top: the waits say which count was used.
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
    const rules: Rule[] = [{ when: (facts) => /SLOW DOWN/.test(facts.message), kind: 'pause', reason: 'server-error', pause: { wait: 'streak' } }, ...ANSWER_RULES];
    const away = answered(SLOW_DOWN, rules);
    const { pacer, events } = setup({ concurrency: 1, backoff: { baseMs: 10, capMs: 10_000 } });
    const started: string[] = [];
    const waits = () => events.flatMap((event) => (event.type === 'pause' ? [event.ms] : []));
    for (const outcome of [away, away, away, OK, away]) {
      const answer = await quick(pacer, started, 'call', false, outcome);
      // The unit's own count is 1 each time: only the pool's streak makes the waits grow.
      if (answer?.kind === 'pause') pacer.slowDown(answer, 1);
      vi.advanceTimersByTime(100);
    }
    expect(waits()).toEqual([10, 20, 40, 10]);
  });
});

describe('pacer: the rate (each call counted from its write)', () => {
  // The gate reads performance.now(); the pacer's own timers wait for it.
  const rateClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });

  /** A call that records its start, writes its request (on a connection already open) when the test says, and answers at once after. */
  function writes(pacer: ReturnType<typeof createPacer>, started: string[], name: string, ahead = false) {
    const write = deferred<void>();
    const result = pacer.call(async (onWritten) => {
      started.push(name);
      await write.promise;
      onWritten(true);
      return OK;
    }, ahead);
    return { result, write: () => write.resolve() };
  }

  /** The send pass's end: every call settled, the pacer's timers cleared (none left for the next test's clock). */
  async function finish(pacer: ReturnType<typeof createPacer>) {
    await pacer.onIdle();
    pacer.close();
  }

  it('a call starts only while fewer than `rate` are in the window; calls not yet written hold it', async () => {
    rateClock();
    const { pacer } = setup({ concurrency: 5, rate: 2 });
    const started: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => writes(pacer, started, name));
    await turns();
    expect(started).toEqual(['a', 'b']);
    // However long a and b take to be written, c waits.
    vi.advanceTimersByTime(5000);
    await turns();
    expect(started).toEqual(['a', 'b']);
    a?.write();
    b?.write();
    await Promise.all([a?.result, b?.result]);
    vi.advanceTimersByTime(1019);
    await turns();
    expect(started).toEqual(['a', 'b']);
    vi.advanceTimersByTime(1);
    await until(() => started.length === 3);
    c?.write();
    expect(await c?.result).toBe(OK);
    await finish(pacer);
  });

  it('a call written late frees its place one window after its write, not its start; the next goes first if `ahead`', async () => {
    rateClock();
    const { pacer } = setup({ concurrency: 5, rate: 2 });
    const started: string[] = [];
    const early = writes(pacer, started, 'early');
    const late = writes(pacer, started, 'late');
    const next = writes(pacer, started, 'next');
    const retry = writes(pacer, started, 'retry', true);
    await turns();
    early.write();
    await early.result;
    vi.advanceTimersByTime(400);
    late.write();
    await late.result;
    vi.advanceTimersByTime(620);
    await until(() => started.length === 3);
    expect(started).toEqual(['early', 'late', 'retry']);
    // One window after the late one started: its place is still taken until 1020 ms after its write.
    vi.advanceTimersByTime(399);
    await turns();
    expect(started).toHaveLength(3);
    vi.advanceTimersByTime(1);
    await until(() => started.length === 4);
    retry.write();
    next.write();
    expect(await Promise.all([retry.result, next.result])).toEqual([OK, OK]);
    await finish(pacer);
  });

  it('a call that failed before it was written counts from its end; one `send` chose not to make gives its place back', async () => {
    rateClock();
    const { pacer } = setup({ concurrency: 5, rate: 1 });
    const started: string[] = [];
    expect(await pacer.call(async () => undefined, false)).toBeUndefined();
    const refused = deferred<CallOutcome>();
    const unwritten = pacer.call(async () => {
      started.push('refused');
      return refused.promise;
    }, false);
    const after = quick(pacer, started, 'after');
    await turns();
    expect(started).toEqual(['refused']);
    vi.advanceTimersByTime(300);
    refused.resolve(REFUSED_CONNECTION);
    expect(await unwritten).toBe(REFUSED_CONNECTION);
    await turns();
    vi.advanceTimersByTime(1019);
    await turns();
    expect(started).toEqual(['refused']);
    vi.advanceTimersByTime(1);
    expect(await after).toBe(OK);
    await finish(pacer);
  });

  it('a fractional rate: 2.5 calls a second is one call per 408 ms, counted from each write', async () => {
    rateClock();
    const { pacer } = setup({ concurrency: 5, rate: 2.5 });
    const started: string[] = [];
    const first = writes(pacer, started, 'first');
    const second = writes(pacer, started, 'second');
    await turns();
    vi.advanceTimersByTime(100);
    first.write();
    await first.result;
    vi.advanceTimersByTime(407);
    await turns();
    expect(started).toEqual(['first']);
    vi.advanceTimersByTime(1);
    await until(() => started.length === 2);
    second.write();
    expect(await second.result).toBe(OK);
    await finish(pacer);
  });

  it('a release while the window is full does not start a call early; a stop leaves no timer of the rate behind', async () => {
    rateClock();
    const { pacer, stop } = setup({ concurrency: 5, rate: 1 });
    const started: string[] = [];
    const first = writes(pacer, started, 'first');
    await turns();
    first.write();
    await first.result;
    pacer.hold();
    const waiting = quick(pacer, started, 'waiting');
    vi.advanceTimersByTime(500);
    pacer.release();
    await turns();
    expect(started).toEqual(['first']);
    stop.abort();
    expect(await waiting).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('pacer: hold and release (waiting for the quota reset)', () => {
  it('holds every call not yet started until release', async () => {
    const { pacer } = setup();
    const started: string[] = [];
    pacer.hold();
    const call = quick(pacer, started, 'a');
    await turns();
    expect(started).toEqual([]);
    pacer.release();
    expect(await call).toBe(OK);
  });

  it('a pause that ends during a hold does not release it, and a pause asked during a hold changes nothing', async () => {
    fakeClock();
    const { pacer, events } = setup();
    const started: string[] = [];
    pacer.slowDown({ ...TOO_FAST, retryAfterMs: 10 }, 1);
    pacer.hold();
    const call = quick(pacer, started, 'a');
    vi.advanceTimersByTime(20);
    await turns();
    expect(started).toEqual([]);
    pacer.slowDown({ ...TOO_FAST, retryAfterMs: 10 }, 1);
    expect(events).toHaveLength(1);
    vi.advanceTimersByTime(20);
    await turns();
    expect(started).toEqual([]);
    pacer.release();
    expect(await call).toBe(OK);
  });
});

describe('pacer: stop and close', () => {
  it('a stop drops the calls waiting for a slot (they resolve undefined, never sent) while the running one finishes', async () => {
    const { pacer, stop } = setup({ concurrency: 1 });
    const started: string[] = [];
    const running = held(pacer, started, 'running');
    await until(() => started.length === 1);
    const waiting = [quick(pacer, started, 'first'), quick(pacer, started, 'retry', true)];
    stop.abort();
    expect(await Promise.all(waiting)).toEqual([undefined, undefined]);
    running.answer.resolve(OK);
    expect(await running.result).toBe(OK);
    // A call asked for after the stop is not sent either.
    expect(await quick(pacer, started, 'late')).toBeUndefined();
    await pacer.onIdle();
    expect(started).toEqual(['running']);
  });

  it('a stop during a pause clears it: nothing starts when it would have ended', async () => {
    fakeClock();
    const { pacer, stop } = setup();
    const started: string[] = [];
    pacer.slowDown({ ...TOO_FAST, retryAfterMs: 10 }, 1);
    const call = quick(pacer, started, 'a');
    stop.abort();
    expect(await call).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(20);
    await turns();
    expect(started).toEqual([]);
  });

  it('close() clears a pending pause timer, so nothing of the pool outlives the send pass', () => {
    fakeClock();
    const { pacer } = setup();
    pacer.slowDown({ ...TOO_FAST, retryAfterMs: 30_000 }, 1);
    expect(vi.getTimerCount()).toBe(1);
    pacer.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a call whose send throws rejects with that error', async () => {
    const { pacer } = setup();
    await expect(pacer.call(async () => {
      throw new Error('boom');
    }, false)).rejects.toThrow('boom');
  });
});
