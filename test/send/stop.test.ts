import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/core/events.js';
import type { StopReason } from '../../src/core/types.js';
import { message, say } from '../../src/core/say.js';
import { createStopper } from '../../src/send/stop.js';

// A stop's message, told apart by a number.
const stopNo = (rows: number) => message('stop.canary', { rows });

function setup() {
  const events: JobEvent[] = [];
  const warnings: { object: object; message?: string }[] = [];
  const logger = { debug() {}, info() {}, error() {}, warn: (object: object, message?: string) => warnings.push({ object, ...(message === undefined ? {} : { message }) }) };
  const stopper = createStopper((event) => events.push(event), logger);
  let aborts = 0;
  stopper.signal.addEventListener('abort', () => (aborts += 1));
  return { stopper, events, warnings, aborts: () => aborts };
}

describe('stopper', () => {
  it('starts running; the first stop records its reason, says so (event and log) and aborts the signal', () => {
    const { stopper, events, warnings, aborts } = setup();
    expect(stopper).toMatchObject({ stopped: false, reason: undefined, said: undefined });
    expect(stopper.signal.aborted).toBe(false);
    const said = message('stop.fatal', { answer: 'PLEASE VALIDATE TOKEN', fix: 'auth' });
    stopper.stop('fatal', said, 'auth');
    expect(stopper).toMatchObject({ stopped: true, reason: 'fatal', said, fatalReason: 'auth' });
    // The event and the log carry its English, as summary.json does.
    const english = say(said, 'en');
    expect(english).toMatch(/^Stopped by the CRM: PLEASE VALIDATE TOKEN\. The token was refused: /);
    expect(events).toEqual([{ type: 'stopping', reason: 'fatal', message: english, said: expect.objectContaining({ code: 'stop.fatal' }) }]);
    expect(warnings).toEqual([{ object: { reason: 'fatal' }, message: english }]);
    expect(aborts()).toBe(1);
  });

  it('the signal aborts once, however many stops follow', () => {
    const { stopper, aborts } = setup();
    stopper.stop('limit', stopNo(1));
    stopper.stop('interrupted', stopNo(2));
    stopper.stop('fatal', stopNo(3));
    expect(aborts()).toBe(1);
  });

  // Severity: limit = max-calls < interrupted = quota = write-failed < failure-rate = fatal.
  it.each<[StopReason, StopReason]>([
    ['limit', 'interrupted'],
    ['max-calls', 'quota'],
    ['max-calls', 'write-failed'],
    ['interrupted', 'failure-rate'],
    ['quota', 'fatal'],
    ['write-failed', 'fatal'],
  ])('a later, more serious stop replaces the reason: %s, then %s', (first, then) => {
    const { stopper, events } = setup();
    stopper.stop(first, stopNo(1));
    stopper.stop(then, stopNo(2));
    expect(stopper).toMatchObject({ reason: then, said: stopNo(2) });
    expect(events.map((event) => event.type === 'stopping' && event.reason)).toEqual([first, then]);
  });

  it.each<[StopReason, StopReason]>([
    ['fatal', 'interrupted'],
    ['fatal', 'failure-rate'],
    ['failure-rate', 'quota'],
    ['interrupted', 'quota'],
    ['quota', 'interrupted'],
    ['interrupted', 'max-calls'],
    ['limit', 'max-calls'],
    ['max-calls', 'max-calls'],
  ])('a later stop as serious or less does not: %s, then %s', (first, then) => {
    const { stopper, events, warnings } = setup();
    stopper.stop(first, stopNo(1));
    stopper.stop(then, stopNo(2));
    expect(stopper).toMatchObject({ reason: first, said: stopNo(1) });
    expect(events).toHaveLength(1);
    expect(warnings).toHaveLength(1);
  });

  it('keeps the fatal answer kind of the stop that gave one', () => {
    const { stopper } = setup();
    stopper.stop('quota', message('stop.quota-answered'));
    expect(stopper.fatalReason).toBeUndefined();
    stopper.stop('fatal', message('stop.unreachable', { answer: 'connect ECONNREFUSED' }), 'network');
    expect(stopper.fatalReason).toBe('network');
  });

  it('works without a logger', () => {
    const stopper = createStopper(() => {});
    stopper.stop('interrupted', message('stop.interrupted'));
    expect(stopper.stopped).toBe(true);
  });
});
