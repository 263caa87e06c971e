import { describe, expect, it } from 'vitest';
import { IdSet } from '../../src/store/id-set.js';

describe('IdSet', () => {
  it('holds each distinct id once, at a position of its own, and knows no other', async () => {
    const ids = Array.from({ length: 5000 }, (_, n) => `id-${n}`);
    const set = await IdSet.from([...ids, ...ids.slice(0, 2000), 'id-7']);
    expect(set.size).toBe(5000);
    const positions = ids.map((id) => set.positionOf(id));
    expect(positions.every((at) => at >= 0 && at < 5000)).toBe(true);
    expect(new Set(positions).size).toBe(5000);
    expect(set.positionOf('id-5000')).toBe(-1);
    expect(set.positionOf('')).toBe(-1);
  });

  it('takes ids as they come from an async source (the plan), past its first capacity', async () => {
    async function* source() {
      for (let n = 0; n < 3000; n += 1) yield `c${n % 2500}`;
    }
    const set = await IdSet.from(source());
    expect(set.size).toBe(2500);
    expect(set.positionOf('c2499')).toBeGreaterThanOrEqual(0);
    expect(set.positionOf('c2500')).toBe(-1);
  });

  it('an empty source is an empty set', async () => {
    const set = await IdSet.from([]);
    expect(set.size).toBe(0);
    expect(set.positionOf('x')).toBe(-1);
  });
});
