import type { SourceRow } from '../core/types.js';
import type { HeaderGroup } from './headers.js';

// The CSV vocabulary lives here, with no imports, so that the command line's flags and the mapping's
// checker can name it without loading the readers (csv-parse, iconv-lite).
/** Delimiters a CSV file may use; without one given, the header line's most frequent wins. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Encodings the CSV reader understands; `auto` detects among them. */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'latin1'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** How a CSV file is written, as detected (or forced); the failed-rows file is written the same way. */
export interface CsvFormat {
  readonly kind: 'csv';
  readonly encoding: Encoding;
  readonly bom: boolean;
  readonly delimiter: string;
  readonly lineEnding: '\r\n' | '\n';
  /** The file starts with Excel's `sep=;` line (kept in the failed-rows file). */
  readonly sepLine?: boolean;
}

/** Which worksheet of a workbook is read, and which exist. */
export interface XlsxFormat {
  readonly kind: 'xlsx';
  readonly sheet: string;
  readonly sheets: readonly string[];
}

/** An opened input file: its header is read, its rows stream once. */
export interface InputSource {
  readonly file: string;
  readonly format: CsvFormat | XlsxFormat;
  /** The line (CSV) or row (worksheet) of the header. */
  readonly headerRow: number;
  /**
   * Column names in file order, trimmed, without the tool's own `_wvx_` columns; a column whose header
   * cell is empty or repeated is named by its letter (see `lettered`).
   */
  readonly headers: readonly string[];
  /** The header's row as a person finds it, for messages: "line 1 of datos.csv", "row 3 of sheet 'Clientes' of libro.xlsx". */
  readonly headerPlace: string;
  /** Header cells that name no column of their own (empty, or one name on several columns). */
  readonly lettered: readonly HeaderGroup[];
  /** The data rows, in file order; can be iterated once. Breaking out of the loop closes the file. */
  readonly rows: RowStream;
}

/**
 * Rows one at a time (`for await`), or as many as were read at once (`nextBatch`): a pass over a
 * million rows that awaits each pays for a million promises. The two may be mixed; each row comes once.
 */
export interface RowStream extends AsyncIterableIterator<SourceRow> {
  /** The next rows read (never empty), or undefined once the file is read. */
  nextBatch(): Promise<readonly SourceRow[] | undefined>;
}

/**
 * Rows that release the file however the caller stops: at the end, on an error, or by `return()` —
 * even before the first row (a generator's `finally` would not run then).
 */
export function closingRows(batches: AsyncGenerator<readonly SourceRow[]>, close: () => void | Promise<void>): RowStream {
  let closed = false;
  // The batch `next()` hands out a row at a time, and where it is in it.
  let held: readonly SourceRow[] = [];
  let at = 0;
  const closeOnce = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  const fresh = async (): Promise<readonly SourceRow[] | undefined> => {
    try {
      for (;;) {
        const item = await batches.next();
        if (item.done) {
          await closeOnce();
          return undefined;
        }
        if (item.value.length > 0) return item.value;
      }
    } catch (error) {
      await closeOnce();
      throw error;
    }
  };
  return {
    async nextBatch() {
      if (at >= held.length) return fresh();
      const rest = held.slice(at);
      held = [];
      at = 0;
      return rest;
    },
    async next() {
      if (at >= held.length) {
        const batch = await fresh();
        if (batch === undefined) return { done: true, value: undefined };
        held = batch;
        at = 0;
      }
      return { done: false, value: held[at++] as SourceRow };
    },
    async return() {
      held = [];
      at = 0;
      await batches.return(undefined);
      await closeOnce();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
