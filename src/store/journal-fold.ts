import { message, say, type Message } from '../core/say.js';
import type { CallReason, Mutable, RowOutcome, RowResult, RunSummary } from '../core/types.js';
import { hasVerdict } from '../core/verdict.js';
import { NarrowingGroups, type NarrowingGroup } from './narrowing.js';
import type { RowTable } from './row-table.js';

/**
 * The journal's format, on each session line. Format 2 journals every answer (`answer`) and counts
 * retries and refusals from those lines; a row's own `attempts` and `refused` are then the row's alone
 * (rows of a batch share its calls). Lines of a format-1 session are folded as they always were.
 */
export const JOURNAL_FORMAT = 3;

/** One line of the journal. */
export type JournalLine =
  | { t: 'session'; n: number; at: string; pid: number; v?: number }
  // A call leaves for one row, or for the rows of a batch (they share it); `r`: it sends them again after
  // an answer that was retried (a retry, not a call of its own kind).
  | { t: 'begin'; o: number | number[]; r?: 1 }
  // Call `c` was answered; `r`: with a retry- or pause-class answer, counted as refused for that reason.
  | { t: 'answer'; c: number; r?: CallReason }
  // The call begun for row(s) `o` (call `c`, in format 2) never reached a server (DNS, connection refused): not a call.
  | { t: 'unreached'; o: number | number[]; c?: number }
  // The answer of call `c` did not confirm rows `o` each: they are being narrowed down; `m` of them were
  // not applied, when its count said so.
  | { t: 'narrow'; o: number[]; c: number; m?: number }
  | { t: 'row'; row: RowResult }
  // Format 3: a row whose outcome is the last `row` line's of this session but for its place (`o`, line
  // `n`), id `i` and calls counted `k`: the rows of a batch share their answer, and writing it once a
  // batch makes the journal of a --batch 100 job about four times smaller.
  | { t: 'same'; o: number; n: number; i?: string; k?: number }
  | { t: 'quota-check' };

/** What every session of a run adds up to, as the summary reports it. */
export type RunTotals = Pick<RunSummary, 'sessions' | 'calls' | 'connectionFailures' | 'retries' | 'quotaChecks' | 'refused' | 'resent'> &
  Required<Pick<RunSummary, 'uncertainCalls' | 'reapplied'>> & {
    /** The quota units `calls` spent if an updateMany.php call costs one unit per record (any other call costs one). */
    readonly unitsPerRecord: number;
  };

/**
 * Folds journal lines into the row table and the run's totals. The same fold reads the journal once when
 * a session opens and then takes each line the session writes, so memory and disk never disagree.
 */
export class JournalFold {
  readonly #table: RowTable;
  // Calls whose rows have no outcome yet (or that have no rows, unanswered): their answer so far (none:
  // in flight; `retried`: its rows wait to be sent again; `final`: their outcome lines are coming).
  readonly #callsOut = new Map<number, { readonly retry: boolean; answer?: 'retried' | 'final'; rows: number }>();
  // Each row begun and without an outcome yet: its latest call.
  readonly #callOf = new Map<number, number>();
  // Rows whose call an earlier session began and never saw answered: the process died meanwhile.
  readonly #lost = new Set<number>();
  readonly #narrowing = new NarrowingGroups();
  readonly #refused: Partial<Record<CallReason, number>> = {};
  readonly #uncertain: number[] = [];
  #format = 1;
  // The newest format any session wrote (a journal from a newer version of the tool is refused).
  #newest = 1;
  // The last `row` line of this session, which `same` lines repeat.
  #lastRow: RowResult | undefined;
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
        this.#endSession();
        this.#sessions = Math.max(this.#sessions, line.n);
        this.#format = line.v ?? 1;
        this.#newest = Math.max(this.#newest, this.#format);
        this.#lastRow = undefined;
        break;
      case 'begin':
        this.#unitsPerRecord += unitsPerRecord(line.o);
        this.#begin(ordinalsOf(line.o), line.r === 1);
        break;
      case 'answer': {
        const call = this.#callsOut.get(line.c);
        if (line.r) this.#refused[line.r] = (this.#refused[line.r] ?? 0) + 1;
        if (call) call.answer = line.r ? 'retried' : 'final';
        if (call?.rows === 0) this.#callsOut.delete(line.c);
        break;
      }
      case 'unreached': {
        // No server saw it, no quota was spent: its rows were not applied, and wait to be sent again.
        const ordinals = ordinalsOf(line.o);
        const number = line.c ?? (ordinals[0] === undefined ? undefined : this.#callOf.get(ordinals[0]));
        if (number !== undefined && this.#callsOut.get(number)?.retry) this.#retries -= 1;
        if (number !== undefined) this.#callsOut.delete(number);
        this.#calls -= 1;
        this.#unitsPerRecord -= unitsPerRecord(line.o);
        this.#connectionFailures += 1;
        for (const ordinal of ordinals) this.#callOf.delete(ordinal);
        break;
      }
      case 'narrow':
        for (const ordinal of line.o) {
          this.#release(ordinal);
          // Shown as such until the row has an outcome of its own (a resume that stops before it, say).
          this.#table.set(unconfirmed(ordinal, line.c, message('note.narrowing', { call: line.c })));
        }
        this.#narrowing.narrow(line.o, line.m, line.c);
        break;
      case 'quota-check':
        this.#quotaChecks += 1;
        break;
      case 'row':
        this.#lastRow = line.row;
        this.#row(line.row);
        break;
      case 'same':
        // Only a damaged journal has one with no row line before it: the row then stays unknown (resent).
        if (this.#lastRow) this.#row(sameAs(this.#lastRow, line));
        break;
    }
  }

  #begin(ordinals: readonly number[], retry: boolean): void {
    // One line per call that left (every attempt), so a row cut short by a crash still counts each call it
    // made. A new call makes any earlier outcome of its rows stale (resume --retry-failed): until its own
    // outcome is written, each row's state is unknown.
    this.#calls += 1;
    this.#callNumber += 1;
    if (retry && this.#format >= 2) this.#retries += 1;
    // A format-1 journal says nothing of a read's answer (a call without rows): it is not followed.
    if (ordinals.length > 0 || this.#format >= 2) this.#callsOut.set(this.#callNumber, { retry, rows: ordinals.length });
    for (const ordinal of ordinals) {
      this.#release(ordinal);
      // Sent again after a crash left it unknown: the lost call may have applied it too.
      if (this.#lost.delete(ordinal)) {
        this.#resent += 1;
        this.#table.markReapplied(ordinal);
      }
      this.#callOf.set(ordinal, this.#callNumber);
      this.#table.clear(ordinal);
    }
  }

  #row(line: RowResult): void {
    // Journals written before the field was renamed say `code` for the API's code (copied only then: every
    // row of a run comes through here).
    const result = 'code' in line ? renamedCode(line as RowResult & { code?: string }) : line;
    this.#release(result.ordinal);
    this.#table.set(result);
    if (result.reapplied) this.#table.markReapplied(result.ordinal);
    const verdict = !hasVerdict(result) ? undefined : result.status === 'updated' ? 'updated' : 'refused';
    this.#narrowing.settle(result.ordinal, verdict);
    // Format 1 put a batch's calls on its first row; format 2 counts them from the answer lines.
    if (this.#format >= 2) return;
    this.#retries += Math.max(0, result.attempts - 1);
    for (const [reason, count] of Object.entries(result.refused ?? {})) {
      this.#refused[reason as CallReason] = (this.#refused[reason as CallReason] ?? 0) + count;
    }
  }

  // A row's latest call no longer waits for it (an outcome, a narrowing or a new call came).
  #release(ordinal: number): void {
    const number = this.#callOf.get(ordinal);
    if (number === undefined) return;
    this.#callOf.delete(ordinal);
    const call = this.#callsOut.get(number);
    // Every row of it has moved on (an outcome, a narrowing, a new call): its answer came.
    if (call && (call.rows -= 1) === 0) this.#callsOut.delete(number);
  }

  // A session line: what the last session left without an outcome. A row whose call was in flight, or
  // answered just before the end (its outcome line lost with the process), may have been applied: it is
  // lost, and sent again. One waiting to be sent again after a retried answer was going to be anyway.
  // Calls in flight are uncertain: the process may have died before or after the request left.
  #endSession(): void {
    for (const [ordinal, number] of this.#callOf) {
      if (this.#callsOut.get(number)?.answer === 'retried') continue;
      this.#lost.add(ordinal);
      this.#table.set(unconfirmed(ordinal, number, message('note.lost', { call: number })));
    }
    for (const [number, call] of this.#callsOut) if (!call.answer) this.#uncertain.push(number);
    this.#callsOut.clear();
    this.#callOf.clear();
  }

  get sessions(): number {
    return this.#sessions;
  }

  /** The number of the last call begun (0 before the first). */
  /** The newest journal format a session of this run wrote. */
  get newestFormat(): number {
    return this.#newest;
  }

  get callNumber(): number {
    return this.#callNumber;
  }

  /** Rows whose outcome is not known yet: in flight, lost by a crash, waiting for a retry, or being narrowed down. */
  unfinished(): ReadonlySet<number> {
    return new Set([...this.#lost, ...this.#callOf.keys(), ...this.#narrowing.members()]);
  }

  /** Rows whose latest call got no answer: in flight now, or lost by a crash. */
  unanswered(): ReadonlySet<number> {
    const inFlight = [...this.#callOf].filter(([, call]) => this.#callsOut.get(call)?.answer === undefined).map(([ordinal]) => ordinal);
    return new Set([...this.#lost, ...inFlight]);
  }

  /** The batches being narrowed down when the journal was read (a resume goes on with them). */
  narrowing(): NarrowingGroup[] {
    return this.#narrowing.list();
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
      uncertainCalls: [...this.#uncertain],
      reapplied: this.#table.reapplied,
    };
  }
}

// A row sent in call `call` whose outcome is not known: failed until it has one, with why (the fold's own note).
function unconfirmed(ordinal: number, call: number, said: Message<'note.narrowing' | 'note.lost'>): RowOutcome {
  return { ordinal, status: 'failed', call, attempts: 1, ms: 0, message: say(said, 'en'), said };
}

function renamedCode(line: RowResult & { code?: string }): RowResult {
  const { code, ...row } = line;
  return code === undefined || row.apiCode !== undefined ? row : { ...row, apiCode: code };
}

/** The row a `same` line stands for: the row it repeats, with its own place, id and calls counted. */
function sameAs(row: RowResult, line: { o: number; n: number; i?: string; k?: number }): RowResult {
  // Field by field (a resume folds a line a row): rest and spread copies cost several times more.
  const result: Mutable<RowResult> = { ordinal: line.o, rowNumber: line.n, status: row.status, attempts: row.attempts, ms: row.ms };
  if (line.i !== undefined) result.id = line.i;
  if (line.k !== undefined) result.countedCalls = line.k;
  if (row.kind !== undefined) result.kind = row.kind;
  if (row.httpStatus !== undefined) result.httpStatus = row.httpStatus;
  if (row.apiCode !== undefined) result.apiCode = row.apiCode;
  if (row.message !== undefined) result.message = row.message;
  if (row.reapplied !== undefined) result.reapplied = row.reapplied;
  if (row.refused !== undefined) result.refused = row.refused;
  if (row.call !== undefined) result.call = row.call;
  if (row.said !== undefined) result.said = row.said;
  return result;
}

/**
 * Whether `row` can be journaled as a `same` line after `last`: every value but its place, id and calls
 * counted is the same (`refused` the same object: a batch's rows share it). Each field is named, so a
 * field added to RowResult must be added here (the type below fails otherwise).
 */
export function sameOutcome(last: RowResult, row: RowResult): boolean {
  return (
    row.status === last.status && row.kind === last.kind && row.httpStatus === last.httpStatus && row.apiCode === last.apiCode &&
    row.message === last.message && row.attempts === last.attempts && row.reapplied === last.reapplied && row.ms === last.ms &&
    row.call === last.call && row.refused === last.refused && sameSaid(last.said, row.said)
  );
}

// A note's message: the same object, or the same code and parameters (a batch's rows each make their own).
const sameSaid = (last: RowResult['said'], said: RowResult['said']) =>
  last === said || (last !== undefined && said !== undefined && last.code === said.code && JSON.stringify(last.params) === JSON.stringify(said.params));
// Every field of RowResult is either compared above or carried by the `same` line: a new one fails here.
type Compared = 'status' | 'kind' | 'httpStatus' | 'apiCode' | 'message' | 'said' | 'attempts' | 'reapplied' | 'ms' | 'call' | 'refused';
type Carried = 'ordinal' | 'rowNumber' | 'id' | 'countedCalls';
const everyField: Record<Exclude<keyof RowResult, Compared | Carried>, never> = {};
void everyField;

/**
 * A `same` line's JSON text, exactly as JSON.stringify writes `{ t, o, n, i?, k? }`: built by hand, as a
 * batch writes one a row and the object and its spreads were most of that row's garbage.
 */
export function sameLine(row: RowResult): string {
  const id = row.id === undefined ? '' : `,"i":${JSON.stringify(row.id)}`;
  const counted = row.countedCalls === undefined ? '' : `,"k":${row.countedCalls}`;
  return `{"t":"same","o":${row.ordinal},"n":${row.rowNumber}${id}${counted}}`;
}

const ordinalsOf = (o: number | number[]): readonly number[] => (typeof o === 'number' ? [o] : o);
// A call for one row, or a read (no rows), costs one unit; a batch, at one per record, as many as its rows.
const unitsPerRecord = (o: number | number[]) => (typeof o === 'number' ? 1 : Math.max(1, o.length));
