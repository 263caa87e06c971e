import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { finished, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { WolkvoxBulkError } from '../core/errors.js';
import { message, say, type Message } from '../core/say.js';
import type { SourceRow } from '../core/types.js';
import { decodeText, type DecodeState } from './decode.js';
import { readHeader, type HeaderLayout } from './headers.js';
import { MAX_CSV_RECORD, throwIfCancelled } from './limits.js';
import { isReportHeader, unescapeCell } from './report-cells.js';
import { closingRows, DELIMITERS, type CsvFormat, type Delimiter, type Encoding, type InputSource } from './source.js';

export interface CsvOptions {
  readonly file: string;
  /** Stops the reading with CANCELLED once it fires. */
  readonly signal?: AbortSignal;
  readonly encoding: Encoding | 'auto';
  readonly delimiter?: Delimiter;
  readonly headerRow: number;
}

// Enough text to hold any sane header line; past this, sniffing gives up and uses what it has.
const SNIFF_LIMIT = 1 << 20;

export async function openCsv(options: CsvOptions): Promise<InputSource> {
  const { file, headerRow } = options;
  const name = path.basename(file);
  const decoded: DecodeState = { encoding: 'utf-8', bom: false };
  const bytes = fs.createReadStream(file, { highWaterMark: 1 << 16 });
  const text = decodeText(bytes, options.encoding, decoded, file)[Symbol.asyncIterator]();

  // Read ahead to the end of the header line: the delimiter and line ending are sniffed from it.
  let head = '';
  while (countLines(head) < headerRow + 1 && head.length < SNIFF_LIMIT) {
    const next = await text.next();
    if (next.done) break;
    head += next.value;
  }
  // Excel honours a first line `sep=;` that names the delimiter; it is not a row of the table.
  const sepLine = /^sep=(.)\r?\n/.exec(head);
  const firstLine = headerRow + (sepLine ? 1 : 0);
  const headerLine = head.split('\n')[firstLine - 1] ?? '';
  const format: CsvFormat = {
    kind: 'csv',
    // Auto-detection may switch to Windows-1252 at the first non-UTF-8 byte, anywhere in the file.
    get encoding() {
      return decoded.encoding;
    },
    bom: decoded.bom,
    delimiter: options.delimiter ?? (sepLine?.[1] as Delimiter | undefined) ?? sniffDelimiter(headerLine),
    lineEnding: headerLine.endsWith('\r') ? '\r\n' : '\n',
    ...(sepLine ? { sepLine: true } : {}),
  };

  const guard = { file, ...(options.signal ? { signal: options.signal } : {}) };
  async function* all(): AsyncGenerator<string> {
    if (head !== '') yield head;
    for (let next = await text.next(); !next.done; next = await text.next()) {
      throwIfCancelled(guard);
      yield next.value;
    }
  }
  const parser = parse({
    delimiter: format.delimiter,
    from_line: firstLine,
    relax_quotes: true,
    relax_column_count: true,
    // Empty lines come as records of one empty field, skipped below: each line is counted here, where
    // csv-parse's own count (its `info` option) costs more than the rest of the parsing.
    skip_empty_lines: false,
    max_record_size: MAX_CSV_RECORD,
    // Files glued together from several exports mix line endings; every one of them ends a record.
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  const feeding = pipeline(Readable.from(all()), parser);
  feeding.catch(() => undefined); // errors surface through the parser's reading below
  const records = recordBatches(parser);

  // The records the parser had at hand when last asked (those of a chunk of the file), and the next one.
  let batch: string[][] = [];
  let at = 0;
  const refill = async () => {
    try {
      const next = await records();
      batch = next ?? [];
      at = 0;
      return next !== undefined;
    } catch (error) {
      throw csvError(error, file, name, lastLine);
    }
  };
  // The last line read, as a person (and an editor) counts lines: a record takes one line, and one more for
  // each line break inside its values (a CRLF inside a value is one).
  let lastLine = firstLine - 1;
  // The batch's next record that is not empty, with the line it starts on; undefined at the batch's end.
  const takeRecord = () => {
    while (at < batch.length) {
      const record = batch[at++] as string[];
      let breaks = 0;
      for (const field of record) if (field !== '') breaks += countLines(field);
      const start = lastLine + 1;
      lastLine = start + breaks;
      // Rows of empty cells (",,,", or spaces only) are skipped like blank lines.
      if (isBlank(record)) continue;
      return { record, start };
    }
    return undefined;
  };
  const nextRecord = async () => {
    for (;;) {
      const taken = takeRecord();
      if (taken) return taken;
      if (!(await refill())) return undefined;
    }
  };

  const close = async () => {
    parser.destroy();
    // Resolved once the descriptor is really closed, so the caller can count on it.
    const closed = bytes.closed ? undefined : once(bytes, 'close');
    bytes.destroy();
    await closed;
    await text.return?.(undefined);
  };
  const headerPlace = (line: number) => `line ${line} of ${name}`;
  let first: Awaited<ReturnType<typeof nextRecord>>;
  let layout: ReturnType<typeof readHeader>;
  try {
    first = await nextRecord();
    if (!first) {
      throw new WolkvoxBulkError('INPUT_EMPTY', message('input.no-header-line', { name, headerRow }), { file });
    }
    layout = readHeader(first.record, { file, row: first.start, at: { row: first.start, file: name } });
  } catch (error) {
    await close();
    throw error;
  }

  // A report of this tool fed back: its cells were made formula-safe, and are taken back as they were.
  const cellOf = isReportHeader(first.record) ? unescapeCell : (value: string) => value;
  // A batch of rows for each batch of records: one await a chunk of the file, not one a row.
  async function* dataRows(): AsyncGenerator<SourceRow[]> {
    const width = layout.byIndex.length;
    do {
      const rows: SourceRow[] = [];
      for (let next = takeRecord(); next; next = takeRecord()) {
        const { record, start } = next;
        const values: Record<string, string> = {};
        for (let index = 0; index < width; index += 1) {
          const column = layout.byIndex[index];
          const value = record[index];
          if (column !== undefined && value !== undefined && value !== '') values[column] = cellOf(value);
        }
        const said = shapeProblem(record, layout);
        rows.push(said === undefined ? { rowNumber: start, values } : { rowNumber: start, values, problem: say(said, 'en'), said });
      }
      if (rows.length > 0) yield rows;
    } while (await refill());
  }

  return {
    file,
    format,
    headerRow: first.start,
    headers: layout.names,
    headerPlace: headerPlace(first.start),
    lettered: layout.lettered,
    rows: closingRows(dataRows(), close),
  };
}

// The row's place (its line) is said by whoever shows the problem: the message says only what is wrong.
// Fewer fields than the header's named columns, or a value past every header field (a trailing delimiter
// in the header is a column, known by its letter).
function shapeProblem(record: readonly string[], layout: HeaderLayout): Message | undefined {
  if (record.length < layout.width) return message('row.fields-missing', { fields: record.length, header: layout.width });
  const fields = layout.byIndex.length;
  const extra = record.slice(fields).filter((field) => field.trim() !== '').length;
  if (extra > 0) return message('row.fields-extra', { fields: record.length, header: fields });
  return undefined;
}

const isBlank = (record: readonly string[]) => {
  for (const field of record) if (field.trim() !== '') return false;
  return true;
};

/**
 * The parser's records, all those it holds when asked (a chunk of the file's worth), undefined at the
 * end: a stream's own async iterator costs a promise a record. Like it, stops reading once the stream
 * is destroyed and then throws its error.
 */
function recordBatches(parser: Readable): () => Promise<string[][] | undefined> {
  let wake: () => void = () => undefined;
  let error: unknown;
  let ended = false;
  parser.on('readable', () => wake());
  finished(parser, { writable: false }, (failure) => {
    if (failure) error = failure;
    else ended = true;
    wake();
  });
  return async () => {
    for (;;) {
      const records: string[][] = [];
      for (let record; !parser.destroyed && (record = parser.read() as string[] | null) !== null; ) records.push(record);
      if (records.length > 0) return records;
      if (error !== undefined) throw error;
      if (ended) return undefined;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = () => undefined;
    }
  };
}

function countLines(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === 10) count += 1;
    else if (char === 13 && text.charCodeAt(index + 1) !== 10) count += 1;
  }
  return count;
}

/** The candidate that appears most often outside quotes in the header line; comma on a tie or none. */
export function sniffDelimiter(line: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as Delimiter)) counts.set(char as Delimiter, (counts.get(char as Delimiter) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const delimiter of DELIMITERS) if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

function csvError(error: unknown, file: string, name: string, lastLine: number): unknown {
  if (!(error instanceof CsvError)) return error;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    const line = lastLine + 1;
    return new WolkvoxBulkError(
      'CSV_QUOTE_NOT_CLOSED',
      message('input.quote-not-closed', { name, line }),
      { file, row: line, cause: error },
    );
  }
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    const line = lastLine + 1;
    return new WolkvoxBulkError(
      'INPUT_TOO_LARGE',
      message('input.record-too-large', { name, line, max: MAX_CSV_RECORD }),
      { file, row: line, cause: error },
    );
  }
  const line = (error as CsvError & { lines?: number }).lines ?? lastLine + 1;
  return new WolkvoxBulkError('CSV_PARSE', message('input.csv-error', { name, line, detail: error.message }), { file, row: line, cause: error });
}
