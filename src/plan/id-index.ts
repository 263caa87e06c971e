import { hashId } from './hash64.js';

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
    const [high, low] = hashId(id);
    const slot = this.#slotOf(high, low);
    const stored = this.#first[slot] as number;
    if (stored !== 0) return stored - 1;
    this.#put(slot, high, low, ordinal + 1);
    this.#size += 1;
    return undefined;
  }

  // Linear probing: the hash's slot, or the first one after it that holds this hash or nothing.
  #slotOf(high: number, low: number): number {
    const mask = this.#first.length - 1;
    let slot = (low ^ high) & mask;
    while ((this.#first[slot] as number) !== 0 && !(this.#high[slot] === high && this.#low[slot] === low)) slot = (slot + 1) & mask;
    return slot;
  }

  #put(slot: number, high: number, low: number, stored: number): void {
    this.#high[slot] = high;
    this.#low[slot] = low;
    this.#first[slot] = stored;
  }

  #grow(): void {
    const [high, low, first] = [this.#high, this.#low, this.#first];
    this.#high = new Uint32Array(first.length * 2);
    this.#low = new Uint32Array(first.length * 2);
    this.#first = new Float64Array(first.length * 2);
    for (let index = 0; index < first.length; index += 1) {
      const stored = first[index] as number;
      if (stored === 0) continue;
      const [h, l] = [high[index] as number, low[index] as number];
      this.#put(this.#slotOf(h, l), h, l, stored);
    }
  }
}
