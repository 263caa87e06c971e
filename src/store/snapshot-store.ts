import type { IdSet } from './id-set.js';
import { logEntries, openLog } from './read-log.js';
import type { BeforeValues } from './snapshot-file.js';

// snapshot.ndjson: the snapshot's reads as they come, one line each, so a crash loses at most the reads in
// flight: a resume goes on from the next id or page, and never reads the module twice.
//   {"t":"record","id":"c1","values":{…}}   a record found, its mapped fields' values
//   {"t":"missing","id":"c9"}                an id the CRM has no record of
//   {"t":"page","n":3,"records":250}         a module page read ("last": true on the short one)
//   {"t":"done","strategy":"module"}         every id is known
type SnapshotLine =
  | { t: 'record'; id: string; values: Record<string, unknown> }
  | { t: 'missing'; id: string }
  | { t: 'page'; n: number; records: number; last?: true }
  | { t: 'done'; strategy: 'by-id' | 'module' };

/** How far a snapshot's reads went. */
export interface SnapshotProgress {
  /** Module pages read so far. */
  pages: number;
  /** The module was read to its end (its last page was short): what it did not return is read by id. */
  moduleRead: boolean;
  /** Every id is known. */
  done: boolean;
}

const pageRead = (progress: SnapshotProgress, n: number, last: boolean) => {
  progress.pages = Math.max(progress.pages, n);
  if (last) progress.moduleRead = true;
};

/** What a snapshot's reads have found of the ids it reads, and where they go as they come. */
export interface SnapshotRecords {
  readonly progress: Readonly<SnapshotProgress>;
  /** How many of the ids are neither found nor known missing yet. */
  readonly unknown: number;
  /** Whether the id is one to read, not known yet. */
  isUnknown(id: string): boolean;
  /** An id's record as read (null: the CRM has none); an id not to read or already known is left alone. */
  found(id: string, values: BeforeValues): void;
  /** A module page read; `last` when it was short, the module's end. */
  page(n: number, records: number, last: boolean): void;
  finish(strategy: 'by-id' | 'module'): void;
  /** The id's record as read: its values, null when the CRM has none, undefined when not read. */
  valuesOf(id: string): BeforeValues | undefined;
}

const UNKNOWN = 0;
const FOUND = 1;
const MISSING = 2;

/**
 * The run's snapshot: snapshot.ndjson read back and appended to. Each id keeps a state byte and its record
 * line's place in the file (13 bytes, with the 8 of the id set): the values stay in the file and are read
 * back, a line at a time, when a row asks for them. So a million records take about 21 MB whatever their
 * fields hold. Close it when done.
 */
export async function openSnapshot(file: string, ids: IdSet): Promise<SnapshotRecords & { close(): void }> {
  const states = new Uint8Array(ids.size);
  const offsets = new Float64Array(ids.size);
  const lengths = new Uint32Array(ids.size);
  let unknown = ids.size;
  const progress: SnapshotProgress = { pages: 0, moduleRead: false, done: false };
  const mark = (id: string, state: number, offset: number, length: number) => {
    const at = ids.positionOf(id);
    if (at < 0 || states[at] !== UNKNOWN) return;
    states[at] = state;
    offsets[at] = offset;
    lengths[at] = length;
    unknown -= 1;
  };
  const isUnknown = (id: string) => {
    const at = ids.positionOf(id);
    return at >= 0 && states[at] === UNKNOWN;
  };
  for await (const { line, offset, length } of logEntries<SnapshotLine>(file)) {
    if (line.t === 'record') mark(line.id, FOUND, offset, length);
    else if (line.t === 'missing') mark(line.id, MISSING, 0, 0);
    else if (line.t === 'page') pageRead(progress, line.n, line.last === true);
    else progress.done = true;
  }
  const log = openLog<SnapshotLine>(file);
  return {
    progress,
    get unknown() {
      return unknown;
    },
    isUnknown,
    found(id, values) {
      if (!isUnknown(id)) return;
      if (values === null) {
        log.write({ t: 'missing', id });
        mark(id, MISSING, 0, 0);
      } else {
        const { offset, length } = log.write({ t: 'record', id, values: values as Record<string, unknown> });
        mark(id, FOUND, offset, length);
      }
    },
    page(n, records, last) {
      log.write({ t: 'page', n, records, ...(last ? { last } : {}) });
      pageRead(progress, n, last);
    },
    finish(strategy) {
      log.write({ t: 'done', strategy });
      log.sync();
      progress.done = true;
    },
    valuesOf(id) {
      const at = ids.positionOf(id);
      if (at < 0 || states[at] === UNKNOWN) return undefined;
      if (states[at] === MISSING) return null;
      const line = log.readAt(offsets[at] as number, lengths[at] as number);
      // Another id of the same 64-bit hash (1 in 30 million at a million ids) reads as not read: the row is sent.
      return line?.t === 'record' && line.id === id ? line.values : undefined;
    },
    close: log.close,
  };
}

/** A snapshot held in memory, written nowhere: a read pass of its own (verify's read back). */
export function memorySnapshot(ids: readonly string[]): SnapshotRecords & { readonly all: ReadonlyMap<string, BeforeValues> } {
  const wanted = new Set(ids);
  const all = new Map<string, BeforeValues>();
  const progress: SnapshotProgress = { pages: 0, moduleRead: false, done: false };
  return {
    all,
    progress,
    get unknown() {
      return wanted.size - all.size;
    },
    isUnknown: (id) => wanted.has(id) && !all.has(id),
    found(id, values) {
      if (wanted.has(id) && !all.has(id)) all.set(id, values);
    },
    page: (n, _records, last) => pageRead(progress, n, last),
    finish() {
      progress.done = true;
    },
    valuesOf: (id) => all.get(id),
  };
}

/**
 * The snapshot taken from the module read that found a `match` mapping's keys, written as the snapshot's
 * own reads would have been: the session then finds it done, and reads nothing again.
 */
export async function seedSnapshot(file: string, records: AsyncIterable<readonly [id: string, values: Record<string, unknown>]>): Promise<void> {
  const log = openLog<SnapshotLine>(file);
  try {
    for await (const [id, values] of records) log.write({ t: 'record', id, values });
    log.write({ t: 'done', strategy: 'module' });
    log.sync();
  } finally {
    log.close();
  }
}

/** Whether snapshot.ndjson says every id is known (an earlier session finished the reads). */
export async function snapshotDone(file: string): Promise<boolean> {
  for await (const { line } of logEntries<SnapshotLine>(file)) if (line.t === 'done') return true;
  return false;
}
