import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { WolkvoxBulkError } from '../core/errors.js';
import type { CallReason, RowResult } from '../core/types.js';
import { ResultTable } from './result-table.js';

/** A row's outcome as journaled: the result, its id, and the refusals met on the way. */
export interface JournalRow extends RowResult {
  readonly refused?: Readonly<Partial<Record<CallReason, number>>>;
}

type Line =
  | { t: 'session'; n: number; at: string; pid: number }
  | { t: 'begin'; o: number }
  // The call begun just before for row `o` never reached a server (DNS, connection refused): not a call.
  | { t: 'unreached'; o: number }
  | { t: 'row'; row: JournalRow }
  | { t: 'quota-check' };

// fsync at most this often: a kill -9 loses nothing written (the OS has it); a power cut loses at most this.
const SYNC_INTERVAL_MS = 200;

/**
 * The run's append-only record: one line when a row's call starts, one when its outcome is final. Lines are
 * written by the end of the event-loop turn they happen in, so a process killed at any point leaves every
 * row finished before that turn on disk.
 */
export class Journal {
  readonly #fd: number;
  readonly #onFailure: ((error: Error) => void) | undefined;
  /** Bytes of whole lines on disk: a write cut short is truncated back to this. */
  #size: number;
  #failure: Error | undefined;
  #lastSync = 0;
  #closed = false;
  #pending = '';
  #scheduled = false;

  /** `onFailure` is told once when a write fails (a full disk): the journal then takes no more lines. */
  constructor(file: string, onFailure?: (error: Error) => void) {
    this.#fd = fs.openSync(file, 'a+', 0o600);
    this.#size = wholeLinesLength(this.#fd, fs.fstatSync(this.#fd).size);
    // A line cut short (a power cut) would run into this session's first line: it goes.
    fs.ftruncateSync(this.#fd, this.#size);
    this.#onFailure = onFailure;
  }

  /** The write error that stopped the journal, if one did. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  startSession(n: number): void {
    this.#write({ t: 'session', n, at: new Date().toISOString(), pid: process.pid });
  }

  begin(ordinal: number): void {
    this.#write({ t: 'begin', o: ordinal });
  }

  /** The row's last begun call failed to connect: the fold does not count it as a call. */
  unreached(ordinal: number): void {
    this.#write({ t: 'unreached', o: ordinal });
  }

  record(row: JournalRow): void {
    this.#write({ t: 'row', row });
  }

  quotaCheck(): void {
    this.#write({ t: 'quota-check' });
  }

  /** Writes what is pending now and makes it durable (before the run file points at it). */
  sync(): void {
    this.#flush();
    if (!this.#failure) fs.fdatasyncSync(this.#fd);
  }

  /** Writes what is pending and closes the file; a failure is kept in `failure`, never thrown. */
  close(): void {
    if (this.#closed) return;
    this.#flush();
    this.#closed = true;
    try {
      if (!this.#failure) fs.fdatasyncSync(this.#fd);
    } catch (error) {
      this.#fail(error as Error);
    }
    fs.closeSync(this.#fd);
  }

  #write(line: Line): void {
    if (this.#failure) return;
    this.#pending += `${JSON.stringify(line)}\n`;
    // Lines of one turn of the event loop go out in one write, at the end of that turn: a kill -9 loses
    // at most that turn (well under a millisecond), and a busy run makes one system call, not dozens.
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    }
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
      const now = performance.now();
      if (now - this.#lastSync >= SYNC_INTERVAL_MS) {
        fs.fdatasyncSync(this.#fd);
        this.#lastSync = now;
      }
    } catch (error) {
      // Never leave half a line: the journal keeps whole lines only, so a resume reads it as it was.
      try {
        fs.ftruncateSync(this.#fd, this.#size);
      } catch {
        // The next fold skips a cut last line anyway.
      }
      this.#fail(error as Error);
    }
  }

  #fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    this.#onFailure?.(error);
  }
}

// The length of the file up to its last line end.
function wholeLinesLength(fd: number, size: number): number {
  const chunk = Buffer.alloc(4096);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - chunk.length);
    const read = fs.readSync(fd, chunk, 0, end - start, start);
    const newline = chunk.subarray(0, read).lastIndexOf(0x0a);
    if (newline !== -1) return start + newline + 1;
    end = start;
  }
  return 0;
}

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

/** Everything a journal says, folded: the latest result per row and the totals of every session. */
export interface JournalState {
  readonly table: ResultTable;
  /** Rows whose call started but whose outcome never came (the process died meanwhile). */
  readonly unfinished: ReadonlySet<number>;
  readonly sessions: number;
  /** Calls made, over all sessions; an unfinished row counts as one; calls that never reached a server do not. */
  readonly calls: number;
  /** Calls that never reached a server (DNS, connection refused, no route). */
  readonly connectionFailures: number;
  readonly retries: number;
  readonly quotaChecks: number;
  readonly refused: Partial<Record<CallReason, number>>;
  /** Rows sent again after a crash left them unfinished. */
  readonly resent: number;
  /** Where the journal stands now (its sessions, length and hash), for the run file. */
  readonly mark: JournalMark;
}

function damaged(file: string, what: string): WolkvoxBulkError {
  const dir = path.dirname(file);
  return new WolkvoxBulkError(
    'RUN_DAMAGED',
    `Damaged run: ${file} ${what}. The journal is how a run knows which rows were already sent; without it whole, resume would send them again, so it stops here. Put back the journal from a backup if you have one. Otherwise start a new run with only the rows not yet updated: ${path.join(dir, 'results.csv')} shows what each row came to when the last session ended (its failed.csv, when there is one, holds the rows still to send).`,
    { file },
  );
}

/**
 * Folds the journal. With `expected` (the run file's mark), refuses a journal that is missing, shorter,
 * different in its first bytes, or with fewer sessions than the run file says; and anywhere, a damaged
 * line that is not the very last one (only a power cut can leave a last line cut short).
 */
export async function loadJournal(file: string, rows: number, expected?: JournalMark): Promise<JournalState> {
  const table = new ResultTable(rows);
  const inFlight = new Set<number>();
  // Rows in flight when an earlier session died: their call was made, their outcome is unknown.
  const lost = new Set<number>();
  const refused: Partial<Record<CallReason, number>> = {};
  let sessions = 0;
  let calls = 0;
  let connectionFailures = 0;
  let retries = 0;
  let quotaChecks = 0;
  let resent = 0;
  const hash = createHash('sha256');
  let bytes = 0;
  // The hash of the first `expected.bytes` bytes, taken as the fold passes that point.
  let hashAtMark: string | undefined = expected?.bytes === 0 ? hash.copy().digest('hex') : undefined;
  const state = () => {
    const unfinished = new Set([...lost, ...inFlight]);
    return { table, unfinished, sessions, calls, connectionFailures, retries, quotaChecks, refused, resent, mark: { sessions, bytes, sha256: hash.copy().digest('hex') } };
  };
  if (!fs.existsSync(file)) {
    if (expected && (expected.sessions > 0 || expected.bytes > 0)) throw damaged(file, 'is missing');
    return state();
  }
  // Line by line: a million-row journal is hundreds of megabytes, more than one string should hold.
  const lines = createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let cut: number | undefined;
  for await (const raw of lines) {
    lineNumber += 1;
    if (cut !== undefined) throw damaged(file, `has a damaged line (line ${cut}) before its end`);
    addLine(hash, raw);
    bytes += Buffer.byteLength(raw, 'utf8') + 1;
    if (expected && bytes === expected.bytes) hashAtMark = hash.copy().digest('hex');
    if (raw === '') continue;
    let line: Line;
    try {
      line = JSON.parse(raw) as Line;
    } catch {
      cut = lineNumber;
      continue;
    }
    if (line.t === 'session') {
      sessions = Math.max(sessions, line.n);
      for (const ordinal of inFlight) lost.add(ordinal);
      inFlight.clear();
    } else if (line.t === 'begin') {
      // One line per call that left (every attempt), so a row cut short by a crash still counts each
      // call it made.
      calls += 1;
      if (lost.delete(line.o)) resent += 1;
      inFlight.add(line.o);
      // A new call makes any earlier outcome of the row stale (resume --retry-failed re-sends failed
      // rows): until its own outcome is written, the row's state is unknown.
      table.clear(line.o);
    } else if (line.t === 'unreached') {
      // Written after a begin whose call failed to connect: no server saw it, no quota was spent.
      calls -= 1;
      connectionFailures += 1;
      inFlight.delete(line.o);
    } else if (line.t === 'quota-check') {
      quotaChecks += 1;
    } else if (line.t === 'row') {
      const { row } = line;
      inFlight.delete(row.ordinal);
      table.set(row);
      retries += Math.max(0, row.attempts - 1);
      for (const [reason, count] of Object.entries(row.refused ?? {})) {
        refused[reason as CallReason] = (refused[reason as CallReason] ?? 0) + count;
      }
    }
  }
  if (expected) {
    if (bytes < expected.bytes) throw damaged(file, `is shorter than the run left it (${bytes} bytes, ${expected.bytes} expected): it was emptied or cut`);
    if (hashAtMark !== expected.sha256) throw damaged(file, 'was changed: its first lines are not the ones the run wrote');
    if (sessions < expected.sessions) throw damaged(file, `holds ${sessions} sessions where the run started ${expected.sessions}`);
  }
  return state();
}

// The bytes of a line as written (lines end in LF), so the hash is the file's own.
function addLine(hash: Hash, raw: string): void {
  hash.update(raw, 'utf8');
  hash.update('\n');
}
