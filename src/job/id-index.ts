/**
 * The first row of every id, in typed arrays: 16 bytes a slot at most half full, whatever the ids look
 * like. Ids are kept as a 64-bit hash, never as strings: a string cut from a CSV chunk keeps the whole
 * chunk alive in V8, so a map of a million ids would hold most of the file. Two different ids share a
 * 64-bit hash with a chance of about 3 in 100 million for a million-row file.
 */
export class IdIndex {
  #high = new Uint32Array(1 << 12);
  #low = new Uint32Array(1 << 12);
  // ordinal + 1 of the id's first row; 0 marks an empty slot.
  #first = new Float64Array(1 << 12);
  #size = 0;

  /** Records the id's row; returns the ordinal of an earlier row with the same id, if there is one. */
  add(id: string, ordinal: number): number | undefined {
    if ((this.#size + 1) * 2 > this.#first.length) this.#grow();
    const [high, low] = hash64(id);
    const mask = this.#first.length - 1;
    for (let slot = (low ^ high) & mask; ; slot = (slot + 1) & mask) {
      const stored = this.#first[slot] as number;
      if (stored === 0) {
        this.#high[slot] = high;
        this.#low[slot] = low;
        this.#first[slot] = ordinal + 1;
        this.#size += 1;
        return undefined;
      }
      if (this.#high[slot] === high && this.#low[slot] === low) return stored - 1;
    }
  }

  #grow(): void {
    const [high, low, first] = [this.#high, this.#low, this.#first];
    const length = first.length * 2;
    this.#high = new Uint32Array(length);
    this.#low = new Uint32Array(length);
    this.#first = new Float64Array(length);
    const mask = length - 1;
    for (let index = 0; index < first.length; index += 1) {
      const stored = first[index] as number;
      if (stored === 0) continue;
      const h = high[index] as number;
      const l = low[index] as number;
      let slot = (l ^ h) & mask;
      while ((this.#first[slot] as number) !== 0) slot = (slot + 1) & mask;
      this.#high[slot] = h;
      this.#low[slot] = l;
      this.#first[slot] = stored;
    }
  }
}

// Two independent 32-bit FNV-1a hashes (different offsets and primes) of the UTF-16 code units.
function hash64(text: string): [number, number] {
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
