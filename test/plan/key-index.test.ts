import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../../src/plan/key-index.js';

const sealed = (keys: readonly string[]) => {
  const index = new KeyIndex();
  for (const key of keys) index.add(key);
  index.seal();
  return index;
};

describe('KeyIndex: the keys of a match run in typed arrays (issue 19)', () => {
  it('holds each key once, finds it, and knows none other', () => {
    const index = sealed(['89012', '1234567', '89012', 'ana@example.com', '1234567']);
    expect(index.size).toBe(3);
    const places = ['89012', '1234567', 'ana@example.com'].map((key) => index.indexOf(key));
    expect(new Set(places).size).toBe(3);
    expect(places.every((place) => place >= 0 && place < 3)).toBe(true);
    expect(index.indexOf('123')).toBe(-1);
    expect(index.indexOf('')).toBe(-1);
  });

  it('a key on one record gives its id; on several, its count and the first five', () => {
    const index = sealed(['A', 'B', 'C']);
    const [a, b, c] = ['A', 'B', 'C'].map((key) => index.indexOf(key)) as [number, number, number];
    index.addRecord(a, 'r-a');
    for (let n = 0; n < 7; n += 1) index.addRecord(b, `r-b${n}`);
    index.markAllKnown();
    expect([index.records(a), index.ids(a)]).toEqual([1, ['r-a']]);
    expect([index.records(b), index.ids(b)]).toEqual([7, ['r-b0', 'r-b1', 'r-b2', 'r-b3', 'r-b4']]);
    expect([index.records(c), index.ids(c), index.isKnown(c)]).toEqual([0, [], true]);
  });

  it('forgets the records of keys not known (a module read cut short), keeping what queries found', () => {
    const index = sealed(['A', 'B']);
    const [a, b] = [index.indexOf('A'), index.indexOf('B')];
    index.addRecord(a, 'r1');
    index.markKnown(a);
    index.addRecord(b, 'r2');
    index.addRecord(b, 'r3');
    index.forgetUnknown();
    expect([index.ids(a), index.knownCount()]).toEqual([['r1'], 1]);
    expect([index.records(b), index.ids(b)]).toEqual([0, []]);
    index.addRecord(b, 'r4');
    expect(index.ids(b)).toEqual(['r4']);
  });

  it('keeps 200,000 keys and their ids in about 45 bytes a key (ids across several buffers, read back exactly)', () => {
    const count = 200_000;
    const before = process.memoryUsage().arrayBuffers;
    const index = new KeyIndex();
    for (let n = 0; n < count; n += 1) index.add(String(10_000_000 + n));
    index.seal();
    for (let n = 0; n < count; n += 1) index.addRecord(index.indexOf(String(10_000_000 + n)), n.toString(16).padStart(24, '0'));
    const perKey = (process.memoryUsage().arrayBuffers - before) / count;
    expect(perKey).toBeLessThan(60);
    for (const n of [0, 43_690, 43_691, 199_999]) expect(index.ids(index.indexOf(String(10_000_000 + n)))).toEqual([n.toString(16).padStart(24, '0')]);
  });
});
