import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashText } from '../../src/plan/hash64.js';

describe('hashText: the first 64 bits of SHA-256, persisted in baseline.bin (never to change)', () => {
  it.each(['', 'x', '["op","contacts","rec00001",{"Nombre":"Ñandú 🙂","Saldo":1500.5}]'])('%j', (text) => {
    const digest = createHash('sha256').update(text, 'utf8').digest();
    expect(hashText(text)).toEqual([digest.readUInt32BE(0), digest.readUInt32BE(4)]);
  });
});
