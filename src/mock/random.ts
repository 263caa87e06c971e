/**
 * A seeded draw per call number, so a fault pattern depends only on the seed and the order calls arrive:
 * a failing run can be replayed with the same seed.
 */
export function drawFor(seed: number, index: number, salt = 0): number {
  // mulberry32 over a mix of seed, call index and salt
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35) ^ Math.imul(salt + 1, 0x27d4eb2f)) >>> 0;
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
