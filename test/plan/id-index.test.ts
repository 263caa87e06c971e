import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../src/plan/id-index.js';

const lineOf = (ordinal: number) => ordinal + 2;

describe('IdIndex', () => {
  it('finds every repeated id with its rows and lines in file order, across many chunks of keys', () => {
    const index = new IdIndex();
    const count = 150_000;
    // Ids that differ by one character, by leading zeros and by accents: hashes must tell them apart.
    const idOf = (n: number): string => (n % 3 === 0 ? `0${n}` : n % 3 === 1 ? `${n}` : `Cédula-${n}`);
    for (let ordinal = 0; ordinal < count; ordinal += 1) index.add(idOf(ordinal), ordinal, lineOf(ordinal));
    for (let ordinal = 0; ordinal < count; ordinal += 997) index.add(idOf(ordinal), count + ordinal, lineOf(count + ordinal));
    const repeated = index.repeated();
    expect(repeated).toHaveLength(Math.ceil(count / 997));
    repeated.forEach((group, at) => {
      const first = at * 997;
      expect(group).toEqual({ id: idOf(first), ordinals: [first, count + first], rows: [lineOf(first), lineOf(count + first)] });
    });
  });

  it('keeps ids that look alike apart, and gives each its own text', () => {
    const index = new IdIndex();
    const ids = ['1', '01', '001', '1 ', 'a', 'A', 'á', 'a\u0301', ''];
    ids.forEach((id, ordinal) => index.add(id, ordinal, lineOf(ordinal)));
    expect(index.repeated()).toEqual([]);
    ids.forEach((id, ordinal) => index.add(id, 100 + ordinal, lineOf(100 + ordinal)));
    expect(index.repeated()).toEqual(ids.map((id, ordinal) => ({ id, ordinals: [ordinal, 100 + ordinal], rows: [lineOf(ordinal), lineOf(100 + ordinal)] })));
  });

  it('one id on every row of a big file is one group of every row, in file order; rows without an id leave gaps', () => {
    const index = new IdIndex();
    const ordinals: number[] = [];
    for (let ordinal = 0; ordinal < 200_000; ordinal += 1) {
      // Every seventh row was invalid or had nothing to send: it has no id to add.
      if (ordinal % 7 === 3) continue;
      index.add('mismo-cliente', ordinal, lineOf(ordinal));
      ordinals.push(ordinal);
    }
    expect(index.repeated()).toEqual([{ id: 'mismo-cliente', ordinals, rows: ordinals.map(lineOf) }]);
  });
});
