import { describe, expect, it } from 'vitest';
import { createSettledRows } from '../../src/run/settled-rows.js';

// The reports follow the rows as they are sent (issue 18): a row is written once it has its last result.

const sendsEven = (ordinal: number) => ordinal % 2 === 0;

describe('createSettledRows', () => {
  it('a row the session does not send is settled from the start; one it sends, once the pass says so', async () => {
    const rows = createSettledRows(4, sendsEven);
    expect(rows.ready(1)).toBeUndefined();
    const waiting = rows.ready(2);
    expect(waiting).toBeInstanceOf(Promise);
    let woken = false;
    void waiting?.then(() => (woken = true));
    rows.settle(0);
    await Promise.resolve();
    expect(woken).toBe(false);
    rows.settle(2);
    await waiting;
    expect(woken).toBe(true);
    expect(rows.ready(2)).toBeUndefined();
  });

  it('the end settles every row, and ended() with it', async () => {
    const rows = createSettledRows(4, sendsEven);
    const waiting = rows.ready(0);
    let ended = false;
    void rows.ended().then(() => (ended = true));
    rows.end();
    await waiting;
    await rows.ended();
    expect(ended).toBe(true);
    expect(rows.ready(2)).toBeUndefined();
  });

  it('a failed session rejects whoever waits, and every later question', async () => {
    const rows = createSettledRows(4, sendsEven);
    const waiting = rows.ready(0);
    const failure = new Error('journal not written');
    rows.fail(failure);
    await expect(waiting).rejects.toBe(failure);
    await expect(rows.ready(1)).rejects.toBe(failure);
    await expect(rows.ended()).rejects.toBe(failure);
  });
});

describe('createSettledRows across words of its bit set', () => {
  it('rows 31, 32 and the last of 70 are told apart', async () => {
    const rows = createSettledRows(70, () => true);
    rows.settle(32);
    expect(rows.ready(32)).toBeUndefined();
    expect(rows.ready(31)).toBeInstanceOf(Promise);
    rows.settle(31);
    rows.settle(69);
    expect(rows.ready(69)).toBeUndefined();
    expect(rows.ready(68)).toBeInstanceOf(Promise);
  });
});
