import fs from 'node:fs';
import iconv from 'iconv-lite';
import type { Encoding } from '../input/source.js';

export interface CsvWriterOptions {
  readonly delimiter: string;
  readonly encoding: Encoding;
  readonly bom: boolean;
  readonly lineEnding: '\r\n' | '\n';
}

const FLUSH_AT = 1 << 16;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A record as CSV text (RFC 4180): a cell holding the delimiter, a quote, a CR or a LF is quoted, its
 * quotes doubled. A bare LF (Excel's Alt+Enter) or CR inside a cell must be quoted even when records end
 * in CRLF: unquoted, every reader splits the record there. Written by hand: a million report lines through
 * a general library's options cost more than the rest of the report.
 */
export function csvRecord(cells: readonly string[], delimiter: string, lineEnding: string): string {
  // One string built in a loop: no array of quoted cells a line (a million lines of them was garbage).
  let text = '';
  for (let index = 0; index < cells.length; index += 1) {
    const cell = cells[index] as string;
    if (index > 0) text += delimiter;
    text += cell.includes(delimiter) || QUOTED.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  }
  return text + lineEnding;
}

const QUOTED = /["\r\n]/;

/** Writes CSV records to a file descriptor in a given encoding, buffered. */
export function createCsvWriter(fd: number, options: CsvWriterOptions) {
  let buffer = '';
  const flush = () => {
    if (buffer === '') return;
    fs.writeSync(fd, options.encoding === 'utf-8' ? Buffer.from(buffer, 'utf8') : iconv.encode(buffer, options.encoding));
    buffer = '';
  };
  // UTF-8's mark written as its bytes: asking iconv-lite for it loads every encoding it knows (about 8 ms
  // of CPU, in the turn that sends a job's first call).
  if (options.bom) fs.writeSync(fd, options.encoding === 'utf-8' ? UTF8_BOM : iconv.encode('', options.encoding, { addBOM: true }));
  return {
    /** A line of free text (the note above a header that is not on line 1). */
    line(text: string) {
      buffer += `${text}${options.lineEnding}`;
    },
    write(cells: readonly string[]) {
      buffer += csvRecord(cells, options.delimiter, options.lineEnding);
      if (buffer.length >= FLUSH_AT) flush();
    },
    /** Writes what is buffered; the caller closes the descriptor. */
    flush,
  };
}
