import { hash } from 'node:crypto';
import type { Hash64 } from '../core/types.js';

/**
 * A fast 64-bit hash of an id: two 32-bit FNV-1a-style lanes (different offsets and primes) over the
 * UTF-16 code units. Each step is a bijection of each lane, so two ids of one length that differ in one
 * character never collide. Persisted in baseline.bin (a later run looks ids up by it): never change it.
 */
export function hashId(text: string): Hash64 {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b ^ Math.imul(a, 0x85ebca6b)) >>> 0];
}

/**
 * The first 64 bits of the SHA-256 of a text. Used for row bodies, where a false match would leave a
 * change unsent: unlike hashId, two different bodies share it with a chance of 1 in 2^64 whatever they
 * hold. Persisted in baseline.bin: never change it.
 */
export function hashText(text: string): Hash64 {
  // One call, not a Hash object per text (a baseline hashes every row's body), and the digest as a latin1 ('binary')
  // string, one character a byte: no Buffer to allocate.
  const digest = hash('sha256', text, 'binary');
  const word = (at: number) => ((digest.charCodeAt(at) << 24) | (digest.charCodeAt(at + 1) << 16) | (digest.charCodeAt(at + 2) << 8) | digest.charCodeAt(at + 3)) >>> 0;
  return [word(0), word(4)];
}
