import fs from 'node:fs';
import type { PlanRow } from '../core/types.js';
import { hashId } from '../plan/hash64.js';
import type { JobSettings } from '../plan/options.js';
import { bodyHashOf } from '../plan/row-plan.js';
import { createAtomicFile } from './atomic-file.js';
import { BASELINE_ENTRY, BASELINE_HEADER, BASELINE_MAGIC } from './baseline.js';
import { planRowBatches } from './plan-reader.js';
import type { RowTable } from './row-table.js';

// Entries sorted a bucket at a time: about this many in memory at once, whatever the rows.
const BUCKET_ENTRIES = 1 << 16;
const WRITE_BYTES = 1 << 16;

/** Bytes gathered and written to a file descriptor in large writes. */
class Output {
  readonly #fd: number;
  #buffer = Buffer.alloc(WRITE_BYTES);
  #used = 0;
  #position: number;

  constructor(fd: number, position = 0) {
    this.#fd = fd;
    this.#position = position;
  }

  words(words: Uint32Array, from: number, count: number): void {
    for (let index = from; index < from + count; index += 1) {
      if (this.#used + 4 > this.#buffer.length) this.flush();
      this.#buffer.writeUInt32LE(words[index] as number, this.#used);
      this.#used += 4;
    }
  }

  flush(): void {
    for (let offset = 0; offset < this.#used; ) offset += fs.writeSync(this.#fd, this.#buffer, offset, this.#used - offset, this.#position + offset);
    this.#position += this.#used;
    this.#used = 0;
  }
}

/**
 * Writes the run's baseline atomically (private, 0600): for every row whose body the CRM is known to hold
 * (updated in any session, or found unchanged), its body as the run's plan holds it, hashed for the run's
 * target (rows with attachments have no hash). An id on several such rows (`--duplicates all`), or two
 * ids sharing a hash, is left out: it is simply sent next time; so is an id in `notAsSent` (verify found
 * its record differing from what was sent, or gone).
 *
 * The rows come from a pass over the plan that someone else makes (the reports'), through `add`. Memory
 * stays the same whatever the rows: the entries go to scratch files by the top bits of their id's hash (so
 * an id's entries share one), and `close` sorts each bucket alone and appends it in order.
 */
export class BaselineWriter {
  readonly #file: string;
  readonly #table: RowTable;
  readonly #target: Pick<JobSettings, 'operation' | 'module'>;
  readonly #notAsSent: ReadonlySet<string>;
  readonly #bits: number;
  readonly #buckets: string[];
  readonly #fds: number[] = [];
  readonly #outputs: Output[];
  readonly #entry = new Uint32Array(4);

  constructor(file: string, table: RowTable, target: Pick<JobSettings, 'operation' | 'module'>, notAsSent: ReadonlySet<string> = new Set()) {
    this.#file = file;
    this.#table = table;
    this.#target = target;
    this.#notAsSent = notAsSent;
    this.#bits = Math.max(0, Math.min(8, Math.ceil(Math.log2(table.size / BUCKET_ENTRIES))));
    this.#buckets = Array.from({ length: 1 << this.#bits }, (_, index) => `${file}.${process.pid}.bucket${index}`);
    try {
      this.#outputs = this.#buckets.map((bucket) => {
        const fd = fs.openSync(bucket, 'w+', 0o600);
        this.#fds.push(fd);
        return new Output(fd);
      });
    } catch (error) {
      this.discard();
      throw error;
    }
  }

  /** A row of the plan, in any order: its entry, if the CRM holds its body. */
  add(row: PlanRow): void {
    if (row.id === undefined || row.fields === undefined || !this.#table.holdsBody(row.ordinal) || this.#notAsSent.has(row.id)) return;
    const body = bodyHashOf(this.#target, { id: row.id, fields: row.fields, ...(row.attachments ? { attachments: row.attachments } : {}) });
    if (body === undefined) return;
    const entry = this.#entry;
    [entry[0], entry[1]] = hashId(row.id);
    [entry[2], entry[3]] = body;
    this.#outputs[this.#bits === 0 ? 0 : (entry[0] as number) >>> (32 - this.#bits)]?.words(entry, 0, 4);
  }

  /** Sorts and writes baseline.bin, then removes the scratch files. */
  close(): { readonly entries: number } {
    const target = createAtomicFile(this.#file);
    try {
      for (const output of this.#outputs) output.flush();
      const out = fs.openSync(target.temporary, 'w', 0o600);
      let written = 0;
      try {
        const writer = new Output(out, BASELINE_HEADER);
        for (const fd of this.#fds) written += writeBucket(fd, writer);
        writer.flush();
        const header = Buffer.alloc(BASELINE_HEADER);
        BASELINE_MAGIC.copy(header, 0);
        header.writeUInt32LE(written, 8);
        fs.writeSync(out, header, 0, header.length, 0);
        fs.fsyncSync(out);
      } finally {
        fs.closeSync(out);
      }
      target.commit();
      return { entries: written };
    } catch (error) {
      target.discard();
      throw error;
    } finally {
      this.discard();
    }
  }

  /** Removes the scratch files (the baseline is not written). */
  discard(): void {
    for (const fd of this.#fds.splice(0)) fs.closeSync(fd);
    for (const bucket of this.#buckets) fs.rmSync(bucket, { force: true });
  }
}

/** Writes the run's baseline from its plan in a pass of its own (see BaselineWriter). */
export async function writeBaseline(file: string, plan: string, table: RowTable, target: Pick<JobSettings, 'operation' | 'module'>): Promise<{ readonly entries: number }> {
  const writer = new BaselineWriter(file, table, target);
  try {
    for await (const rows of planRowBatches(plan)) for (const row of rows) writer.add(row);
  } catch (error) {
    writer.discard();
    throw error;
  }
  return writer.close();
}

// One bucket's entries sorted by id hash, each id once (an id on several rows left out); returns how many.
function writeBucket(fd: number, writer: Output): number {
  const size = fs.fstatSync(fd).size;
  const data = Buffer.alloc(size);
  for (let offset = 0; offset < size; ) offset += fs.readSync(fd, data, offset, size - offset, offset);
  const count = size / BASELINE_ENTRY;
  const words = new Uint32Array(count * 4);
  for (let word = 0; word < words.length; word += 1) words[word] = data.readUInt32LE(word * 4);
  const compare = (a: number, b: number) => (words[a * 4] as number) - (words[b * 4] as number) || (words[a * 4 + 1] as number) - (words[b * 4 + 1] as number);
  const order = new Uint32Array(count).map((_, index) => index);
  order.sort(compare);
  const sameId = (a: number, b: number | undefined) => b !== undefined && compare(a, b) === 0;
  let written = 0;
  for (let at = 0; at < count; at += 1) {
    const index = order[at] as number;
    if (sameId(index, order[at - 1]) || sameId(index, order[at + 1])) continue;
    writer.words(words, index * 4, 4);
    written += 1;
  }
  return written;
}
