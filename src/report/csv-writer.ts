import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import type { Encoding } from '../input/source.js';

export interface CsvWriterOptions {
  readonly delimiter: string;
  readonly encoding: Encoding;
  readonly bom: boolean;
  readonly lineEnding: '\r\n' | '\n';
}

const FLUSH_AT = 1 << 16;

/** Writes CSV records to a file descriptor in a given encoding, buffered. */
export function createCsvWriter(fd: number, options: CsvWriterOptions) {
  let buffer = '';
  const flush = () => {
    if (buffer === '') return;
    fs.writeSync(fd, options.encoding === 'utf-8' ? Buffer.from(buffer, 'utf8') : iconv.encode(buffer, options.encoding));
    buffer = '';
  };
  if (options.bom) fs.writeSync(fd, iconv.encode('', options.encoding, { addBOM: true }));
  return {
    /** A line of free text (the note above a header that is not on line 1). */
    line(text: string) {
      buffer += `${text}${options.lineEnding}`;
    },
    write(cells: readonly string[]) {
      buffer += stringify([cells as string[]], {
        delimiter: options.delimiter,
        record_delimiter: options.lineEnding === '\r\n' ? 'windows' : 'unix',
        // A bare LF (Excel's Alt+Enter) or CR inside a cell must be quoted even when records end in CRLF:
        // unquoted, every reader splits the record there.
        quote_record_delimiter: true,
      });
      if (buffer.length >= FLUSH_AT) flush();
    },
    /** Writes what is buffered; the caller closes the descriptor. */
    flush,
  };
}
