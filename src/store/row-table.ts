import type { CallKind, PlannedRow, PlanRow, RowOutcome, RowResult, RowStatus } from '../core/types.js';
import { IN_CRM_ALREADY } from '../plan/row-plan.js';

const ACTIONS: readonly (PlannedRow['action'] | undefined)[] = [undefined, 'send', 'invalid', 'skip', 'unchanged'];
const OUTCOMES: readonly RowStatus[] = ['updated', 'failed', 'not_sent'];
const KINDS: readonly (CallKind | undefined)[] = [undefined, 'ok', 'retry', 'row', 'fatal', 'quota', 'pause'];
const NONE = 0xff;
// A row's plan byte: its action in the low bits, and two flags.
const ACTION_BITS = 0x07;
/** It goes alone, never in a batch: it has files to attach (updateMany.php takes none). */
const ALONE = 0x10;
/** It may have been applied more than once, in some session. */
const REAPPLIED = 0x20;

/**
 * Every row of the run by its ordinal: what the plan decided it is, in one byte, and the latest outcome
 * of sending it. Its line, id, body and cells are in the run's plan file, read when needed: what a row
 * holds here does not grow with its id or its values.
 */
export class RowTable {
  #size = 0;
  #capacity = 1024;
  #plan = new Uint8Array(this.#capacity);
  #status = new Uint8Array(this.#capacity).fill(NONE);
  #kind = new Uint8Array(this.#capacity);
  #http = new Uint16Array(this.#capacity);
  #attempts = new Uint16Array(this.#capacity);
  #ms = new Uint32Array(this.#capacity);
  #apiCode = new Uint32Array(this.#capacity);
  #message = new Uint32Array(this.#capacity);
  #call = new Uint32Array(this.#capacity);
  #reappliedCount = 0;
  readonly #texts: string[] = [''];
  readonly #textIndex = new Map<string, number>([['', 0]]);

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
    return action === 'unchanged' || (action === 'send' && this.#status[ordinal] === OUTCOMES.indexOf('updated'));
  }

  /** Records the outcome of sending a row. */
  set(result: RowOutcome): void {
    const at = result.ordinal;
    this.#check(at);
    this.#status[at] = OUTCOMES.indexOf(result.status);
    this.#kind[at] = KINDS.indexOf(result.kind);
    this.#http[at] = result.httpStatus ?? 0;
    this.#attempts[at] = Math.min(result.attempts, 0xffff);
    this.#ms[at] = Math.min(Math.round(result.ms), 0xffffffff);
    this.#apiCode[at] = this.#intern(result.apiCode ?? '');
    this.#message[at] = this.#intern(result.message ?? '');
    this.#call[at] = result.call ?? 0;
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
    if (ordinal >= 0 && ordinal < this.#size) this.#status[ordinal] = NONE;
  }

  /** The recorded outcome of sending the row, if it has one. */
  outcome(ordinal: number): RowOutcome | undefined {
    const status = this.#status[ordinal];
    if (status === undefined || status === NONE || ordinal >= this.#size) return undefined;
    const text = (index: number | undefined) => this.#texts[index ?? 0] || undefined;
    const kind = KINDS[this.#kind[ordinal] ?? 0];
    const http = this.#http[ordinal] ?? 0;
    const apiCode = text(this.#apiCode[ordinal]);
    const message = text(this.#message[ordinal]);
    const call = this.#call[ordinal] ?? 0;
    return {
      ordinal,
      status: OUTCOMES[status] as RowStatus,
      ...(call === 0 ? {} : { call }),
      ...(kind === undefined ? {} : { kind }),
      ...(http === 0 ? {} : { httpStatus: http }),
      ...(apiCode === undefined ? {} : { apiCode }),
      ...(message === undefined ? {} : { message }),
      attempts: this.#attempts[ordinal] ?? 0,
      ms: this.#ms[ordinal] ?? 0,
    };
  }

  /**
   * What became of the row, as the report shows it: invalid or skipped as planned, or the outcome of
   * sending it; a row to send that has none yet is `unsent` (not sent because the job stopped first, or
   * would be sent, in a dry run). `row` is the row's line in the plan.
   */
  result(row: PlanRow, unsent: { readonly status: 'not_sent' | 'would_send'; readonly message?: string }): RowResult {
    const { ordinal } = row;
    const action = this.action(ordinal);
    // Only --skip-unchanged changes a row after the check (to send → unchanged): that is its message.
    const message = action === row.action ? row.message : action === 'unchanged' ? IN_CRM_ALREADY : undefined;
    const base = { ordinal, rowNumber: row.rowNumber, ...(row.id === undefined ? {} : { id: row.id }), attempts: 0, ms: 0 };
    if (action === 'invalid') return { ...base, status: 'invalid', ...(message ? { message } : {}) };
    if (action === 'skip') return { ...base, status: 'skipped', ...(message ? { message } : {}) };
    if (action === 'unchanged') return { ...base, status: 'unchanged', ...(message ? { message } : {}) };
    const outcome = this.outcome(ordinal);
    if (outcome === undefined) return { ...base, status: unsent.status, ...(unsent.message ? { message: unsent.message } : {}) };
    const result = { ...base, ...outcome };
    // A stop recorded as not sent without a reason of its own takes the session's.
    if (outcome.status === 'not_sent' && outcome.message === undefined && unsent.message) return { ...result, message: unsent.message };
    return result;
  }

  #check(ordinal: number): void {
    if (!(ordinal >= 0 && ordinal < this.#size)) throw new RangeError(`Row ${ordinal} is outside the table (${this.#size} rows)`);
  }

  #grow(): void {
    this.#capacity *= 2;
    const grow = <T extends Uint8Array | Uint16Array | Uint32Array>(array: T, make: (size: number) => T, fill?: number): T => {
      const bigger = make(this.#capacity);
      if (fill !== undefined) bigger.fill(fill);
      bigger.set(array);
      return bigger;
    };
    this.#plan = grow(this.#plan, (n) => new Uint8Array(n));
    this.#status = grow(this.#status, (n) => new Uint8Array(n), NONE);
    this.#kind = grow(this.#kind, (n) => new Uint8Array(n));
    this.#http = grow(this.#http, (n) => new Uint16Array(n));
    this.#attempts = grow(this.#attempts, (n) => new Uint16Array(n));
    this.#ms = grow(this.#ms, (n) => new Uint32Array(n));
    this.#apiCode = grow(this.#apiCode, (n) => new Uint32Array(n));
    this.#message = grow(this.#message, (n) => new Uint32Array(n));
    this.#call = grow(this.#call, (n) => new Uint32Array(n));
  }

  #intern(text: string): number {
    let index = this.#textIndex.get(text);
    if (index === undefined) {
      index = this.#texts.length;
      this.#texts.push(text);
      this.#textIndex.set(text, index);
    }
    return index;
  }
}
