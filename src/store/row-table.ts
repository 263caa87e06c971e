import type { CallKind, Hash64, PlannedRow, RowResult, RowStatus } from '../core/types.js';

const ACTIONS: readonly (PlannedRow['action'] | undefined)[] = [undefined, 'send', 'invalid', 'skip', 'unchanged'];
const OUTCOMES: readonly RowStatus[] = ['updated', 'failed', 'not_sent'];
const KINDS: readonly (CallKind | undefined)[] = [undefined, 'ok', 'retry', 'row', 'fatal', 'quota', 'pause'];
const NONE = 0xff;

/**
 * Every row of the run in typed arrays: what the plan decided it is, its id and body hash, and the latest
 * outcome of sending it. About 40 bytes a row plus its id, so a million-row job fits in memory, and the report
 * reads each row's line from here in input order without mapping anything again.
 */
export class RowTable {
  #size = 0;
  #capacity = 1024;
  #action = new Uint8Array(this.#capacity);
  #rowNumber = new Uint32Array(this.#capacity);
  #planMessage = new Uint32Array(this.#capacity);
  #status = new Uint8Array(this.#capacity).fill(NONE);
  #kind = new Uint8Array(this.#capacity);
  #http = new Uint16Array(this.#capacity);
  #attempts = new Uint16Array(this.#capacity);
  #ms = new Uint32Array(this.#capacity);
  #apiCode = new Uint32Array(this.#capacity);
  #message = new Uint32Array(this.#capacity);
  #call = new Uint32Array(this.#capacity);
  // The body hash's halves, and whether the row has one (rows with attachments or nothing to send do not).
  #bodyHigh = new Uint32Array(this.#capacity);
  #bodyLow = new Uint32Array(this.#capacity);
  #hasBody = new Uint8Array(this.#capacity);
  // Rows that may have been applied more than once (1), in any session; and how many there are.
  #reapplied = new Uint8Array(this.#capacity);
  #reappliedCount = 0;
  // Ids back to back as UTF-8 (a copy: a string cut from a CSV chunk would keep the chunk alive), with
  // the end of each row's id; a row without an id ends where the previous one did.
  #ids = Buffer.alloc(1 << 16);
  #idEnd = new Uint32Array(this.#capacity);
  #idBytes = 0;
  readonly #texts: string[] = [''];
  readonly #textIndex = new Map<string, number>([['', 0]]);

  /** Rows planned so far (the file's data rows once the check is done). */
  get size(): number {
    return this.#size;
  }

  /** Records what the plan decided for the next row; rows come in file order. */
  plan(ordinal: number, planned: PlannedRow): void {
    if (ordinal !== this.#size) throw new RangeError(`Rows are planned in order: expected row ${this.#size}, got ${ordinal}`);
    if (this.#size === this.#capacity) this.#grow();
    this.#action[ordinal] = ACTIONS.indexOf(planned.action);
    this.#rowNumber[ordinal] = planned.rowNumber;
    this.#planMessage[ordinal] = this.#intern(planned.message ?? '');
    this.#appendId(planned.id ?? '');
    this.#idEnd[ordinal] = this.#idBytes;
    if (planned.bodyHash) {
      [this.#bodyHigh[ordinal], this.#bodyLow[ordinal]] = planned.bodyHash;
      this.#hasBody[ordinal] = 1;
    }
    this.#size += 1;
  }

  /** Changes the decision for a row already planned (a duplicate id left out once the whole file is known). */
  replan(ordinal: number, planned: Pick<PlannedRow, 'action' | 'message'>): void {
    this.#check(ordinal);
    this.#action[ordinal] = ACTIONS.indexOf(planned.action);
    this.#planMessage[ordinal] = this.#intern(planned.message ?? '');
  }

  planned(ordinal: number): PlannedRow {
    this.#check(ordinal);
    const id = this.idOf(ordinal);
    const message = this.#texts[this.#planMessage[ordinal] ?? 0] || undefined;
    return {
      action: ACTIONS[this.#action[ordinal] ?? 0] ?? 'invalid',
      rowNumber: this.#rowNumber[ordinal] ?? 0,
      ...(id === undefined ? {} : { id }),
      ...(message === undefined ? {} : { message }),
    };
  }

  /** The hash of what the row sends, as planned (kept apart from `planned()`, which the report reads per row). */
  bodyHashOf(ordinal: number): Hash64 | undefined {
    return this.#hasBody[ordinal] === 1 ? [this.#bodyHigh[ordinal] ?? 0, this.#bodyLow[ordinal] ?? 0] : undefined;
  }

  /** Whether the CRM is known to hold this row's body: updated in some session, or found unchanged. */
  holdsBody(ordinal: number): boolean {
    const action = ACTIONS[this.#action[ordinal] ?? 0];
    return action === 'unchanged' || (action === 'send' && this.#status[ordinal] === OUTCOMES.indexOf('updated'));
  }

  idOf(ordinal: number): string | undefined {
    const start = ordinal === 0 ? 0 : (this.#idEnd[ordinal - 1] ?? 0);
    const end = this.#idEnd[ordinal] ?? 0;
    return end > start ? this.#ids.toString('utf8', start, end) : undefined;
  }

  /** Records the outcome of sending a row. */
  set(result: RowResult): void {
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
    if (this.#reapplied[ordinal] === 1) return;
    this.#reapplied[ordinal] = 1;
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
  outcome(ordinal: number): RowResult | undefined {
    const status = this.#status[ordinal];
    if (status === undefined || status === NONE || ordinal >= this.#size) return undefined;
    const text = (index: number | undefined) => this.#texts[index ?? 0] || undefined;
    const kind = KINDS[this.#kind[ordinal] ?? 0];
    const http = this.#http[ordinal] ?? 0;
    const apiCode = text(this.#apiCode[ordinal]);
    const message = text(this.#message[ordinal]);
    const id = this.idOf(ordinal);
    const call = this.#call[ordinal] ?? 0;
    return {
      ordinal,
      rowNumber: this.#rowNumber[ordinal] ?? 0,
      ...(id === undefined ? {} : { id }),
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
   * would be sent, in a dry run).
   */
  result(ordinal: number, unsent: { readonly status: 'not_sent' | 'would_send'; readonly message?: string }): RowResult {
    const planned = this.planned(ordinal);
    const base = { ordinal, rowNumber: planned.rowNumber, ...(planned.id === undefined ? {} : { id: planned.id }), attempts: 0, ms: 0 };
    if (planned.action === 'invalid') return { ...base, status: 'invalid', ...(planned.message ? { message: planned.message } : {}) };
    if (planned.action === 'skip') return { ...base, status: 'skipped', ...(planned.message ? { message: planned.message } : {}) };
    if (planned.action === 'unchanged') return { ...base, status: 'unchanged', ...(planned.message ? { message: planned.message } : {}) };
    const outcome = this.outcome(ordinal);
    if (outcome === undefined) return { ...base, status: unsent.status, ...(unsent.message ? { message: unsent.message } : {}) };
    // A stop recorded as not sent without a reason of its own takes the session's.
    if (outcome.status === 'not_sent' && outcome.message === undefined && unsent.message) return { ...outcome, message: unsent.message };
    return outcome;
  }

  #check(ordinal: number): void {
    if (!(ordinal >= 0 && ordinal < this.#size)) throw new RangeError(`Row ${ordinal} is outside the table (${this.#size} rows)`);
  }

  #appendId(id: string): void {
    const bytes = Buffer.byteLength(id, 'utf8');
    if (this.#idBytes + bytes > this.#ids.length) {
      const bigger = Buffer.alloc(Math.max(this.#ids.length * 2, this.#idBytes + bytes));
      this.#ids.copy(bigger, 0, 0, this.#idBytes);
      this.#ids = bigger;
    }
    this.#idBytes += this.#ids.write(id, this.#idBytes, 'utf8');
  }

  #grow(): void {
    this.#capacity *= 2;
    const grow = <T extends Uint8Array | Uint16Array | Uint32Array>(array: T, make: (size: number) => T, fill?: number): T => {
      const bigger = make(this.#capacity);
      if (fill !== undefined) bigger.fill(fill);
      bigger.set(array);
      return bigger;
    };
    this.#action = grow(this.#action, (n) => new Uint8Array(n));
    this.#rowNumber = grow(this.#rowNumber, (n) => new Uint32Array(n));
    this.#planMessage = grow(this.#planMessage, (n) => new Uint32Array(n));
    this.#status = grow(this.#status, (n) => new Uint8Array(n), NONE);
    this.#kind = grow(this.#kind, (n) => new Uint8Array(n));
    this.#http = grow(this.#http, (n) => new Uint16Array(n));
    this.#attempts = grow(this.#attempts, (n) => new Uint16Array(n));
    this.#ms = grow(this.#ms, (n) => new Uint32Array(n));
    this.#apiCode = grow(this.#apiCode, (n) => new Uint32Array(n));
    this.#message = grow(this.#message, (n) => new Uint32Array(n));
    this.#call = grow(this.#call, (n) => new Uint32Array(n));
    this.#idEnd = grow(this.#idEnd, (n) => new Uint32Array(n));
    this.#bodyHigh = grow(this.#bodyHigh, (n) => new Uint32Array(n));
    this.#bodyLow = grow(this.#bodyLow, (n) => new Uint32Array(n));
    this.#hasBody = grow(this.#hasBody, (n) => new Uint8Array(n));
    this.#reapplied = grow(this.#reapplied, (n) => new Uint8Array(n));
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
