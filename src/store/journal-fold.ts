import type { CallReason, RowResult, RunSummary } from '../core/types.js';
import type { RowTable } from './row-table.js';

/** One line of the journal. */
export type JournalLine =
  | { t: 'session'; n: number; at: string; pid: number }
  // A call leaves for one row, or for the rows of a batch (they share it).
  | { t: 'begin'; o: number | number[] }
  // The call begun just before for row(s) `o` never reached a server (DNS, connection refused): not a call.
  | { t: 'unreached'; o: number | number[] }
  | { t: 'row'; row: RowResult }
  | { t: 'quota-check' };

/** What every session of a run adds up to, as the summary reports it. */
export type RunTotals = Pick<RunSummary, 'sessions' | 'calls' | 'connectionFailures' | 'retries' | 'quotaChecks' | 'refused' | 'resent'> & {
  /** The quota units `calls` spent if an updateMany.php call costs one unit per record (any other call costs one). */
  readonly unitsPerRecord: number;
};

/**
 * Folds journal lines into the row table and the run's totals. The same fold reads the journal once when
 * a session opens and then takes each line the session writes, so memory and disk never disagree.
 */
export class JournalFold {
  readonly #table: RowTable;
  readonly #inFlight = new Set<number>();
  // Rows in flight when an earlier session died: their call was made, their outcome is unknown.
  readonly #lost = new Set<number>();
  readonly #refused: Partial<Record<CallReason, number>> = {};
  #sessions = 0;
  #calls = 0;
  #unitsPerRecord = 0;
  #connectionFailures = 0;
  #retries = 0;
  #quotaChecks = 0;
  #resent = 0;
  // Every call begun, in the run's order: the number a row's outcome names (`call`).
  #callNumber = 0;

  constructor(table: RowTable) {
    this.#table = table;
  }

  apply(line: JournalLine): void {
    switch (line.t) {
      case 'session':
        this.#sessions = Math.max(this.#sessions, line.n);
        for (const ordinal of this.#inFlight) this.#lost.add(ordinal);
        this.#inFlight.clear();
        break;
      case 'begin':
        // One line per call that left (every attempt), so a row cut short by a crash still counts each
        // call it made. A new call makes any earlier outcome of its rows stale (resume --retry-failed):
        // until its own outcome is written, each row's state is unknown.
        this.#calls += 1;
        this.#unitsPerRecord += unitsPerRecord(line.o);
        this.#callNumber += 1;
        for (const ordinal of ordinalsOf(line.o)) {
          if (this.#lost.delete(ordinal)) this.#resent += 1;
          this.#inFlight.add(ordinal);
          this.#table.clear(ordinal);
        }
        break;
      case 'unreached':
        // No server saw it, no quota was spent.
        this.#calls -= 1;
        this.#unitsPerRecord -= unitsPerRecord(line.o);
        this.#connectionFailures += 1;
        for (const ordinal of ordinalsOf(line.o)) this.#inFlight.delete(ordinal);
        break;
      case 'quota-check':
        this.#quotaChecks += 1;
        break;
      case 'row': {
        // Journals written before the field was renamed say `code` for the API's code.
        const { code, ...row } = line.row as RowResult & { code?: string };
        const result = code === undefined || row.apiCode !== undefined ? row : { ...row, apiCode: code };
        this.#inFlight.delete(result.ordinal);
        this.#table.set(result);
        this.#retries += Math.max(0, result.attempts - 1);
        for (const [reason, count] of Object.entries(result.refused ?? {})) {
          this.#refused[reason as CallReason] = (this.#refused[reason as CallReason] ?? 0) + count;
        }
        break;
      }
    }
  }

  get sessions(): number {
    return this.#sessions;
  }

  /** The number of the last call begun (0 before the first). */
  get callNumber(): number {
    return this.#callNumber;
  }

  /** Rows whose call started but whose outcome never came (a process died meanwhile). */
  unfinished(): ReadonlySet<number> {
    return new Set([...this.#lost, ...this.#inFlight]);
  }

  totals(): RunTotals {
    return {
      sessions: this.#sessions,
      calls: this.#calls,
      unitsPerRecord: this.#unitsPerRecord,
      connectionFailures: this.#connectionFailures,
      retries: this.#retries,
      quotaChecks: this.#quotaChecks,
      refused: { ...this.#refused },
      resent: this.#resent,
    };
  }
}

const ordinalsOf = (o: number | number[]): readonly number[] => (typeof o === 'number' ? [o] : o);
// A call for one row, or a read (no rows), costs one unit; a batch, at one per record, as many as its rows.
const unitsPerRecord = (o: number | number[]) => (typeof o === 'number' ? 1 : Math.max(1, o.length));
