import { hashId } from '../plan/hash64.js';

/**
 * A set of distinct ids as sorted 64-bit hashes: 8 bytes an id whatever the ids' texts, each id at a
 * position (0 … size − 1) that arrays of its own can be kept by. Ids are compared by hash, never as
 * strings: two different ids share one with a chance of about 3 in 100 million for a million ids, and a
 * caller that reads an id's record back checks the id it holds.
 */
export class IdSet {
  readonly #highs: Uint32Array;
  readonly #lows: Uint32Array;

  private constructor(sorted: BigUint64Array) {
    this.#highs = new Uint32Array(sorted.length);
    this.#lows = new Uint32Array(sorted.length);
    for (let at = 0; at < sorted.length; at += 1) {
      const key = sorted[at] as bigint;
      this.#highs[at] = Number(key >> 32n);
      this.#lows[at] = Number(key & 0xffffffffn);
    }
  }

  /** The distinct ids of `ids` (repeats are one). */
  static async from(ids: AsyncIterable<string> | Iterable<string>): Promise<IdSet> {
    let keys = new BigUint64Array(1024);
    let count = 0;
    for await (const id of ids) {
      if (count === keys.length) {
        const grown = new BigUint64Array(keys.length * 2);
        grown.set(keys);
        keys = grown;
      }
      const [high, low] = hashId(id);
      keys[count] = (BigInt(high) << 32n) | BigInt(low);
      count += 1;
    }
    const sorted = keys.subarray(0, count).sort();
    let distinct = 0;
    for (let at = 0; at < count; at += 1) if (at === 0 || sorted[at] !== sorted[distinct - 1]) sorted[distinct++] = sorted[at] as bigint;
    return new IdSet(sorted.subarray(0, distinct));
  }

  get size(): number {
    return this.#highs.length;
  }

  /** The id's position, or −1 when it is not in the set. */
  positionOf(id: string): number {
    const [high, low] = hashId(id);
    let from = 0;
    let to = this.#highs.length;
    while (from < to) {
      const middle = (from + to) >>> 1;
      const h = this.#highs[middle] as number;
      if (h < high || (h === high && (this.#lows[middle] as number) < low)) from = middle + 1;
      else to = middle;
    }
    return from < this.#highs.length && this.#highs[from] === high && this.#lows[from] === low ? from : -1;
  }
}
