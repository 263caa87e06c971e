import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { BaselineDamage } from '../core/catalog/en-errors2.js';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import type { Hash64 } from '../core/types.js';
import { hashId } from '../plan/hash64.js';
import { writeFileAtomic } from './atomic-file.js';

// baseline.bin (written by baseline-writer.ts): a 16-byte header (magic, entry count, a reserved zero), then one 16-byte entry per id —
// the id's hash and the hash of the body the CRM holds for it, four little-endian uint32s — sorted by the
// id's hash, each id once. Loading is one read into a typed array and a lookup a binary search: 16 bytes
// a row on disk and in memory, whatever the ids and fields look like.
export const BASELINE_MAGIC = Buffer.from('wvxbase1', 'latin1');
export const BASELINE_HEADER = 16;
export const BASELINE_ENTRY = 16;
const [MAGIC, HEADER, ENTRY] = [BASELINE_MAGIC, BASELINE_HEADER, BASELINE_ENTRY];

/**
 * Takes ids out of a run's baseline (rewritten atomically; absent, it stays absent): records `verify` found
 * differing from what was sent, or gone, are not what the baseline says the CRM holds, so a later `--since`
 * must send their rows again. Returns the entries left.
 */
export function dropFromBaseline(file: string, ids: Iterable<string>): { readonly entries: number } | undefined {
  if (!fs.existsSync(file)) return undefined;
  const data = readEntries(file).entries;
  const dropped = new Set<string>();
  for (const id of ids) dropped.add(hashId(id).join(':'));
  const kept: number[] = [];
  for (let index = 0; index < data.length / 4; index += 1) {
    if (!dropped.has(`${data[index * 4] as number}:${data[index * 4 + 1] as number}`)) kept.push(index);
  }
  const out = Buffer.alloc(HEADER + kept.length * ENTRY);
  kept.forEach((index, at) => {
    for (let word = 0; word < 4; word += 1) out.writeUInt32LE(data[index * 4 + word] as number, HEADER + at * ENTRY + word * 4);
  });
  MAGIC.copy(out, 0);
  out.writeUInt32LE(kept.length, 8);
  writeFileAtomic(file, out);
  return { entries: kept.length };
}

// Orders entries (four words each) by their id hash, high half first.
function compareIds(entries: Uint32Array, a: number, b: number): number {
  return (entries[a * 4] as number) - (entries[b * 4] as number) || (entries[a * 4 + 1] as number) - (entries[b * 4 + 1] as number);
}

// The entries of baseline.bin, four words each; a file that is not one whole, sorted baseline is damaged.
function readEntries(file: string): { readonly entries: Uint32Array; readonly data: Buffer } {
  const data = fs.readFileSync(file);
  const count = data.length >= HEADER ? data.readUInt32LE(8) : -1;
  const damaged = (why: BaselineDamage) => new WolkvoxBulkError('RUN_DAMAGED', message('baseline.damaged', { file, why }), { file });
  if (count < 0 || !data.subarray(0, 8).equals(MAGIC)) throw damaged({ kind: 'not-baseline' });
  if (data.length !== HEADER + count * ENTRY) throw damaged({ kind: 'size', count, expected: HEADER + count * ENTRY, bytes: data.length });
  const entries = new Uint32Array(count * 4);
  for (let word = 0; word < entries.length; word += 1) entries[word] = data.readUInt32LE(HEADER + word * 4);
  for (let index = 1; index < count; index += 1) if (compareIds(entries, index - 1, index) >= 0) throw damaged({ kind: 'order' });
  return { entries, data };
}

/** A baseline as loaded: its entries in one typed array, and the SHA-256 of the file they came from. */
export class Baseline {
  readonly #entries: Uint32Array;
  readonly sha256: string;
  readonly bytes: number;

  private constructor(entries: Uint32Array, sha256: string, bytes: number) {
    this.#entries = entries;
    this.sha256 = sha256;
    this.bytes = bytes;
  }

  /** Reads baseline.bin; a file that is not one whole, sorted baseline is refused as damaged. */
  static read(file: string): Baseline {
    const { entries, data } = readEntries(file);
    return new Baseline(entries, createHash('sha256').update(data).digest('hex'), data.length);
  }

  /** Ids in the baseline. */
  get size(): number {
    return this.#entries.length / 4;
  }

  /** The hash of the body the CRM holds for this id, as the baseline's run left it. */
  bodyHashOf(id: string): Hash64 | undefined {
    const [high, low] = hashId(id);
    const entries = this.#entries;
    let [from, to] = [0, this.size];
    while (from < to) {
      const middle = (from + to) >>> 1;
      const [h, l] = [entries[middle * 4] as number, entries[middle * 4 + 1] as number];
      if (h === high && l === low) return [entries[middle * 4 + 2] as number, entries[middle * 4 + 3] as number];
      if (h < high || (h === high && l < low)) from = middle + 1;
      else to = middle;
    }
    return undefined;
  }
}
