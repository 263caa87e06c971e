import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/core/events.js';
import type { StopReason } from '../../src/core/types.js';
import { createStopper } from '../../src/send/stop.js';

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
    expect(stopper).toMatchObject({ stopped: false, reason: undefined, message: undefined });
    expect(stopper.signal.aborted).toBe(false);
    stopper.stop('fatal', 'Stopped by the CRM: PLEASE VALIDATE TOKEN.', 'auth');
    expect(stopper).toMatchObject({ stopped: true, reason: 'fatal', message: 'Stopped by the CRM: PLEASE VALIDATE TOKEN.', fatalReason: 'auth' });
    expect(events).toEqual([{ type: 'stopping', reason: 'fatal', message: 'Stopped by the CRM: PLEASE VALIDATE TOKEN.' }]);
    expect(warnings).toEqual([{ object: { reason: 'fatal' }, message: 'Stopped by the CRM: PLEASE VALIDATE TOKEN.' }]);
    expect(aborts()).toBe(1);
  });

  it('the signal aborts once, however many stops follow', () => {
    const { stopper, aborts } = setup();
    stopper.stop('limit', 'a');
    stopper.stop('interrupted', 'b');
    stopper.stop('fatal', 'c');
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
    stopper.stop(first, 'first');
    stopper.stop(then, 'then');
    expect(stopper).toMatchObject({ reason: then, message: 'then' });
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
    stopper.stop(first, 'first');
    stopper.stop(then, 'then');
    expect(stopper).toMatchObject({ reason: first, message: 'first' });
    expect(events).toHaveLength(1);
    expect(warnings).toHaveLength(1);
  });

  it('keeps the fatal answer kind of the stop that gave one', () => {
    const { stopper } = setup();
    stopper.stop('quota', 'quota');
    expect(stopper.fatalReason).toBeUndefined();
    stopper.stop('fatal', 'unreachable', 'network');
    expect(stopper.fatalReason).toBe('network');
  });

  it('works without a logger', () => {
    const stopper = createStopper(() => {});
    stopper.stop('interrupted', 'Interrupted.');
    expect(stopper.stopped).toBe(true);
  });
});
