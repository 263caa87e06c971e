import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import type { Message } from '../core/say.js';
import type { AttachmentRef, CellValue, PlannedRow, PlanRow, SourceRow } from '../core/types.js';
import type { PlanStart } from '../plan/row-plan.js';

// plan.ndjson: the checked plan of a run, the only copy of the input that later stages read. One JSON
// value a line: a header object, then one array per data row in file order, then an end object.
//   {"t":"plan","v":1,"file":…,"format":…,"headers":[…],"headerRow":1,"warnings":[…],"fields":{…}}
//   [rowNumber, action, id, fields, message, cells, attachments, after, said]
//   {"t":"end","rows":N,"input":{"size":…,"sha256":…}}
// A row's array stops at its last value: `fields` (an object, or null), `message` (text, or null), `cells`
// (one per header, null when empty, trailing empties left out), `attachments` ([path, bytes] pairs) and
// `after` (--duplicates all) and `said` (the row's note as a message, its code and parameters: the run's files
// word it in the run's language, the page in the person's; an invalid row's problems, a note of a row left out)
// are there only when the row has them. Arrays, not objects: the names of six values would double the file for
// a million rows. JSON lines: a person can read it, JSON.parse is fast.

/** The plan file's format, in its header: a reader refuses another. */
export const PLAN_FORMAT = 1;

/** The first line: the plan's format, then the input as read and the mapping's fields. */
export interface PlanHeader extends PlanStart {
  readonly t: 'plan';
  readonly v: number;
}

/** The last line: rows written, and the input's size and SHA-256 as the run recorded them. */
export interface PlanEnd {
  readonly t: 'end';
  readonly rows: number;
  readonly input?: { readonly size: number; readonly sha256: string };
}

/** The plan as written, recorded in run.json: a plan whose length or SHA-256 differs was changed. */
export interface PlanMark {
  readonly bytes: number;
  readonly sha256: string;
}

// A row's line as parsed; the values past `id` may be left out.
type RowLine = [
  rowNumber: number,
  action: PlannedRow['action'],
  id: string | null,
  fields?: Record<string, unknown> | null,
  message?: string | null,
  cells?: (CellValue | null)[],
  attachments?: [string, number][] | null,
  after?: number | null,
  said?: Message | null,
];

/** A row's line, as written: the shortest array that holds what the row has. */
export function planLine(planned: PlannedRow, cells: readonly (CellValue | null | undefined)[]): string {
  let last = cells.length;
  while (last > 0 && (cells[last - 1] === undefined || cells[last - 1] === null)) last -= 1;
  const line: unknown[] = [
    planned.rowNumber,
    planned.action,
    planned.id ?? null,
    planned.fields ?? null,
    planned.message ?? null,
    // JSON writes an empty (undefined) cell of an array as null.
    last === cells.length ? cells : cells.slice(0, last),
    planned.attachments && planned.attachments.length > 0 ? planned.attachments.map((file) => [file.path, file.bytes]) : null,
    planned.after ?? null,
    planned.said ?? null,
  ];
  const absent = (value: unknown) => value === null || (Array.isArray(value) && value.length === 0);
  while (line.length > 3 && absent(line.at(-1))) line.pop();
  return JSON.stringify(line);
}

const NO_CELLS: readonly (CellValue | null)[] = [];

/**
 * A row's line read back; `ordinal` is its place among the rows. Every row read gets the same shape (an
 * absent value is undefined): a million rows of one shape cost V8 far less than rows of many.
 */
export function readPlanLine(text: string, ordinal: number): PlanRow {
  const [rowNumber, action, id, fields, message, cells, attachments, after, said] = JSON.parse(text) as RowLine;
  const row = {
    ordinal,
    rowNumber,
    action,
    id: id ?? undefined,
    fields: fields ?? undefined,
    message: message ?? undefined,
    attachments: attachments ? attachments.map(([file, bytes]): AttachmentRef => ({ path: file, bytes })) : undefined,
    after: after ?? undefined,
    said: said ?? undefined,
    cells: cells ?? NO_CELLS,
  };
  return row as PlanRow;
}

/** A row's cells in the order of `headers` (an empty cell is undefined). */
export const cellsOf = (row: SourceRow, headers: readonly string[]): (CellValue | undefined)[] => headers.map((header) => row.values[header]);

/**
 * Writes plan.ndjson as the check reads the input: the header first, then each row's line, in batches of
 * about 64 KiB (never the whole plan in memory). `close` writes the end line and makes it durable.
 */
export class PlanWriter {
  readonly #fd: number;
  readonly #hash: Hash = createHash('sha256');
  #bytes = 0;
  #rows = 0;
  #pending = '';
  #closed = false;

  constructor(file: string, header: PlanStart) {
    this.#fd = fs.openSync(file, 'w', 0o600);
    this.#write(`${JSON.stringify({ t: 'plan', v: PLAN_FORMAT, ...header })}\n`);
  }

  /** The next row's line (rows come in file order). */
  row(line: string): void {
    this.#rows += 1;
    this.#write(`${line}\n`);
  }

  get rows(): number {
    return this.#rows;
  }

  /** Writes the end line, syncs and closes; returns the plan's mark. */
  close(input?: PlanEnd['input']): PlanMark {
    const end: PlanEnd = { t: 'end', rows: this.#rows, ...(input ? { input } : {}) };
    try {
      this.#write(`${JSON.stringify(end)}\n`);
      this.#flush();
      fs.fdatasyncSync(this.#fd);
    } finally {
      this.abort();
    }
    return { bytes: this.#bytes, sha256: this.#hash.digest('hex') };
  }

  /** Closes the file as it is (the check failed: the caller removes it). */
  abort(): void {
    if (this.#closed) return;
    this.#closed = true;
    fs.closeSync(this.#fd);
  }

  #write(text: string): void {
    this.#pending += text;
    if (this.#pending.length >= 1 << 16) this.#flush();
  }

  #flush(): void {
    if (this.#pending === '') return;
    const bytes = Buffer.from(this.#pending, 'utf8');
    this.#pending = '';
    for (let offset = 0; offset < bytes.length; ) offset += fs.writeSync(this.#fd, bytes, offset);
    this.#hash.update(bytes);
    this.#bytes += bytes.length;
  }
}
