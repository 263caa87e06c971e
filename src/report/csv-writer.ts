import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import type { Encoding } from '../input/decode.js';

export interface CsvWriterOptions {
  readonly delimiter: string;
  readonly encoding: Encoding;
  readonly bom: boolean;
  readonly lineEnding: '\r\n' | '\n';
}

const FLUSH_AT = 1 << 16;

/** Writes CSV records to a file in a given encoding, buffered; created private to the user. */
export function createCsvWriter(file: string, options: CsvWriterOptions) {
  const fd = fs.openSync(file, 'w', 0o600);
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
      buffer += stringify([cells as string[]], { delimiter: options.delimiter, record_delimiter: options.lineEnding === '\r\n' ? 'windows' : 'unix' });
      if (buffer.length >= FLUSH_AT) flush();
    },
    close() {
      flush();
      fs.closeSync(fd);
    },
  };
}

// A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first). Plain numbers such as -12 are
// left alone: they are data, and Excel reads them as numbers anyway.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)*$/;

/** Neutralises formula injection in a report meant to be opened in Excel (OWASP's advice: a leading '). */
export const safeCell = (text: string) => (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text);
