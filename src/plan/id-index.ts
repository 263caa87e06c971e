import { hashId } from './hash64.js';

/** An id found on more than one row: its rows' ordinals and lines, in file order. */
export interface RepeatedId {
  readonly id: string;
  readonly ordinals: readonly number[];
  readonly rows: readonly number[];
}

// Rows a chunk of the per-row arrays holds; the sort keys come in chunks twice as big as the one before.
const CHUNK_ROWS = 1 << 16;
// The first key chunk's size (and the first filter's capacity): later ones double, so a file of n rows has
// about log2(n / 2^16) of them.
const FIRST_KEYS = 1 << 16;

/**
 * Every id of the file, to find the repeated ones once the whole file is read, in about 20 bytes a row
 * that never need copying as the file grows (a hash table took 32, half as much again while it grew, and 4
 * more for the lines):
 *
 * - each row's 64-bit id hash, as a sort key (high half, ordinal) in a BigUint64Array, and its low half and
 *   line in arrays by ordinal; at the end each chunk of keys is sorted natively and the chunks merged, so
 *   rows of one id come together, in file order;
 * - the id's text only for rows whose hash a Bloom filter (2 to 4 bytes a row) may have seen before: every
 *   repeat, and about 1 % of rows besides. A repeated id's text is thus always at hand for the report.
 *
 * Ids are compared by their 64-bit hash, never as strings: a string cut from a CSV chunk keeps the whole
 * chunk alive in V8. Two different ids share a hash with a chance of about 3 in 100 million for a million
 * rows; the texts kept are copies.
 */
export class IdIndex {
  readonly #keys: BigUint64Array[] = [];
  #keyCount = 0;
  readonly #lows: Uint32Array[] = [];
  readonly #lines: Uint32Array[] = [];
  readonly #filter = new GrowingBloom();
  readonly #texts = new Map<number, string>();

  /** Records the id of row `ordinal` (on line `rowNumber`); rows come in file order. */
  add(id: string, ordinal: number, rowNumber: number): void {
    const [high, low] = hashId(id);
    const chunk = ordinal >>> 16;
    while (this.#lows.length <= chunk) {
      this.#lows.push(new Uint32Array(CHUNK_ROWS));
      this.#lines.push(new Uint32Array(CHUNK_ROWS));
    }
    (this.#lows[chunk] as Uint32Array)[ordinal & (CHUNK_ROWS - 1)] = low;
    (this.#lines[chunk] as Uint32Array)[ordinal & (CHUNK_ROWS - 1)] = rowNumber;
    this.#addKey(high, ordinal);
    if (this.#filter.has(high, low)) this.#texts.set(textKey(high, low), Buffer.from(id).toString());
    this.#filter.add(high, low);
  }

  /** The ids found on more than one row, in the order their first repeat came in the file. */
  repeated(): RepeatedId[] {
    const groups: RepeatedId[] = [];
    // The run of keys with one high half: its first ordinal, and all of them once there is a second.
    let high = -1;
    let first = -1;
    let ordinals: number[] | undefined;
    const close = () => {
      if (ordinals) groups.push(...this.#byLow(high, ordinals));
    };
    // Each chunk of keys sorted natively, then the chunks merged: rows of one high half come together.
    const parts = this.#keys.map((keys, index) => {
      const used = index === this.#keys.length - 1 ? this.#keyCount - this.#keyStart : keys.length;
      keys.subarray(0, used).sort();
      return { words: new Uint32Array(keys.buffer, 0, used * 2), used, at: 0 };
    });
    for (;;) {
      let best: (typeof parts)[number] | undefined;
      for (const part of parts) {
        if (part.at < part.used && (!best || isBefore(part.words, part.at, best.words, best.at))) best = part;
      }
      if (!best) break;
      const nextHigh = best.words[best.at * 2 + 1] as number;
      const ordinal = best.words[best.at * 2] as number;
      best.at += 1;
      if (nextHigh === high) {
        ordinals ??= [first];
        ordinals.push(ordinal);
        continue;
      }
      close();
      high = nextHigh;
      first = ordinal;
      ordinals = undefined;
    }
    close();
    return groups.sort((a, b) => (a.ordinals[1] as number) - (b.ordinals[1] as number));
  }

  // Rows that share a hash's high half: grouped by its low half too (a whole 64-bit hash, so one id each).
  #byLow(high: number, ordinals: readonly number[]): RepeatedId[] {
    const byLow = new Map<number, number[]>();
    for (const ordinal of ordinals) {
      const low = this.#lows[ordinal >>> 16]?.[ordinal & (CHUNK_ROWS - 1)] as number;
      const same = byLow.get(low);
      if (same) same.push(ordinal);
      else byLow.set(low, [ordinal]);
    }
    return [...byLow].flatMap(([low, same]) =>
      same.length < 2 ? [] : [{ id: this.#texts.get(textKey(high, low)) ?? '', ordinals: same, rows: same.map((ordinal) => this.#lines[ordinal >>> 16]?.[ordinal & (CHUNK_ROWS - 1)] as number) }],
    );
  }

  /**
   * Each row's line by its ordinal, kept on its own (4 bytes a row) once the ids are no longer needed:
   * what a repeated id's message asks for, without a map of its rows.
   */
  lines(): (ordinal: number) => number {
    const lines = this.#lines;
    return (ordinal) => lines[ordinal >>> 16]?.[ordinal & (CHUNK_ROWS - 1)] ?? 0;
  }

  #addKey(high: number, ordinal: number): void {
    if (this.#words === undefined || this.#keyCount - this.#keyStart === this.#words.length / 2) {
      const keys = new BigUint64Array(this.#words === undefined ? FIRST_KEYS : this.#words.length);
      this.#keys.push(keys);
      this.#keyStart = this.#keyCount;
      // Written through 32-bit words (little-endian): the key is (high half, ordinal), with no BigInt made.
      this.#words = new Uint32Array(keys.buffer);
    }
    const at = (this.#keyCount - this.#keyStart) * 2;
    this.#words[at] = ordinal;
    this.#words[at + 1] = high;
    this.#keyCount += 1;
  }

  // The current key chunk's 32-bit words, and where in the keys it starts.
  #words: Uint32Array | undefined;
  #keyStart = 0;
}

const isBefore = (a: Uint32Array, i: number, b: Uint32Array, j: number) => {
  const [ah, bh] = [a[i * 2 + 1] as number, b[j * 2 + 1] as number];
  return ah < bh || (ah === bh && (a[i * 2] as number) < (b[j * 2] as number));
};

// A repeated id's text is found again by its hash: 53 of its 64 bits, exact in a JavaScript number.
const textKey = (high: number, low: number) => high * 2 ** 21 + (low >>> 11);

/**
 * A Bloom filter that grows with what it holds: a new filter of twice the capacity once the last is full,
 * every one asked. 16 bits and 4 probes an id: about 1 % of ids are taken for seen when they were not (a
 * million rows keep some ten thousand texts for nothing), at 2 to 4 bytes a row.
 */
interface Filter {
  readonly bits: Uint32Array;
  readonly mask: number;
  readonly capacity: number;
  count: number;
}

class GrowingBloom {
  readonly #filters: Filter[] = [];

  has(high: number, low: number): boolean {
    for (const filter of this.#filters) if (this.#in(filter, high, low)) return true;
    return false;
  }

  #in(filter: Filter, high: number, low: number): boolean {
    for (let probe = 0; probe < 4; probe += 1) {
      const bit = (low + Math.imul(probe, high | 1)) & filter.mask;
      if (((filter.bits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  add(high: number, low: number): void {
    let filter = this.#filters.at(-1);
    if (!filter || filter.count === filter.capacity) {
      const capacity = filter ? filter.capacity * 2 : FIRST_KEYS;
      filter = { bits: new Uint32Array(capacity / 2), mask: capacity * 16 - 1, capacity, count: 0 };
      this.#filters.push(filter);
    }
    for (let probe = 0; probe < 4; probe += 1) {
      const bit = (low + Math.imul(probe, high | 1)) & filter.mask;
      filter.bits[bit >>> 5] = (filter.bits[bit >>> 5] as number) | (1 << (bit & 31));
    }
    filter.count += 1;
  }
}
