import type { CallOutcome, RowResult } from '../core/types.js';
import { onRunFolder } from './file-errors.js';
import { JOURNAL_FORMAT, JournalFold, sameLine, sameOutcome, type RunTotals } from './journal-fold.js';
import type { NarrowingGroup } from './narrowing.js';
import { EMPTY_JOURNAL, JournalWriter, readJournal, type JournalMark } from './journal.js';
import { markJournal } from './run-file.js';
import type { RunPaths } from './run-folder.js';
import type { RowTable } from './row-table.js';

/**
 * One session's store: the run's row table with every outcome recorded so far, and the journal it is
 * read from once and written to from then on. What the send pass records goes to both at once.
 */
export interface RunStore {
  readonly table: RowTable;
  /** The session's number (1 for the first). */
  readonly session: number;
  /** The write error that stopped the journal, if one did. */
  readonly failure: Error | undefined;
  totals(): RunTotals;
  /** Rows whose outcome is not known yet (sent again if the plan still sends them). */
  unfinished(): ReadonlySet<number>;
  /** The batches an earlier session was narrowing down when it ended, as the journal was read. */
  readonly narrowing: readonly NarrowingGroup[];
  /** Writes the session's first line and points the run file at the journal (before the first call). */
  startSession(): Promise<void>;
  /**
   * A call is about to leave for these rows (one, or a batch): returns its number in the run once its
   * line is on disk, or undefined when the journal cannot be written, and the call must not leave.
   */
  begin(ordinals: number | readonly number[], retry?: boolean): number | undefined;
  /** Call `call` was answered (retry- and pause-class answers are counted as refused). */
  answered(call: number, outcome: CallOutcome): void;
  unreached(ordinals: number | readonly number[], call: number): void;
  /** The answer of call `call` did not confirm these rows each: they are narrowed down (`missing`: how many were not applied, when known). */
  narrow(ordinals: readonly number[], missing: number | undefined, call: number): void;
  record(result: RowResult): void;
  quotaCheck(): void;
  /** Writes everything, closes the journal and, once the session started, points the run file at its end. */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  readonly paths: RunPaths;
  /** The run's rows, as planned by this session's check. */
  readonly table: RowTable;
  /** The journal as the run file last saw it (absent for a new run). */
  readonly mark?: JournalMark;
  /** Told once when the journal cannot be written (a full disk). */
  readonly onWriteFailure: (error: Error) => void;
}

/** Opens the run's store for a session: the journal is read (and checked against the run file) once. */
export async function openRunStore(options: OpenStoreOptions): Promise<RunStore> {
  const { paths, table } = options;
  const fold = new JournalFold(table);
  const end = await readJournal(paths.journal, fold, options.mark);
  const session = fold.sessions + 1;
  const narrowing = fold.narrowing();
  const writer = await onRunFolder(paths.dir, 'RUN_FOLDER', { kind: 'permissions', dir: paths.dir, then: 'again' }, () =>
    new JournalWriter(paths.journal, end, options.onWriteFailure),
  );
  let started = false;
  let closed = false;
  // This session's last row line (a `same` line repeats it).
  let lastRow: RowResult | undefined;
  const write = (line: Parameters<JournalFold['apply']>[0], now = false) => {
    writer.write(line, now);
    fold.apply(line);
  };
  return {
    table,
    session,
    get failure() {
      return writer.failure;
    },
    totals: () => fold.totals(),
    unfinished: () => fold.unfinished(),
    narrowing,
    async startSession() {
      started = true;
      write({ t: 'session', n: session, at: new Date().toISOString(), pid: process.pid, v: JOURNAL_FORMAT });
      writer.sync();
      // From here a journal with fewer sessions, or other first lines, is refused by resume. The mark keeps
      // the length before this session's lines, which a crash may leave cut.
      const mark = { ...(options.mark ?? EMPTY_JOURNAL), sessions: session };
      await onRunFolder(paths.dir, 'RUN_FOLDER', { kind: 'permissions', then: 'again' }, () => markJournal(paths, mark));
    },
    begin(ordinals, retry = false) {
      const line = { t: 'begin', o: typeof ordinals === 'number' ? ordinals : [...ordinals], ...(retry ? { r: 1 as const } : {}) } as const;
      // A call the journal has no trace of would be sent again blindly by a resume: it stays here.
      if (!writer.write(line, true)) return undefined;
      fold.apply(line);
      return fold.callNumber;
    },
    answered: (call, outcome) => write({ t: 'answer', c: call, ...(outcome.kind === 'retry' || outcome.kind === 'pause' ? { r: outcome.reason } : {}) }),
    unreached: (ordinals, call) => write({ t: 'unreached', o: typeof ordinals === 'number' ? ordinals : [...ordinals], c: call }),
    narrow: (ordinals, missing, call) => write({ t: 'narrow', o: [...ordinals], c: call, ...(missing === undefined ? {} : { m: missing }) }),
    record: (row) => {
      // A row that shares the last row line's outcome (the rows of a batch) is written as a `same` line.
      // The fold takes the row itself: the same outcome, without rebuilding it from the short line.
      if (lastRow !== undefined && sameOutcome(lastRow, row)) {
        writer.write(sameLine(row));
        fold.apply({ t: 'row', row });
        return;
      }
      lastRow = row;
      write({ t: 'row', row });
    },
    quotaCheck: () => write({ t: 'quota-check' }),
    async close() {
      if (closed) return;
      closed = true;
      writer.close();
      if (started && !writer.failure) await onRunFolder(paths.dir, 'WRITE_FAILED', { kind: 'space' }, () => markJournal(paths, writer.end(session)));
    },
  };
}
