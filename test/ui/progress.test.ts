import { describe, expect, it } from 'vitest';
import type { Plan, RowResult } from '../../src/index.js';
import { createProgressTracker } from '../../src/ui/progress.js';

const plan = { toSend: 2 } as Plan;
const row = (rowNumber: number): RowResult => ({ ordinal: rowNumber - 2, rowNumber, status: 'updated', attempts: 1, ms: 5 });

describe('the page’s progress snapshot', () => {
  it('says what is read before the first update (a match run’s keys, the snapshot) until a row comes back', () => {
    const tracker = createProgressTracker(() => 0);
    tracker.onEvent({ type: 'plan', plan });
    expect(tracker.snapshot().note).toBeUndefined();
    tracker.onEvent({ type: 'reading', what: 'module', done: 1, calls: 1 });
    tracker.onEvent({ type: 'reading', what: 'module', done: 2, calls: 2 });
    expect(tracker.snapshot().note).toEqual({ kind: 'reading', what: 'module', calls: 2 });
    tracker.onEvent({ type: 'reading', what: 'keys', done: 1, calls: 3 });
    expect(tracker.snapshot().note).toEqual({ kind: 'reading', what: 'keys', calls: 3 });
    tracker.onEvent({ type: 'row', result: row(2) });
    expect(tracker.snapshot().note).toBeUndefined();
    expect(tracker.snapshot()).toMatchObject({ done: 1, updated: 1, total: 2 });
  });
});
