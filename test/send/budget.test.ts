import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/core/events.js';
import { createCallBudget, type BudgetOptions } from '../../src/send/budget.js';
import { createStopper } from '../../src/send/stop.js';
import { deferred } from './outcomes.js';
import { message, say } from '../../src/core/say.js';
import type { Stopper } from '../../src/send/stop.js';

// What the stop says, in English (summary.json's stopMessage).
const english = (stopper: Stopper) => (stopper.said ? say(stopper.said, 'en') : undefined);

/**
 * A budget with a real stopper and a pacer that only logs hold and release. `reset` answers each wait
 * for the reset in turn (a number: calls then available; true: unknown; false: stop).
 */
function setup(options: Partial<Pick<BudgetOptions, 'maxCalls' | 'quotaAvailable'>>, reset: (number | boolean)[] = []) {
  const log: string[] = [];
  const events: JobEvent[] = [];
  const stopper = createStopper((event) => events.push(event));
  let waits = 0;
  const pacer = { hold: () => log.push('hold'), release: () => log.push('release') };
  const budget = createCallBudget({
    ...options,
    pacer,
    stopper,
    waitForReset: async () => {
      waits += 1;
      log.push('wait');
      return reset.shift() ?? false;
    },
  });
  return { budget, stopper, events, log, pacer, waits: () => waits };
}

const takeTimes = async (budget: ReturnType<typeof createCallBudget>, times: number) => {
  const taken: boolean[] = [];
  for (let n = 0; n < times; n += 1) taken.push(await budget.take());
  return taken;
};

describe('call budget: --max-calls', () => {
  it('allows exactly maxCalls calls, then stops the pass (max-calls) and refuses every later call', async () => {
    const { budget, stopper, events } = setup({ maxCalls: 2 });
    expect(await takeTimes(budget, 4)).toEqual([true, true, false, false]);
    expect(budget.calls).toBe(2);
    expect(stopper).toMatchObject({ stopped: true, reason: 'max-calls' });
    expect(english(stopper)).toBe('Call budget reached: 2 calls made (--max-calls).');
    expect(events).toEqual([{ type: 'stopping', reason: 'max-calls', message: 'Call budget reached: 2 calls made (--max-calls).', said: expect.objectContaining({ code: 'stop.max-calls' }) }]);
  });

  it('says "1 call" for a budget of one', async () => {
    const { budget, stopper } = setup({ maxCalls: 1 });
    expect(await takeTimes(budget, 2)).toEqual([true, false]);
    expect(english(stopper)).toBe('Call budget reached: 1 call made (--max-calls).');
  });

  it('refuses a call once the pass is stopped for another reason, counting nothing', async () => {
    const { budget, stopper } = setup({});
    expect(await budget.take()).toBe(true);
    stopper.stop('interrupted', message('stop.interrupted'));
    expect(await budget.take()).toBe(false);
    expect(budget.calls).toBe(1);
    expect(stopper.reason).toBe('interrupted');
  });

  it('with no limit and no known quota, never waits', async () => {
    const { budget, log } = setup({});
    expect(await takeTimes(budget, 50)).toEqual(Array.from({ length: 50 }, () => true));
    expect(log).toEqual([]);
  });
});

describe('call budget: the known quota', () => {
  it('spends the quota down, then holds the pool, waits for the reset, refills, and only then releases', async () => {
    const { budget, log, pacer, waits } = setup({ quotaAvailable: 2 }, [3]);
    // What a call released by the pool sees: the new budget, not the spent one (no second wait).
    let takenOnRelease: Promise<boolean> | undefined;
    pacer.release = () => {
      log.push('release');
      takenOnRelease ??= budget.take();
      return 0;
    };
    expect(await takeTimes(budget, 2)).toEqual([true, true]);
    expect(log).toEqual([]);
    expect(await budget.take()).toBe(true);
    expect(log).toEqual(['hold', 'wait', 'release']);
    expect(await takeOnRelease(takenOnRelease)).toBe(true);
    expect(waits()).toBe(1);
    // 3 after the reset: the one above, the call released with it, and one more; the next waits again.
    expect(await budget.take()).toBe(true);
    expect(waits()).toBe(1);
    expect(await budget.take()).toBe(false);
    expect(waits()).toBe(2);
    expect(budget.calls).toBe(5);
  });

  it('calls that run into the spent quota together share one wait and one refill', async () => {
    const { budget, waits } = setup({ quotaAvailable: 0 }, [5]);
    expect(await Promise.all([budget.take(), budget.take(), budget.take()])).toEqual([true, true, true]);
    expect(waits()).toBe(1);
    expect(budget.calls).toBe(3);
    // 5 became available: two are left before the next wait.
    expect(await takeTimes(budget, 2)).toEqual([true, true]);
    expect(waits()).toBe(1);
  });

  it('a reset that does not come (the wait resolves false) stops the pass as quota and refuses the call', async () => {
    const { budget, stopper, log } = setup({ quotaAvailable: 1 }, [false]);
    expect(await takeTimes(budget, 3)).toEqual([true, false, false]);
    expect(stopper).toMatchObject({ stopped: true, reason: 'quota' });
    expect(english(stopper)).toMatch(/^Daily quota reached: every quota unit available today was used\. Resume after the reset \(or use --wait-for-quota\)\.$/);
    // The pool is released even so: the stop, not the hold, is what keeps calls from leaving.
    expect(log).toEqual(['hold', 'wait', 'release']);
  });

  it('a reset whose figures are unknown (true) lets calls go without a count', async () => {
    const { budget, waits } = setup({ quotaAvailable: 0 }, [true]);
    expect(await takeTimes(budget, 20)).toEqual(Array.from({ length: 20 }, () => true));
    expect(waits()).toBe(1);
  });

  it('a stop that comes while waiting for the reset wins: the call is refused', async () => {
    const reset = deferred<number>();
    const stopper = createStopper(() => {});
    const budget = createCallBudget({ quotaAvailable: 0, pacer: { hold() {}, release() {} }, stopper, waitForReset: () => reset.promise });
    const taking = budget.take();
    stopper.stop('interrupted', message('stop.interrupted'));
    reset.resolve(10);
    expect(await taking).toBe(false);
    expect(budget.calls).toBe(0);
  });
});

describe('call budget: quota units (a batch may cost one per record)', () => {
  it('--max-calls counts units: a call of 20 units fits 30 once, and the stop says calls and units', async () => {
    const { budget, stopper } = setup({ maxCalls: 30 });
    expect(await budget.take(20)).toBe(true);
    expect(budget.room()).toBe(10);
    expect(await budget.take(20)).toBe(false);
    expect(budget.calls).toBe(1);
    expect(english(stopper)).toBe('Call budget reached: 1 call made, 20 quota units counted (--max-calls 30 counts quota units: an updateMany.php call counts 1 per record, unless --check-quota measured that it costs 1).');
  });

  it('room is what may be spent without a wait: the lower of the quota left (less a reserve) and --max-calls', async () => {
    const { budget } = setup({ maxCalls: 50, quotaAvailable: 40 });
    expect(budget.room()).toBe(40);
    expect(budget.room(1)).toBe(39);
    expect(await budget.take(35)).toBe(true);
    expect(budget.room()).toBe(5);
    expect(setup({}).budget.room()).toBe(Number.POSITIVE_INFINITY);
  });

  it('a reading of the quota sets what is left; one that gave nothing takes its own unit off', async () => {
    const { budget } = setup({ quotaAvailable: 40 });
    budget.quotaRead(12);
    expect(budget.room()).toBe(12);
    budget.quotaRead(undefined);
    expect(budget.room()).toBe(11);
  });
});

describe('call budget: after a TOKEN LIMIT EXCEEDED answer', () => {
  it('treats the quota as spent, waits for the reset, and says whether the job may send again', async () => {
    const { budget, log, waits } = setup({}, [2]);
    expect(await budget.afterQuotaAnswer()).toBe(true);
    expect(log).toEqual(['hold', 'wait', 'release']);
    // The reset brought 2 calls: the next wait comes on the third.
    expect(await takeTimes(budget, 2)).toEqual([true, true]);
    expect(waits()).toBe(1);
    expect(await budget.take()).toBe(false);
    expect(waits()).toBe(2);
  });

  it('resolves false when the job stops instead of waiting', async () => {
    const { budget } = setup({}, [false]);
    expect(await budget.afterQuotaAnswer()).toBe(false);
  });
});

async function takeOnRelease(taken: Promise<boolean> | undefined): Promise<boolean> {
  expect(taken, 'release() started no call').toBeDefined();
  return (await taken) as boolean;
}

describe('--reserve reads the quota again (issue 21, left over)', () => {
  it('every `every` calls: another integration\'s use is seen, the calls still in flight taken off', async () => {
    const stopper = createStopper(() => undefined);
    const reads: number[] = [];
    // Read again every 3 calls: the CRM says 12 available, then 8 (another client spends too); 2 calls in flight besides this one.
    const available = [12, 8];
    const budget = createCallBudget({
      quotaAvailable: 100,
      reserve: 5,
      pacer: { hold: () => undefined, release: () => undefined },
      stopper,
      waitForReset: async () => false,
      reread: { every: 3, read: async () => (reads.push(budget.calls), available.shift()), inFlight: () => 3 },
    });
    expect(await takeTimes(budget, 3)).toEqual([true, true, true]);
    expect(reads).toEqual([]);
    // 12 available, 5 kept, 2 units not yet counted by the CRM: 5 may go; at the 6th call's read 8 - 5 - 2 = 1 more.
    expect(await takeTimes(budget, 5)).toEqual([true, true, true, true, false]);
    expect(reads).toEqual([3, 6]);
    expect(stopper.reason).toBe('quota');
    expect(english(stopper)).toMatch(/--reserve 5/);
  });
});
