import { hashId } from './hash64.js';

// Keys a chunk of the hash arrays holds while they are gathered.
const CHUNK = 1 << 16;
// The ids' text is kept in buffers of this size, never copied as they fill (an id never spans two).
const ID_CHUNK = 1 << 20;
// How many ids of a key on several records are kept for its rows' message (the rest are counted).
const KEPT_IDS = 5;

/**
 * The distinct keys of a `match` run and what each came to, in about 30 bytes a key plus its record's id
 * (a Set of the keys and a Map of their ids took about 200): each key is a 64-bit hash in sorted typed
 * arrays, found by binary search; its record's id is kept as UTF-8 in one growing buffer; a key on several
 * records keeps the first few ids and its count. The keys' texts are never held: the plan has them, and
 * whoever needs one (a query, a row's message) reads it there. Two different keys share a hash with a chance
 * of about 3 in 100 million for a million keys (as ids do in id-index.ts).
 */
export class KeyIndex {
  #highs = new Uint32Array(0);
  #lows = new Uint32Array(0);
  // While gathering: the hashes as 64-bit sort keys, chunk by chunk.
  #gathered: BigUint64Array[] = [];
  #count = 0;
  #sealed = false;
  // What each key came to: how many records hold it (capped at 2^32 - 1), and whether it is known yet.
  #records = new Uint32Array(0);
  #known = new Uint8Array(0);
  // The one record's id of a key, as [place, length]: its chunk of #ids times ID_CHUNK, plus its offset there.
  #idAt = new Uint32Array(0);
  readonly #ids: Buffer[] = [];
  #idBytes = ID_CHUNK;
  readonly #several = new Map<number, string[]>();

  /** A key (normalised) of a row to send, before `seal`; repeats are fine. */
  add(key: string): void {
    if (this.#sealed) throw new Error('The key index is sealed');
    const [high, low] = hashId(key);
    const at = this.#count & (CHUNK - 1);
    if (at === 0) this.#gathered.push(new BigUint64Array(CHUNK));
    (this.#gathered.at(-1) as BigUint64Array)[at] = (BigInt(high) << 32n) | BigInt(low);
    this.#count += 1;
  }

  /** Ends the gathering: the hashes sorted, each key once. */
  seal(): void {
    const all = new BigUint64Array(this.#count);
    this.#gathered.forEach((chunk, index) => all.set(index === this.#gathered.length - 1 ? chunk.subarray(0, this.#count - index * CHUNK) : chunk, index * CHUNK));
    this.#gathered = [];
    all.sort();
    let distinct = 0;
    for (let index = 0; index < all.length; index += 1) if (index === 0 || all[index] !== all[index - 1]) all[distinct++] = all[index] as bigint;
    this.#highs = new Uint32Array(distinct);
    this.#lows = new Uint32Array(distinct);
    for (let index = 0; index < distinct; index += 1) {
      const value = all[index] as bigint;
      this.#highs[index] = Number(value >> 32n);
      this.#lows[index] = Number(value & 0xffffffffn);
    }
    this.#count = distinct;
    this.#records = new Uint32Array(distinct);
    this.#known = new Uint8Array(distinct);
    this.#idAt = new Uint32Array(distinct * 2);
    this.#sealed = true;
  }

  /** Distinct keys. */
  get size(): number {
    return this.#count;
  }

  /** The key's place in the index, or -1 when it is none of the run's keys. */
  indexOf(key: string): number {
    const [high, low] = hashId(key);
    let from = 0;
    let to = this.#count - 1;
    while (from <= to) {
      const middle = (from + to) >>> 1;
      const h = this.#highs[middle] as number;
      const l = this.#lows[middle] as number;
      if (h === high && l === low) return middle;
      if (h < high || (h === high && l < low)) from = middle + 1;
      else to = middle - 1;
    }
    return -1;
  }

  /** A record holding the key at `index` (a module page's record, or a query's). */
  addRecord(index: number, id: string): void {
    const records = this.#records[index] as number;
    if (records === 0) {
      const bytes = Buffer.byteLength(id);
      if (this.#idBytes + bytes > ID_CHUNK) {
        this.#ids.push(Buffer.allocUnsafe(Math.max(ID_CHUNK, bytes)));
        this.#idBytes = 0;
      }
      (this.#ids.at(-1) as Buffer).write(id, this.#idBytes);
      this.#idAt[index * 2] = (this.#ids.length - 1) * ID_CHUNK + this.#idBytes;
      this.#idAt[index * 2 + 1] = bytes;
      this.#idBytes += bytes;
    } else {
      const kept = this.#several.get(index) ?? [this.#firstId(index)];
      if (kept.length < KEPT_IDS) kept.push(id);
      this.#several.set(index, kept);
    }
    if (records < 0xffffffff) this.#records[index] = records + 1;
  }

  /** Marks the key at `index` as found (with the records added for it): a query answered, or the module read to its end. */
  markKnown(index: number): void {
    this.#known[index] = 1;
  }

  /** Marks every key known: the module was read to its end, so a key it did not hold is on no record. */
  markAllKnown(): void {
    this.#known.fill(1);
  }

  isKnown(index: number): boolean {
    return this.#known[index] === 1;
  }

  /** Keys known so far. */
  knownCount(): number {
    let known = 0;
    for (const flag of this.#known) known += flag;
    return known;
  }

  /** Forgets every record found (a module read cut short: its keys are asked one by one instead), keeping what queries found. */
  forgetUnknown(): void {
    for (let index = 0; index < this.#count; index += 1) {
      if (this.#known[index] === 1) continue;
      this.#records[index] = 0;
      this.#several.delete(index);
    }
  }

  /** How many records hold the key at `index`. */
  records(index: number): number {
    return this.#records[index] as number;
  }

  /** The record's id of a key on exactly one record; the first few of a key on several. */
  ids(index: number): readonly string[] {
    const records = this.#records[index] as number;
    if (records === 0) return [];
    return records === 1 ? [this.#firstId(index)] : (this.#several.get(index) ?? [this.#firstId(index)]);
  }

  #firstId(index: number): string {
    const place = this.#idAt[index * 2] as number;
    const offset = place % ID_CHUNK;
    return (this.#ids[Math.floor(place / ID_CHUNK)] as Buffer).toString('utf8', offset, offset + (this.#idAt[index * 2 + 1] as number));
  }
}
