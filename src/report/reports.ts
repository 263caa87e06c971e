import fs from 'node:fs';
import path from 'node:path';
import { message, say, type Lang, type Message } from '../core/say.js';
import type { Mutable, PlanRow, RowResult, RowStatus, RunError } from '../core/types.js';
import { safeCell } from '../input/report-cells.js';
import { createAtomicFile, type AtomicFile } from '../store/atomic-file.js';
import { planRowBatches, readPlanHeader } from '../store/plan-reader.js';
import type { RowTable } from '../store/row-table.js';
import type { RunPaths } from '../store/run-folder.js';
import { createCsvWriter } from './csv-writer.js';
import { createFailedWriter, textOf, type FailedWriter } from './failed-rows.js';
import { createRowWords } from './row-words.js';
import { RESULT_COLUMN_TABLE, RESULT_COLUMNS, RESULT_WIDTHS, STATUS_COLUMN } from './result-columns.js';
import { createSheetWriter, toExcelValue } from './xlsx-writer.js';

export { RESULT_COLUMNS } from './result-columns.js';
export { FAILED_COLUMNS } from './failed-rows.js';

export interface ReportContext {
  /** The run folder: its plan holds each row's own cells, in the input's order. */
  readonly paths: RunPaths;
  /** What each row is and what became of it. */
  readonly table: RowTable;
  /**
   * What a row to send that has no outcome is: not sent (with the stop's reason), or would be sent in a dry
   * run. Asked for only when such a row is reached: with `follow`, after the send pass has ended.
   */
  readonly unsent: () => UnsentRow;
  /**
   * The reports written while the rows are sent: each row is written once it has its last result, and the
   * files are committed only once the pass has ended (a failed session rejects, and they are thrown away).
   */
  readonly follow?: FollowedRows;
  /** The language of the rows' notes (results.csv's _wvx_message, failed.csv's _wvx_error and first line): the run's. @default 'en' */
  readonly lang?: Lang;
  /** Also write results.xlsx, for people who open the report in Excel. */
  readonly xlsx: boolean;
  /** The plan holds keys in place of ids (a `match` run stopped before its keys were found): no row names a record. */
  readonly keyed?: boolean;
  /** Told of each of the plan's rows as the report reads it (another file can be written in the same pass). */
  readonly onRow?: (row: PlanRow) => void;
}

/** What a row to send that has no outcome is reported as. */
export interface UnsentRow {
  readonly status: 'not_sent' | 'would_send';
  readonly message?: string;
  readonly said?: Message;
}

/** The rows of a session being sent, as the reports follow them (run/settled-rows.ts). */
export interface FollowedRows {
  /** Nothing when the row has its last result; otherwise a promise settled when it has. */
  ready(ordinal: number): Promise<void> | undefined;
  /** Settled once the send pass has ended. */
  ended(): Promise<void>;
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
  readonly errors: RunError[];
  readonly failedFile?: string;
}

/**
 * Writes results.csv (every row, in input order) and the failed rows file: each row's own cells from the
 * run's plan, joined with what the store holds for it. Nothing is read from the input, mapped or decided here.
 */
export async function writeReports(context: ReportContext): Promise<ReportCounts> {
  const { paths } = context;
  const lang = context.lang ?? 'en';
  const plan = await readPlanHeader(paths.plan);
  const counts: Record<RowStatus, number> = { updated: 0, failed: 0, invalid: 0, skipped: 0, unchanged: 0, not_sent: 0, would_send: 0 };
  const errors = new Map<string, Group>();
  // Every report is written beside its name and renamed only when whole: a full disk or a crash leaves
  // the previous session's reports, never a truncated one.
  const files: AtomicFile[] = [];
  const atomic = (file: string) => {
    const target = createAtomicFile(file);
    files.push(target);
    return target.temporary;
  };
  const resultsFd = fs.openSync(atomic(paths.results), 'w', 0o600);
  let workbook: Awaited<ReturnType<typeof createSheetWriter>> | undefined;
  let failed: FailedWriter | undefined;
  let rows = 0;
  const rowsOfPlan = planRowBatches(paths.plan);
  try {
    const results = createCsvWriter(resultsFd, {
      // The input's delimiter: a Spanish-locale Excel that saved a ';' file opens a ';' report in columns.
      delimiter: plan.format.kind === 'csv' ? plan.format.delimiter : ',',
      encoding: 'utf-8',
      bom: true,
      lineEnding: '\r\n',
    });
    results.write([...RESULT_COLUMNS, ...plan.headers]);
    workbook = context.xlsx
      ? await createSheetWriter({ file: atomic(paths.resultsXlsx), sheet: 'results', headerRow: 1, headers: [...RESULT_COLUMNS, ...plan.headers], widths: RESULT_WIDTHS, autoFilter: true })
      : undefined;
    failed = createFailedWriter(paths, plan.format, plan.headers, plan.headerRow, say(message('report.failed-note', { run: path.basename(paths.dir) }), lang), atomic);
    const words = createRowWords(lang, context.unsent);
    const { follow } = context;
    let ended = false;
    const line = (result: Mutable<RowResult>, row: PlanRow) => {
      const { cells } = row;
      counts[result.status] += 1;
      if ((result.status === 'failed' || result.status === 'invalid') && result.message) {
        const group = errors.get(result.message) ?? errorGroup(result, row.said);
        group.count += 1;
        errors.set(result.message, group);
      }
      // The note in the run's language, once the English has been counted (summary.json keeps the English).
      if (words && result.message !== undefined) result.message = words(result, row);
      // One array a line, filled in place: a million lines of spread arrays were most of a report's garbage.
      const texts = new Array<string>(RESULT_COLUMN_TABLE.length + plan.headers.length);
      for (let index = 0; index < RESULT_COLUMN_TABLE.length; index += 1) texts[index] = (RESULT_COLUMN_TABLE[index] as (typeof RESULT_COLUMN_TABLE)[number]).text(result);
      for (let index = 0; index < plan.headers.length; index += 1) texts[RESULT_COLUMN_TABLE.length + index] = safeCell(textOf(cells[index]));
      results.write(texts);
      workbook?.write([...RESULT_COLUMN_TABLE.map((column) => column.cell(result)), ...plan.headers.map((_header, index) => toExcelValue(cells[index]))], (excelRow) => {
        excelRow.getCell(STATUS_COLUMN).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_FILL[result.status] } };
      });
    };
    for await (const batch of rowsOfPlan) {
      for (const row of batch) {
        rows += 1;
        const wait = follow?.ready(row.ordinal);
        if (wait) await wait;
        context.onRow?.(row);
        const shown = context.keyed ? { ...row, id: undefined } : row;
        let result = context.table.result(shown, context.unsent());
        // A row not sent takes the stop's reason, known only once the pass has ended.
        if (follow && !ended && result.status === 'not_sent') {
          await follow.ended();
          ended = true;
          result = context.table.result(shown, context.unsent());
        }
        line(result, row);
        if (result.status === 'failed' || result.status === 'not_sent') await failed.write(row.cells, result);
      }
    }
    await follow?.ended();
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
    await rowsOfPlan.return(undefined);
  }
  for (const file of files) file.commit();
  // A failed-rows file from an earlier session must not outlive rows that have since gone through.
  for (const extension of ['csv', 'xlsx'] as const) {
    const stale = paths.failed(extension);
    if (failed.count() === 0 || failed.file !== stale) fs.rmSync(stale, { force: true });
  }
  return {
    rows,
    counts,
    errors: [...errors].map(([message, group]) => ({ message, ...group })).sort((a, b) => b.count - a.count),
    ...(failed.count() > 0 ? { failedFile: failed.file } : {}),
  };
}

// The rows of one message: counted as they come, named by the first one's line and its answer's codes.
type Group = Mutable<Omit<RunError, 'message'>>;

function errorGroup(result: RowResult, said: Message | undefined): Group {
  const group: Group = { count: 0, exampleRow: result.rowNumber, status: result.status === 'invalid' ? 'invalid' : 'failed' };
  // An invalid row's problems also as their message, for a skin to word; a failed row's note only when the
  // run wrote it (gave up after its retries): else it is the CRM's answer.
  if (result.status === 'invalid' && said) group.said = said;
  else if (result.said) group.said = result.said;
  if (result.httpStatus !== undefined) group.httpStatus = result.httpStatus;
  if (result.apiCode !== undefined) group.apiCode = result.apiCode;
  return group;
}
