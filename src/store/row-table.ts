import type { CallKind, Mutable, PlannedRow, PlanRow, RowOutcome, RowResult, RowStatus } from '../core/types.js';
import { IN_CRM_ALREADY } from '../plan/row-plan.js';
import { OutcomeFile } from './outcome-file.js';

const ACTIONS: readonly (PlannedRow['action'] | undefined)[] = [undefined, 'send', 'invalid', 'skip', 'unchanged', 'not-found', 'ambiguous'];
// A row's outcome byte: its status in the low two bits (0: none yet), the kind of its last answer above.
const STATUSES: readonly (RowStatus | undefined)[] = [undefined, 'updated', 'failed', 'not_sent'];
const KINDS: readonly (CallKind | undefined)[] = [undefined, 'ok', 'retry', 'row', 'fatal', 'quota', 'pause'];
// A row's plan byte: its action in the low bits, and two flags.
const ACTION_BITS = 0x07;
/** It goes alone, never in a batch: it has files to attach (updateMany.php takes none). */
const ALONE = 0x10;
/** It may have been applied more than once, in some session. */
const REAPPLIED = 0x20;

// What a row not to send came to: a key that found no record (or several) is a failure the person fixes.
const STATUS_OF_ACTION: Readonly<Record<Exclude<PlannedRow['action'], 'send'>, RowStatus>> = {
  invalid: 'invalid',
  skip: 'skipped',
  unchanged: 'unchanged',
  'not-found': 'failed',
  ambiguous: 'failed',
};


/** A row's latest outcome as far as deciding goes: its status and the kind of its last answer. */
export type OutcomeHead = Pick<RowOutcome, 'status' | 'kind'>;
// Every head there can be, made once: asking a row's head allocates nothing.
const HEADS: readonly (OutcomeHead | undefined)[] = Array.from({ length: 32 }, (_, byte) => {
  const status = STATUSES[byte & 0x03];
  const kind = KINDS[byte >> 2];
  return status === undefined ? undefined : { status, ...(kind === undefined ? {} : { kind }) };
});

/**
 * Every row of the run by its ordinal, in two bytes: what the plan decided it is, and the status of its
 * latest outcome. The rest of an outcome (HTTP status, message, time…) is in an outcome file that holds a
 * few pages in memory; the row's line, id, body and cells are in the run's plan file, read when needed.
 * What a row costs in memory does not grow with its id, its values or its messages.
 */
export class RowTable {
  #size = 0;
  #capacity = 1024;
  #plan = new Uint8Array(this.#capacity);
  #outcome = new Uint8Array(this.#capacity);
  #reappliedCount = 0;
  readonly #details: OutcomeFile;

  /** `scratch`: where outcome details go beyond the pages held in memory (removed by `close`); none keeps all in memory. */
  constructor(scratch?: string) {
    this.#details = new OutcomeFile(scratch);
  }

  /** Rows planned so far (the file's data rows once the check is done). */
  get size(): number {
    return this.#size;
  }

  /** Records what the plan decided for the next row; rows come in file order. */
  plan(ordinal: number, planned: Pick<PlannedRow, 'action' | 'attachments'>): void {
    if (ordinal !== this.#size) throw new RangeError(`Rows are planned in order: expected row ${this.#size}, got ${ordinal}`);
    if (this.#size === this.#capacity) this.#grow();
    this.#plan[ordinal] = ACTIONS.indexOf(planned.action) | (planned.attachments && planned.attachments.length > 0 ? ALONE : 0);
    this.#size += 1;
  }

  /** Changes the decision for a row already planned (a duplicate id left out, a row the CRM already holds). */
  replan(ordinal: number, action: PlannedRow['action']): void {
    this.#check(ordinal);
    this.#plan[ordinal] = ((this.#plan[ordinal] ?? 0) & ~ACTION_BITS) | ACTIONS.indexOf(action);
  }

  /** What the row is, as planned (and replanned). */
  action(ordinal: number): PlannedRow['action'] {
    this.#check(ordinal);
    return ACTIONS[(this.#plan[ordinal] ?? 0) & ACTION_BITS] ?? 'invalid';
  }

  /** Whether the row goes alone, never in a batch (it has files to attach). */
  isAlone(ordinal: number): boolean {
    return ((this.#plan[ordinal] ?? 0) & ALONE) !== 0;
  }

  /** Whether the CRM is known to hold this row's body: updated in some session, or found unchanged. */
  holdsBody(ordinal: number): boolean {
    const action = this.action(ordinal);
    return action === 'unchanged' || (action === 'send' && this.head(ordinal)?.status === 'updated');
  }

  /** Records the outcome of sending a row. */
  set(result: RowOutcome): void {
    const at = result.ordinal;
    this.#check(at);
    this.#outcome[at] = STATUSES.indexOf(result.status) | (KINDS.indexOf(result.kind) << 2);
    this.#details.write(at, { httpStatus: result.httpStatus ?? 0, attempts: result.attempts, ms: result.ms, call: result.call ?? 0, apiCode: result.apiCode ?? '', message: result.message ?? '', said: result.said });
  }

  /** Notes that the row may have been applied more than once (whatever its later outcomes). */
  markReapplied(ordinal: number): void {
    this.#check(ordinal);
    if (((this.#plan[ordinal] ?? 0) & REAPPLIED) !== 0) return;
    this.#plan[ordinal] = (this.#plan[ordinal] ?? 0) | REAPPLIED;
    this.#reappliedCount += 1;
  }

  /** Rows that may have been applied more than once. */
  get reapplied(): number {
    return this.#reappliedCount;
  }

  /** Forgets a row's outcome (a new call for it started: its state is unknown again). */
  clear(ordinal: number): void {
    if (ordinal >= 0 && ordinal < this.#size) this.#outcome[ordinal] = 0;
  }

  /** The status and kind of the row's recorded outcome, if it has one (from memory alone). */
  head(ordinal: number): OutcomeHead | undefined {
    return ordinal < this.#size ? HEADS[this.#outcome[ordinal] ?? 0] : undefined;
  }

  /** The recorded outcome of sending the row, if it has one. */
  outcome(ordinal: number): RowOutcome | undefined {
    const head = this.head(ordinal);
    return head === undefined ? undefined : this.#outcomeOf(ordinal, head, {});
  }

  /** Lets go of the outcome file (its scratch files are removed). */
  close(): void {
    this.#details.close();
  }

  /**
   * What became of the row, as the report shows it: invalid or skipped as planned, or the outcome of
   * sending it; a row to send that has none yet is `unsent` (not sent because the job stopped first, or
   * would be sent, in a dry run). `row` is the row's line in the plan.
   */
  result(row: PlanRow, unsent: { readonly status: 'not_sent' | 'would_send'; readonly message?: string }): RowResult {
    const { ordinal } = row;
    const action = this.action(ordinal);
    // Built field by field (no spreads): the report asks this of every row.
    const base: Mutable<RowResult> = { ordinal, rowNumber: row.rowNumber, status: 'not_sent', attempts: 0, ms: 0 };
    if (row.id !== undefined) base.id = row.id;
    if (action !== 'send') {
      base.status = STATUS_OF_ACTION[action];
      // Only --skip-unchanged changes a row after the check (to send → unchanged): that is its message.
      const message = action === row.action ? row.message : action === 'unchanged' ? IN_CRM_ALREADY : undefined;
      if (message) base.message = message;
      return base;
    }
    const head = this.head(ordinal);
    if (head === undefined) {
      base.status = unsent.status;
      if (unsent.message) base.message = unsent.message;
      return base;
    }
    const result = this.#outcomeOf(ordinal, head, base) as Mutable<RowResult>;
    // A stop recorded as not sent without a reason of its own takes the session's.
    if (result.status === 'not_sent' && result.message === undefined && unsent.message) result.message = unsent.message;
    // A row sent with fields left out (write: if-empty) says which: its plan's message, after the CRM's answer.
    else if (result.status === 'updated' && row.message) result.message = result.message === undefined ? row.message : `${result.message}; ${row.message}`;
    return result;
  }

  // The row's outcome on `into` (its line and id already there, or nothing), field by field.
  #outcomeOf(ordinal: number, head: OutcomeHead, into: Partial<Mutable<RowResult>>): RowOutcome {
    const { httpStatus, attempts, ms, call, apiCode, message, said } = this.#details.read(ordinal);
    const outcome = into as Mutable<RowOutcome>;
    outcome.ordinal = ordinal;
    outcome.status = head.status;
    if (call !== 0) outcome.call = call;
    if (head.kind !== undefined) outcome.kind = head.kind;
    if (httpStatus !== 0) outcome.httpStatus = httpStatus;
    if (apiCode !== '') outcome.apiCode = apiCode;
    if (message !== '') outcome.message = message;
    if (said !== undefined) outcome.said = said;
    outcome.attempts = attempts;
    outcome.ms = ms;
    return outcome;
  }

  #check(ordinal: number): void {
    if (!(ordinal >= 0 && ordinal < this.#size)) throw new RangeError(`Row ${ordinal} is outside the table (${this.#size} rows)`);
  }

  #grow(): void {
    this.#capacity *= 2;
    const grow = (array: Uint8Array) => {
      const bigger = new Uint8Array(this.#capacity);
      bigger.set(array);
      return bigger;
    };
    this.#plan = grow(this.#plan);
    this.#outcome = grow(this.#outcome);
  }
}
