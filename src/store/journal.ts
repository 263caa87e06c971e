import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JournalDamage } from '../core/catalog/en-errors2.js';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import { JOURNAL_FORMAT, type JournalLine, type JournalFold } from './journal-fold.js';

// fsync at most this often: a kill -9 loses nothing written (the OS has it); a power cut loses at most this.
const SYNC_INTERVAL_MS = 200;

/**
 * Where the journal stood when the run file last pointed at it: sessions started, and the length and
 * SHA-256 of its whole lines. A journal that does not begin with exactly those bytes was changed.
 */
export interface JournalMark {
  readonly sessions: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** The mark of a journal with nothing in it yet. */
export const EMPTY_JOURNAL: JournalMark = { sessions: 0, bytes: 0, sha256: createHash('sha256').digest('hex') };

/** What reading a journal found: its whole lines' length and running hash, from which writing goes on. */
export interface JournalEnd {
  readonly bytes: number;
  readonly hash: Hash;
}

/**
 * Reads the journal once, line by line into `fold`. With `expected` (the run file's mark), refuses a
 * journal that is missing, shorter, different in its first bytes, or with fewer sessions than the run
 * file says; and anywhere, a damaged line that is not the very last one (only a power cut can leave a
 * last line cut short, and that line is dropped).
 */
export async function readJournal(file: string, fold: JournalFold, expected?: JournalMark): Promise<JournalEnd> {
  const hash = createHash('sha256');
  let bytes = 0;
  // The hash of the first `expected.bytes` bytes, taken as the reading passes that point.
  let hashAtMark = expected?.bytes === 0 ? hash.copy().digest('hex') : undefined;
  if (!fs.existsSync(file)) {
    if (expected && (expected.sessions > 0 || expected.bytes > 0)) throw damaged(file, { kind: 'missing' });
    return { bytes, hash };
  }
  let rest = Buffer.alloc(0);
  let lineNumber = 0;
  let cut: number | undefined;
  // Chunk by chunk: a million-row journal is hundreds of megabytes, more than one string should hold.
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    let data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    for (let newline = data.indexOf(0x0a); newline !== -1; newline = data.indexOf(0x0a)) {
      const raw = data.subarray(0, newline + 1);
      data = data.subarray(newline + 1);
      lineNumber += 1;
      if (cut !== undefined) throw damaged(file, { kind: 'cut-line', line: cut });
      hash.update(raw);
      bytes += raw.length;
      if (expected && bytes === expected.bytes) hashAtMark = hash.copy().digest('hex');
      const text = raw.toString('utf8', 0, raw.length - 1);
      if (text === '') continue;
      let line: JournalLine;
      try {
        line = JSON.parse(text) as JournalLine;
      } catch {
        cut = lineNumber;
        continue;
      }
      fold.apply(line);
    }
    rest = Buffer.from(data);
  }
  if (rest.length > 0 && cut !== undefined) throw damaged(file, { kind: 'cut-line', line: cut });
  // Lines a newer version writes would be skipped here, and their rows sent again.
  if (fold.newestFormat > JOURNAL_FORMAT) {
    throw new WolkvoxBulkError('RUN_INVALID', message('journal.newer', { file, format: fold.newestFormat, reads: JOURNAL_FORMAT }), { file });
  }
  if (expected) {
    if (bytes < expected.bytes) throw damaged(file, { kind: 'shorter', bytes, expected: expected.bytes });
    if (hashAtMark !== expected.sha256) throw damaged(file, { kind: 'changed' });
    if (fold.sessions < expected.sessions) throw damaged(file, { kind: 'sessions', sessions: fold.sessions, expected: expected.sessions });
  }
  return { bytes, hash };
}

function damaged(file: string, why: JournalDamage): WolkvoxBulkError {
  return new WolkvoxBulkError('RUN_DAMAGED', message('journal.damaged', { file, why, results: path.join(path.dirname(file), 'results.csv') }), { file });
}

/**
 * The run's append-only record: one line when a call starts, one when its answer comes, one when a row's
 * outcome is final (and one when a batch's answer leaves it to be narrowed down). Lines are
 * written by the end of the event-loop turn they happen in, so a process killed at any point leaves every
 * row finished before that turn on disk. Only whole lines are ever left in it.
 */
export class JournalWriter {
  readonly #fd: number;
  readonly #onFailure: ((error: Error) => void) | undefined;
  readonly #hash: Hash;
  /** Bytes of whole lines on disk: a write cut short is truncated back to this. */
  #size: number;
  #failure: Error | undefined;
  #lastSync = 0;
  #closed = false;
  #pending = '';
  #scheduled = false;
  #syncing = false;

  /**
   * Goes on from where `readJournal` stopped (a cut last line is dropped). `onFailure` is told once when a
   * write fails (a full disk): the journal then takes no more lines.
   */
  constructor(file: string, end: JournalEnd, onFailure?: (error: Error) => void) {
    this.#fd = fs.openSync(file, 'a', 0o600);
    fs.ftruncateSync(this.#fd, end.bytes);
    this.#size = end.bytes;
    this.#hash = end.hash;
    this.#onFailure = onFailure;
  }

  /** The write error that stopped the journal, if one did. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /** The length and hash of what is on disk, once `sync` or `close` has written everything. */
  end(sessions: number): JournalMark {
    return { sessions, bytes: this.#size, sha256: this.#hash.copy().digest('hex') };
  }

  /**
   * `now`: on disk before this returns (with every line before it). A call's `begin` line must be: the
   * request may leave in this same turn of the event loop, and a kill before the line is written would
   * leave a call the journal never saw. Returns false when the line is not (and will not be) on disk: the
   * journal failed, now or before.
   */
  write(line: JournalLine | string, now = false): boolean {
    if (this.#failure || this.#closed) return false;
    // A line may come as its JSON text already (a batch's `same` lines, one a row: see sameLine).
    this.#pending += `${typeof line === 'string' ? line : JSON.stringify(line)}\n`;
    if (now) {
      this.#flush();
      return this.#failure === undefined;
    }
    // Lines of one turn of the event loop go out in one write, at the end of that turn: a kill -9 loses
    // at most that turn (well under a millisecond), and a busy run makes one system call, not dozens.
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    }
    return true;
  }

  /** Writes what is pending now and makes it durable (before the run file points at it). */
  sync(): void {
    this.#flush();
    if (this.#failure) return;
    try {
      fs.fdatasyncSync(this.#fd);
    } catch (error) {
      this.#fail(error as Error);
    }
  }

  /** Writes what is pending and closes the file; a failure is kept in `failure`, never thrown. */
  close(): void {
    if (this.#closed) return;
    this.sync();
    this.#closed = true;
    fs.closeSync(this.#fd);
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#pending === '' || this.#closed || this.#failure) return;
    const bytes = Buffer.from(this.#pending, 'utf8');
    this.#pending = '';
    try {
      // A write may be cut short (a file size limit, a disk filling up): the rest goes in the next one,
      // which then says why it cannot.
      for (let offset = 0; offset < bytes.length; ) offset += fs.writeSync(this.#fd, bytes, offset);
      this.#size += bytes.length;
      this.#hash.update(bytes);
      this.#syncNowAndThen();
    } catch (error) {
      // Never leave half a line: the journal keeps whole lines only, so a resume reads it as it was.
      try {
        fs.ftruncateSync(this.#fd, this.#size);
      } catch {
        // A cut last line is dropped when the journal is read again anyway.
      }
      this.#fail(error as Error);
    }
  }

  // The periodic sync runs off the event loop: a synchronous one held the loop (and every answer waiting
  // to be taken in, and the next call) for up to tens of milliseconds on a slow disk. A kill -9 loses
  // nothing either way (the OS has the bytes); `sync` and `close` stay synchronous, for the run file.
  #syncNowAndThen(): void {
    const now = performance.now();
    if (this.#syncing || now - this.#lastSync < SYNC_INTERVAL_MS) return;
    this.#lastSync = now;
    this.#syncing = true;
    fs.fdatasync(this.#fd, (error) => {
      this.#syncing = false;
      // After close the descriptor is gone (close synced everything itself): nothing to report.
      if (error && !this.#closed) this.#fail(error);
    });
  }

  #fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    this.#onFailure?.(error);
  }
}
