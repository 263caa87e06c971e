import fs from 'node:fs';
import type { CellValue, RowResult } from '../core/types.js';
import { cellText } from '../input/cells.js';
import { safeCell } from '../input/report-cells.js';
import type { CsvFormat, XlsxFormat } from '../input/source.js';
import type { RunPaths } from '../store/run-folder.js';
import { createCsvWriter } from './csv-writer.js';
import { createSheetWriter, toExcelValue } from './xlsx-writer.js';

export const FAILED_COLUMNS = ['_wvx_status', '_wvx_error'] as const;

/** A row's own cells, in the order of the plan's headers (an empty cell is null, or past the array's end). */
export type Cells = readonly (CellValue | null)[];

/** A cell as CSV text: as a person sees it in the file. */
export const textOf = (cell: CellValue | null | undefined) => (cell === undefined || cell === null ? '' : cellText(cell));

/** The failed rows file of a session, created only when a row needs it. */
export interface FailedWriter {
  readonly file: string;
  count(): number;
  write(cells: Cells, result: RowResult): Promise<void>;
  close(): Promise<void>;
  abort(): void;
}

// failed.csv in the input's own format (delimiter, encoding, header line), or failed.xlsx with the
// input's sheet name and header row: `update failed.csv --mapping m.json` reads it unchanged. The file is
// created only when a row needs it, as a temporary file from `atomic` (committed with the other reports).
export function createFailedWriter(paths: RunPaths, format: CsvFormat | XlsxFormat, headers: readonly string[], headerRow: number, note: string, atomic: (file: string) => string): FailedWriter {
  const columns = [...headers, ...FAILED_COLUMNS];
  let count = 0;
  if (format.kind === 'csv') {
    const file = paths.failed('csv');
    let fd: number | undefined;
    let writer: ReturnType<typeof createCsvWriter> | undefined;
    return {
      file,
      count: () => count,
      async write(cells: Cells, result: RowResult) {
        if (!writer) {
          fd = fs.openSync(atomic(file), 'w', 0o600);
          writer = createCsvWriter(fd, format);
          // Keep the header on the same line as in the input: the mapping's headerRow still applies.
          const firstLine = format.sepLine ? 2 : 1;
          if (format.sepLine) writer.line(`sep=${format.delimiter}`);
          for (let line = firstLine; line < headerRow; line += 1) writer.line(line === firstLine ? note.replaceAll(format.delimiter, ' ') : '');
          writer.write(columns);
        }
        count += 1;
        // Every cell is formula-safe; the readers take the input's own cells back exactly (see safeCell).
        writer.write([...headers.map((_header, index) => safeCell(textOf(cells[index]))), result.status, safeCell(result.message ?? '')]);
      },
      async close() {
        if (fd === undefined) return;
        writer?.flush();
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        fd = undefined;
      },
      abort() {
        if (fd !== undefined) fs.closeSync(fd);
        fd = undefined;
      },
    };
  }
  const file = paths.failed('xlsx');
  let writer: Awaited<ReturnType<typeof createSheetWriter>> | undefined;
  return {
    file,
    count: () => count,
    async write(cells: Cells, result: RowResult) {
      // Empty sheets stand in for the ones before it, so a mapping that picks the sheet by position still finds it.
      const before = format.sheets.slice(0, Math.max(0, format.sheets.indexOf(format.sheet)));
      writer ??= await createSheetWriter({ file: atomic(file), sheet: format.sheet, sheetsBefore: before, headerRow, note, headers: columns, widths: { _wvx_error: 60 } });
      count += 1;
      writer.write([...headers.map((_header, index) => toExcelValue(cells[index])), result.status, result.message ?? '']);
    },
    async close() {
      await writer?.close();
    },
    abort() {
      writer?.abort();
    },
  };
}
