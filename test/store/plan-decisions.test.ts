import { describe, expect, it } from 'vitest';
import { PlanDecisions } from '../../src/store/plan-decisions.js';

describe('PlanDecisions (the --duplicates decisions kept until the plan is written again)', () => {
  it('gives each decided row its decision, whatever order they came in, and nothing for the others', () => {
    const decisions = new PlanDecisions();
    decisions.add(9, { action: 'skip', message: 'duplicate id: line 2 has the same id and is sent instead (--duplicates first)' });
    decisions.add(3, { after: 1 });
    decisions.add(5, { action: 'skip', message: 'duplicate id: line 2 has the same id and is sent instead (--duplicates first)' });
    expect(decisions.size).toBe(3);
    expect(decisions.get(3)).toEqual({ after: 1 });
    expect(decisions.get(5)).toEqual({ action: 'skip', message: 'duplicate id: line 2 has the same id and is sent instead (--duplicates first)' });
    expect(decisions.get(9)?.action).toBe('skip');
    expect([decisions.has(4), decisions.get(4), decisions.has(0), decisions.has(10)]).toEqual([false, undefined, false, false]);
  });

  it("merges a row's decisions, a later one winning, as a map of them did", () => {
    const decisions = new PlanDecisions();
    decisions.add(7, { action: 'skip', message: 'first' });
    decisions.add(7, { after: 2 });
    decisions.add(7, { action: 'send', message: undefined });
    expect(decisions.get(7)).toEqual({ action: 'send', message: undefined, after: 2 });
  });

  it('keeps a million decisions past its first capacity, each found again', () => {
    const decisions = new PlanDecisions();
    const rows = 1_000_000;
    // Added from the last row to the first, as a policy may; one message shared by all.
    for (let ordinal = rows; ordinal >= 1; ordinal -= 1) decisions.add(ordinal, { action: 'skip', message: 'duplicate id: line 2 has the same id' });
    expect(decisions.size).toBe(rows);
    for (const ordinal of [1, 2, 65_536, 500_000, rows]) expect(decisions.get(ordinal)).toEqual({ action: 'skip', message: 'duplicate id: line 2 has the same id' });
    expect(decisions.has(0)).toBe(false);
  });
});
