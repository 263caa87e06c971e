import type { CallKind, RowResult, RowStatus } from '../core/types.js';

const STATUSES: readonly RowStatus[] = ['updated', 'failed', 'invalid', 'skipped', 'not_sent'];
const KINDS: readonly (CallKind | undefined)[] = [undefined, 'ok', 'retry', 'row', 'fatal', 'quota'];
const NONE = 0xff;

/**
 * The latest result of every row, by ordinal, in typed arrays with interned texts: about 20 bytes a row,
 * so a million-row job's results fit in memory while the report is written in input order. Ids are not
 * kept: the report reads them again from the input.
 */
export class ResultTable {
  readonly size: number;
  readonly #status: Uint8Array;
  readonly #kind: Uint8Array;
  readonly #http: Uint16Array;
  readonly #attempts: Uint16Array;
  readonly #ms: Uint32Array;
  readonly #rowNumber: Uint32Array;
  readonly #code: Uint32Array;
  readonly #message: Uint32Array;
  readonly #texts: string[] = [''];
  readonly #textIndex = new Map<string, number>([['', 0]]);

  constructor(size: number) {
    this.size = size;
    this.#status = new Uint8Array(size).fill(NONE);
    this.#kind = new Uint8Array(size);
    this.#http = new Uint16Array(size);
    this.#attempts = new Uint16Array(size);
    this.#ms = new Uint32Array(size);
    this.#rowNumber = new Uint32Array(size);
    this.#code = new Uint32Array(size);
    this.#message = new Uint32Array(size);
  }

  set(result: RowResult): void {
    const at = result.ordinal;
    if (at < 0 || at >= this.size) throw new RangeError(`Row ordinal ${at} is outside the table (size ${this.size})`);
    this.#status[at] = STATUSES.indexOf(result.status);
    this.#kind[at] = KINDS.indexOf(result.kind);
    this.#http[at] = result.httpStatus ?? 0;
    this.#attempts[at] = Math.min(result.attempts, 0xffff);
    this.#ms[at] = Math.min(Math.round(result.ms), 0xffffffff);
    this.#rowNumber[at] = result.rowNumber;
    this.#code[at] = this.#intern(result.code ?? '');
    this.#message[at] = this.#intern(result.message ?? '');
  }

  /** Forgets a row's result (its state is unknown again). */
  clear(ordinal: number): void {
    if (ordinal >= 0 && ordinal < this.size) this.#status[ordinal] = NONE;
  }

  has(ordinal: number): boolean {
    return this.#status[ordinal] !== undefined && this.#status[ordinal] !== NONE;
  }

  get(ordinal: number): RowResult | undefined {
    if (!this.has(ordinal)) return undefined;
    const text = (index: number | undefined) => this.#texts[index ?? 0] || undefined;
    const kind = KINDS[this.#kind[ordinal] ?? 0];
    const http = this.#http[ordinal] ?? 0;
    const code = text(this.#code[ordinal]);
    const message = text(this.#message[ordinal]);
    return {
      ordinal,
      rowNumber: this.#rowNumber[ordinal] ?? 0,
      status: STATUSES[this.#status[ordinal] ?? 0] as RowStatus,
      ...(kind === undefined ? {} : { kind }),
      ...(http === 0 ? {} : { httpStatus: http }),
      ...(code === undefined ? {} : { code }),
      ...(message === undefined ? {} : { message }),
      attempts: this.#attempts[ordinal] ?? 0,
      ms: this.#ms[ordinal] ?? 0,
    };
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
