import fs from 'node:fs';
import path from 'node:path';
import { cellText } from '../input/cells.js';
import { openInput, type ReadOptions } from '../input/open.js';
import type { CsvFormat, XlsxFormat } from '../input/source.js';
import type { RowResult, RowStatus, SourceRow } from '../core/types.js';
import { createAtomicFile, type AtomicFile } from '../store/atomic-file.js';
import { safeCell } from '../input/report-cells.js';
import { createCsvWriter } from './csv-writer.js';
import type { RowTable } from '../store/row-table.js';
import type { RunPaths } from '../store/run-folder.js';
import { createSheetWriter, toExcelValue } from './xlsx-writer.js';

/** The report's own columns, before the row's original ones; `_wvx_` columns are ignored on input. */
export const RESULT_COLUMNS = ['_wvx_row', '_wvx_id', '_wvx_status', '_wvx_http', '_wvx_code', '_wvx_message', '_wvx_attempts', '_wvx_ms', '_wvx_call'] as const;
export const FAILED_COLUMNS = ['_wvx_status', '_wvx_error'] as const;

export interface ReportContext {
  readonly paths: RunPaths;
  /** How the input is read: the report copies each row's own cells from it. */
  readonly readOptions: ReadOptions;
  /** What each row is and what became of it. */
  readonly table: RowTable;
  /** What a row to send that has no outcome is: not sent (with the stop's reason), or would be sent in a dry run. */
  readonly unsent: { readonly status: 'not_sent' | 'would_send'; readonly message?: string };
  /** What a row of the file that the plan does not hold is (the file grew after the check): never sent. */
  readonly unplanned: { readonly status: 'not_sent'; readonly message: string };
  /** Also write results.xlsx, for people who open the report in Excel. */
  readonly xlsx: boolean;
}

// Fill colours of the status cell in results.xlsx.
const STATUS_FILL: Readonly<Record<RowStatus, string>> = {
  updated: 'FFC6EFCE',
  failed: 'FFFFC7CE',
  invalid: 'FFFFEB9C',
  skipped: 'FFEDEDED',
  unchanged: 'FFEDEDED',
  not_sent: 'FFDDEBF7',
  would_send: 'FFDDEBF7',
};

export interface ReportCounts {
  readonly rows: number;
  readonly counts: Record<RowStatus, number>;
  readonly errors: { message: string; count: number; exampleRow: number }[];
  readonly failedFile?: string;
}

/**
 * Writes results.csv (every row, in input order) and the failed rows file: each row's own cells from one
 * more pass over the input, joined with what the store holds for it. Nothing is mapped or decided here.
 */
export async function writeReports(context: ReportContext): Promise<ReportCounts> {
  const source = await openInput(context.readOptions);
  const counts: Record<RowStatus, number> = { updated: 0, failed: 0, invalid: 0, skipped: 0, unchanged: 0, not_sent: 0, would_send: 0 };
  const errors = new Map<string, { count: number; exampleRow: number }>();
  const csvFormat: CsvFormat | undefined = source.format.kind === 'csv' ? source.format : undefined;
  // Every report is written beside its name and renamed only when whole: a full disk or a crash leaves
  // the previous session's reports, never a truncated one.
  const files: AtomicFile[] = [];
  const atomic = (file: string) => {
    const target = createAtomicFile(file);
    files.push(target);
    return target.temporary;
  };
  const resultsFd = fs.openSync(atomic(context.paths.results), 'w', 0o600);
  let workbook: Awaited<ReturnType<typeof createSheetWriter>> | undefined;
  let failed: ReturnType<typeof createFailedWriter> | undefined;
  let ordinal = -1;
  try {
    const results = createCsvWriter(resultsFd, {
      // The input's delimiter: a Spanish-locale Excel that saved a ';' file opens a ';' report in columns.
      delimiter: csvFormat?.delimiter ?? ',',
      encoding: 'utf-8',
      bom: true,
      lineEnding: '\r\n',
    });
    results.write([...RESULT_COLUMNS, ...source.headers]);
    workbook = context.xlsx
      ? await createSheetWriter({
          file: atomic(context.paths.resultsXlsx),
          sheet: 'results',
          headerRow: 1,
          headers: [...RESULT_COLUMNS, ...source.headers],
          widths: { _wvx_id: 26, _wvx_status: 11, _wvx_message: 70 },
          autoFilter: true,
        })
      : undefined;
    failed = createFailedWriter(context.paths, source.format, source.headers, source.headerRow, path.basename(context.paths.dir), atomic);
    const original = (row: SourceRow) => source.headers.map((header) => {
      const value = row.values[header];
      return value === undefined ? '' : cellText(value);
    });
    const line = (result: RowResult, row: SourceRow | undefined) => {
      counts[result.status] += 1;
      if ((result.status === 'failed' || result.status === 'invalid') && result.message) {
        const group = errors.get(result.message) ?? { count: 0, exampleRow: result.rowNumber };
        group.count += 1;
        errors.set(result.message, group);
      }
      results.write([
        String(result.rowNumber), safeCell(result.id ?? ''), result.status, result.httpStatus === undefined ? '' : String(result.httpStatus),
        safeCell(result.apiCode ?? ''), safeCell(result.message ?? ''), String(result.attempts), String(result.ms), result.call === undefined ? '' : String(result.call),
        ...(row ? original(row).map(safeCell) : []),
      ]);
      workbook?.write(
        [result.rowNumber, result.id ?? '', result.status, result.httpStatus ?? null, result.apiCode ?? null, result.message ?? '', result.attempts, result.ms, result.call ?? null, ...(row ? source.headers.map((header) => toExcelValue(row.values[header])) : [])],
        (excelRow) => {
          excelRow.getCell(3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_FILL[result.status] } };
        },
      );
    };
    for await (const row of source.rows) {
      ordinal += 1;
      // The file may have changed since the check: a row the plan does not hold was never checked, nor sent.
      const result = ordinal < context.table.size ? context.table.result(ordinal, context.unsent) : { ordinal, rowNumber: row.rowNumber, ...context.unplanned, attempts: 0, ms: 0 };
      line(result, row);
      if (result.status === 'failed' || result.status === 'not_sent') await failed.write(row, result);
    }
    // Rows the plan holds past the file's end now: listed from the plan, without cells (none to copy).
    for (ordinal += 1; ordinal < context.table.size; ordinal += 1) line(context.table.result(ordinal, context.unsent), undefined);
    results.flush();
    fs.fsyncSync(resultsFd);
    await workbook?.close();
    await failed.close();
  } catch (error) {
    workbook?.abort();
    failed?.abort();
    for (const file of files) file.discard();
    throw error;
  } finally {
    fs.closeSync(resultsFd);
    await source.rows.return?.(undefined);
  }
  for (const file of files) file.commit();
  // A failed-rows file from an earlier session must not outlive rows that have since gone through.
  for (const extension of ['csv', 'xlsx'] as const) {
    const stale = context.paths.failed(extension);
    if (failed.count() === 0 || failed.file !== stale) fs.rmSync(stale, { force: true });
  }
  return {
    rows: ordinal,
    counts,
    errors: [...errors].map(([message, group]) => ({ message, ...group })).sort((a, b) => b.count - a.count),
    ...(failed.count() > 0 ? { failedFile: failed.file } : {}),
  };
}

// failed.csv in the input's own format (delimiter, encoding, header line), or failed.xlsx with the
// input's sheet name and header row: `update failed.csv --mapping m.json` reads it unchanged. The file is
// created only when a row needs it, as a temporary file from `atomic` (committed with the other reports).
function createFailedWriter(paths: RunPaths, format: CsvFormat | XlsxFormat, headers: readonly string[], headerRow: number, runName: string, atomic: (file: string) => string) {
  const note = `Rows not updated in run ${runName}; fix them and send this file with the same mapping.`;
  const columns = [...headers, ...FAILED_COLUMNS];
  let count = 0;
  if (format.kind === 'csv') {
    const file = paths.failed('csv');
    let fd: number | undefined;
    let writer: ReturnType<typeof createCsvWriter> | undefined;
    return {
      file,
      count: () => count,
      async write(row: SourceRow, result: RowResult) {
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
        writer.write([...headers.map((header) => safeCell(row.values[header] === undefined ? '' : cellText(row.values[header]))), result.status, safeCell(result.message ?? '')]);
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
    async write(row: SourceRow, result: RowResult) {
      // Empty sheets stand in for the ones before it, so a mapping that picks the sheet by position still finds it.
      const before = format.sheets.slice(0, Math.max(0, format.sheets.indexOf(format.sheet)));
      writer ??= await createSheetWriter({ file: atomic(file), sheet: format.sheet, sheetsBefore: before, headerRow, note, headers: columns, widths: { _wvx_error: 60 } });
      count += 1;
      writer.write([...headers.map((header) => toExcelValue(row.values[header])), result.status, result.message ?? '']);
    },
    async close() {
      await writer?.close();
    },
    abort() {
      writer?.abort();
    },
  };
}
