import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PlanDamage } from '../core/catalog/en-errors2.js';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import type { PlanRow } from '../core/types.js';
import { PLAN_FORMAT, readPlanLine, type PlanEnd, type PlanHeader, type PlanMark } from './plan-file.js';

/** What the plan reading found besides its rows: the header and the end. */
export interface PlanRead {
  readonly header: PlanHeader;
  readonly end: PlanEnd;
}

/**
 * The plan's lines in order, as text (the header first, the end last), the lines of one 64 KiB chunk at a
 * time: a million-row plan is hundreds of megabytes, more than one string should hold, and a pass that
 * awaits each line of a million pays for a million awaits. With `mark`, the plan must be exactly the one
 * the run recorded (its length and SHA-256), checked once the last line is read.
 */
export async function* planLineBatches(file: string, mark?: PlanMark): AsyncGenerator<string[]> {
  const hash = mark ? createHash('sha256') : undefined;
  let bytes = 0;
  let rest: Buffer | undefined;
  let stream: fs.ReadStream;
  try {
    stream = fs.createReadStream(file, { highWaterMark: 1 << 16 });
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw damaged(file, { kind: 'missing' });
    throw error;
  }
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash?.update(chunk);
    bytes += chunk.length;
    const data = rest ? Buffer.concat([rest, chunk]) : chunk;
    // The whole lines of the chunk decoded at once (a newline is never inside a UTF-8 character), then cut:
    // the lines share the decoded text rather than each being decoded and copied.
    const end = data.lastIndexOf(0x0a);
    const lines = end === -1 ? [] : data.toString('utf8', 0, end).split('\n');
    rest = end + 1 < data.length ? Buffer.from(data.subarray(end + 1)) : undefined;
    if (lines.length > 0) yield lines;
  }
  if (rest) throw damaged(file, { kind: 'mid-line' });
  if (mark && (bytes !== mark.bytes || hash?.digest('hex') !== mark.sha256)) {
    throw damaged(file, bytes === mark.bytes ? { kind: 'changed' } : { kind: 'length', bytes, expected: mark.bytes });
  }
}

/** The plan's lines one by one (see planLineBatches). */
export async function* planLines(file: string, mark?: PlanMark): AsyncGenerator<string> {
  for await (const lines of planLineBatches(file, mark)) yield* lines;
}

/**
 * Reads the plan: its header and end, and each row in file order to `onRow`. With `mark`, refuses a plan
 * that is not the one the run recorded; anywhere, one that is not a whole plan of this format.
 */
export async function readPlan(file: string, onRow: (row: PlanRow) => void, mark?: PlanMark): Promise<PlanRead> {
  let header: PlanHeader | undefined;
  let end: PlanEnd | undefined;
  let ordinal = 0;
  for await (const text of planLines(file, mark)) {
    if (end) throw damaged(file, { kind: 'after-end' });
    if (!header) {
      header = parseObject<PlanHeader>(file, text, 'plan');
      if (header.v !== PLAN_FORMAT) throw damaged(file, { kind: 'format', format: String(header.v), expected: PLAN_FORMAT });
      continue;
    }
    if (text.startsWith('{')) {
      end = parseObject<PlanEnd>(file, text, 'end');
      continue;
    }
    let row: PlanRow;
    try {
      row = readPlanLine(text, ordinal);
    } catch {
      throw damaged(file, { kind: 'row', row: ordinal + 1 });
    }
    ordinal += 1;
    onRow(row);
  }
  if (!header || !end) throw damaged(file, { kind: 'not-whole' });
  if (end.rows !== ordinal) throw damaged(file, { kind: 'rows', rows: ordinal, end: end.rows });
  return { header, end };
}

/** A chunk of the plan's row lines, as text: `lines[i]` is the line of row `first + i`. */
export interface PlanRowTexts {
  readonly first: number;
  readonly lines: readonly string[];
}

/**
 * The plan's row lines in file order, those of a chunk at a time, not parsed: a pass that needs a few
 * rows (a resume) or a few values of each (the send pass) parses only those, and a row parsed and left
 * dies young instead of waiting, with its chunk's, for the pass to get through them all.
 */
export async function* planRowTexts(file: string): AsyncGenerator<PlanRowTexts> {
  let first = 0;
  for await (const chunk of planLineBatches(file)) {
    // The header and the end are objects; rows are arrays.
    const lines = chunk.filter((text) => text.charCodeAt(0) !== 0x7b);
    if (lines.length === 0) continue;
    yield { first, lines };
    first += lines.length;
  }
}

/** The plan's rows in file order, those of a chunk at a time, for a pass that goes at its own pace (the reports). */
export async function* planRowBatches(file: string): AsyncGenerator<PlanRow[]> {
  for await (const { first, lines } of planRowTexts(file)) yield lines.map((text, index) => readPlanLine(text, first + index));
}

/** The plan's rows one by one (see planRowBatches). */
export async function* planRows(file: string): AsyncGenerator<PlanRow> {
  for await (const rows of planRowBatches(file)) yield* rows;
}

/** The plan's header alone (the first line). */
export async function readPlanHeader(file: string): Promise<PlanHeader> {
  const lines = planLines(file);
  try {
    const first = await lines.next();
    if (first.done) throw damaged(file, { kind: 'empty' });
    return parseObject<PlanHeader>(file, first.value, 'plan');
  } finally {
    await lines.return(undefined);
  }
}

function parseObject<T extends { t: string }>(file: string, text: string, kind: T['t']): T {
  let value: T;
  try {
    value = JSON.parse(text) as T;
  } catch {
    throw damaged(file, { kind: 'line', first: kind === 'plan' });
  }
  if (value?.t !== kind) throw damaged(file, { kind: 'shape', first: kind === 'plan' });
  return value;
}

function damaged(file: string, why: PlanDamage): WolkvoxBulkError {
  return new WolkvoxBulkError('RUN_DAMAGED', message('plan-file.damaged', { file, why, results: path.join(path.dirname(file), 'results.csv') }), { file });
}
