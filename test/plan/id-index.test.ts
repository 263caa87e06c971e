import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../src/plan/id-index.js';

describe('IdIndex', () => {
  it('returns the first ordinal of every repeated id, across many growths of the table', () => {
    const index = new IdIndex();
    const count = 50_000;
    // Ids that differ by one character, by leading zeros and by accents: hashes must tell them apart.
    const idOf = (n: number): string => (n % 3 === 0 ? `0${n}` : n % 3 === 1 ? `${n}` : `Cédula-${n}`);
    for (let ordinal = 0; ordinal < count; ordinal += 1) expect(index.add(idOf(ordinal), ordinal)).toBeUndefined();
    for (let ordinal = 0; ordinal < count; ordinal += 997) expect(index.add(idOf(ordinal), count + ordinal)).toBe(ordinal);
  });

  it('keeps ids that look alike apart', () => {
    const index = new IdIndex();
    const ids = ['1', '01', '001', '1 ', 'a', 'A', 'á', 'a\u0301', ''];
    ids.forEach((id, ordinal) => expect(index.add(id, ordinal)).toBeUndefined());
    ids.forEach((id, ordinal) => expect(index.add(id, 100 + ordinal)).toBe(ordinal));
  });
});
