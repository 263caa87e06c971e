// The simulated CRM's records from a file, for `mock-server --records`: CSV (a header row naming
// `wolkvox_id` and the CRM labels; every value is text) or JSON lines (one record a line, any JSON value,
// typed fields and `wolkvox_owner` objects included).
import fs from 'node:fs/promises';
import path from 'node:path';
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import { READ_ONLY_FIELDS, recordProblem, type MockRecord } from './record-store.js';

/** Reads records for `startMockServer({ records })`, checked as the server will (ids, creation dates). */
export async function loadMockRecords(file: string): Promise<MockRecord[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new WolkvoxBulkError('INPUT_NOT_FOUND', message('mock.cannot-read', { file, detail: (error as Error).message }), { file, cause: error });
  }
  const extension = path.extname(file).toLowerCase();
  const parsed = extension === '.csv' ? fromCsv(file, text) : ['.jsonl', '.ndjson'].includes(extension) ? fromJsonLines(file, text) : undefined;
  if (!parsed) throw new WolkvoxBulkError('INPUT_FORMAT', message('mock.records-kind', { file }), { file });
  const problem = recordProblem(parsed.records, (index) => `line ${parsed.lines[index] ?? '?'}`);
  if (problem) {
    const row = parsed.lines[problem.index] ?? 0;
    throw new WolkvoxBulkError('INPUT_FORMAT', message('mock.records-record', { file, line: row, problem: problem.problem }), { file, row });
  }
  return parsed.records;
}

interface Parsed {
  readonly records: MockRecord[];
  /** The line each record starts on, for messages. */
  readonly lines: number[];
}

function fromCsv(file: string, text: string): Parsed {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, columns: true, info: true, skip_empty_lines: true });
  } catch (error) {
    const line = error instanceof CsvError ? (error as CsvError & { lines?: number }).lines : undefined;
    throw new WolkvoxBulkError('CSV_PARSE', message('mock.records-csv', { file, detail: (error as Error).message }), { file, ...(line ? { row: line } : {}), cause: error });
  }
  const records = rows.map(({ record }) =>
    // An empty read-only cell means "not given": the server fills in its default.
    Object.fromEntries(Object.entries(record).filter(([label, value]) => !(READ_ONLY_FIELDS.has(label) && value === '' && label !== 'wolkvox_id'))) as MockRecord,
  );
  return { records, lines: rows.map(({ info }) => info.lines) };
}

function fromJsonLines(file: string, text: string): Parsed {
  const records: MockRecord[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      throw new WolkvoxBulkError('INPUT_FORMAT', message('mock.records-not-json', { file, line: index + 1, detail: (error as Error).message }), { file, row: index + 1, cause: error });
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new WolkvoxBulkError('INPUT_FORMAT', message('mock.records-not-object', { file, line: index + 1 }), { file, row: index + 1 });
    }
    records.push(record as MockRecord);
    lines.push(index + 1);
  });
  return { records, lines };
}
