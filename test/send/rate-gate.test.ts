import { describe, expect, it } from 'vitest';
import { createRateGate, RATE_WINDOW_MS } from '../../src/send/rate-gate.js';

/** A gate on a clock the test moves by hand. */
function setup(rate: number) {
  let time = 1000;
  const gate = createRateGate({ rate, now: () => time });
  return { gate, advance: (ms: number) => (time += ms) };
}

/** Takes places while there is room; how many it got. */
function fill(gate: ReturnType<typeof createRateGate>) {
  const slots = [];
  while (gate.hasRoom()) slots.push(gate.take());
  return slots;
}

// Calls written on a connection an earlier call opened (`written(true)`) unless a test says otherwise.
describe('rate gate: a whole rate', () => {
  it('lets `rate` calls into the window, and no more', () => {
    const { gate } = setup(3);
    expect(fill(gate)).toHaveLength(3);
    expect(gate.hasRoom()).toBe(false);
  });

  it('calls started and not yet written hold the window however long they take: no time frees them', () => {
    const { gate, advance } = setup(2);
    fill(gate);
    advance(10 * RATE_WINDOW_MS);
    expect(gate.hasRoom()).toBe(false);
    // Nothing but a write (or an end) can free a place: there is no time to wait for.
    expect(gate.freesIn()).toBeUndefined();
  });

  it('a written call frees its place one window after its write, not its start', () => {
    const { gate, advance } = setup(2);
    // Both start together; one is written at once, the other (a cold connection) 400 ms later.
    const [early, late] = fill(gate);
    early?.written(true);
    advance(400);
    late?.written(true);
    expect(gate.freesIn()).toBe(RATE_WINDOW_MS - 400);
    advance(RATE_WINDOW_MS - 400 - 1);
    expect(gate.hasRoom()).toBe(false);
    advance(1);
    // One window after both started: only the early one's place is free.
    expect(fill(gate)).toHaveLength(1);
    expect(gate.freesIn()).toBe(400);
    advance(399);
    expect(gate.hasRoom()).toBe(false);
    advance(1);
    expect(fill(gate)).toHaveLength(1);
  });

  it('says when the oldest counted call leaves even once it has (0), whether or not there is room: a look is always due', () => {
    const { gate, advance } = setup(2);
    const [first, second] = fill(gate);
    first?.written(true);
    advance(100);
    second?.written(true);
    expect(gate.freesIn()).toBe(RATE_WINDOW_MS - 100);
    advance(RATE_WINDOW_MS);
    expect(gate.freesIn()).toBe(0);
  });

  it('a call that ended without being written counts from its end (it may have arrived after all)', () => {
    const { gate, advance } = setup(1);
    const [slot] = fill(gate);
    advance(300);
    slot?.ended(true);
    expect(gate.hasRoom()).toBe(false);
    expect(gate.freesIn()).toBe(RATE_WINDOW_MS);
    advance(RATE_WINDOW_MS);
    expect(gate.hasRoom()).toBe(true);
  });

  it('a call written on a connection it opened stays in the window until its end, and counts from then', () => {
    const { gate, advance } = setup(1);
    const [fresh] = fill(gate);
    advance(50);
    // The server may count it later than this still (its own work for the new connection): its answer bounds that.
    fresh?.written(false);
    advance(5000);
    expect(gate.hasRoom()).toBe(false);
    expect(gate.freesIn()).toBeUndefined();
    fresh?.ended(true);
    expect(gate.freesIn()).toBe(RATE_WINDOW_MS);
    advance(RATE_WINDOW_MS);
    expect(gate.hasRoom()).toBe(true);
  });

  it('a call not made at all gives its place back at once; an end after a write changes nothing', () => {
    const { gate, advance } = setup(2);
    const [unmade, sent] = fill(gate);
    unmade?.ended(false);
    expect(gate.hasRoom()).toBe(true);
    sent?.written(true);
    advance(500);
    sent?.ended(true);
    gate.take();
    expect(gate.hasRoom()).toBe(false);
    // Still counted from its write: free 1020 ms after it, 520 ms from here.
    expect(gate.freesIn()).toBe(RATE_WINDOW_MS - 500);
  });
});

describe('rate gate: a fractional rate is one place per 1/rate of the window', () => {
  it.each([
    [0.5, 2040],
    [2.5, 408],
    [0.3, 3400],
  ])('%s calls a second: one call at a time, the next %i ms after its write', (rate, spanMs) => {
    const { gate, advance } = setup(rate);
    const [slot] = fill(gate);
    expect(gate.hasRoom()).toBe(false);
    advance(100);
    slot?.written(true);
    expect(gate.freesIn()).toBe(spanMs);
    advance(spanMs - 1);
    expect(gate.hasRoom()).toBe(false);
    advance(1);
    expect(fill(gate)).toHaveLength(1);
  });
});
