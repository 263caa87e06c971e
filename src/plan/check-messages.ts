import path from 'node:path';
import type { ListedProblem, RepeatedId } from '../core/catalog/en-check.js';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import type { RowProblem } from '../core/types.js';
import type { ReadOptions } from '../input/open.js';
import type { LoadedMapping } from '../mapping/load.js';
import { displayPath } from '../mapping/problems.js';
import type { JobSettings } from './options.js';
import type { DuplicateId, PreflightReport } from './preflight.js';

// A file with an id on 123 rows, or a million ids, must not print a wall: a few of each, counts for the rest.
const SHOWN_IDS = 5;
const SHOWN_ROWS = 5;
const SHOWN_PROBLEMS = 5;
const LONGEST_ID = 60;


/**
 * The first few duplicated ids, each with its first few rows (`  a1: lines 2, 9, 14, 20, 31 and 118 more`), and
 * how many ids and rows are left out (`  … and 37 more ids on 80 rows`), for the catalogs to word.
 */
export function repeatedIds(duplicates: readonly DuplicateId[]): { entries: RepeatedId[]; moreIds: number; moreRows: number } {
  const entries = duplicates.slice(0, SHOWN_IDS).map(({ id, rows }) => ({
    id: id.length > LONGEST_ID ? `${id.slice(0, LONGEST_ID)}…` : id,
    rows: rows.slice(0, SHOWN_ROWS),
    more: Math.max(0, rows.length - SHOWN_ROWS),
  }));
  const rest = duplicates.slice(SHOWN_IDS);
  return { entries, moreIds: rest.length, moreRows: rest.reduce((sum, entry) => sum + entry.rows.length, 0) };
}

/** Whether `repeatedIds` leaves some ids or rows out. */
export const duplicatesCut = (duplicates: readonly DuplicateId[]) =>
  duplicates.length > SHOWN_IDS || duplicates.some((entry) => entry.rows.length > SHOWN_ROWS);

/** Where `validate --duplicates-file` is suggested to write: beside where the command runs, named after the input. */
export const duplicatesFileName = (file: string) => `${path.basename(file, path.extname(file))}-duplicates.csv`;

// A command argument as a shell takes it: quoted when it holds anything but plain path characters.
const shellArg = (text: string) => (/^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`);

/**
 * The `validate` command that checks the same file the same way (reader settings given on the command
 * line are repeated; the mapping's own are read from it again).
 */
export function validateCommand(readOptions: ReadOptions, loaded: LoadedMapping, extra: readonly string[] = []): string {
  const flags: string[] = [];
  const { mapping } = loaded;
  if (readOptions.sheet !== undefined && readOptions.sheet !== mapping.sheet) flags.push('--sheet', String(readOptions.sheet));
  if (readOptions.headerRow !== undefined && readOptions.headerRow !== mapping.headerRow) flags.push('--header-row', String(readOptions.headerRow));
  if (readOptions.delimiter !== undefined && readOptions.delimiter !== mapping.delimiter) flags.push('--delimiter', readOptions.delimiter === '\t' ? 'tab' : readOptions.delimiter);
  if (readOptions.encoding !== undefined && readOptions.encoding !== 'auto' && readOptions.encoding !== mapping.encoding) flags.push('--encoding', readOptions.encoding);
  const words = ['validate', displayPath(path.resolve(readOptions.file)), '-m', displayPath(loaded.file), ...flags, ...extra];
  return `wolkvox-bulk ${words.map(shellArg).join(' ')}`;
}

/** A row's problem as the check lists it: its place, and what is wrong (only its English when it has no message). */
export const listedProblem = (problem: RowProblem, csv: boolean): ListedProblem => ({
  csv,
  row: problem.rowNumber,
  ...(problem.column ? { column: problem.column } : {}),
  ...(problem.said ? { problem: problem.said } : {}),
  text: problem.message,
});

/** ROWS_INVALID: the first problems, a count of the rest, and what to do. */
export function invalidRowsError(report: PreflightReport, command: string): WolkvoxBulkError {
  const csv = report.format.kind === 'csv';
  const problems = report.problems.slice(0, SHOWN_PROBLEMS).map((problem) => listedProblem(problem, csv));
  const said = message('check.rows-invalid', {
    invalid: report.invalid,
    rows: report.rows,
    file: path.basename(report.file),
    problems,
    more: Math.max(0, report.problemCount - problems.length),
    command,
    valid: report.valid - report.empty,
  });
  return new WolkvoxBulkError('ROWS_INVALID', said, { file: report.file, details: report });
}

/** DUPLICATE_IDS: a few ids with a few rows each, the command that writes the full list, and the choices. */
export function duplicateIdsError(report: PreflightReport, readOptions: ReadOptions, loaded: LoadedMapping): WolkvoxBulkError {
  const full = duplicatesCut(report.duplicates) ? validateCommand(readOptions, loaded, ['--duplicates-file', duplicatesFileName(report.file)]) : undefined;
  const said = message('check.duplicates', {
    ...(report.match === undefined ? {} : { field: report.match.field }),
    count: report.duplicates.length,
    file: path.basename(report.file),
    csv: report.format.kind === 'csv',
    ...repeatedIds(report.duplicates),
    ...(full === undefined ? {} : { full }),
  });
  return new WolkvoxBulkError('DUPLICATE_IDS', said, { file: report.file, details: report.duplicates });
}

/** The check's verdict for `update` and `resume`: invalid rows, then duplicate ids, stop the job before any call. */
export function checkVerdict(report: PreflightReport, settings: JobSettings, readOptions: ReadOptions, loaded: LoadedMapping): WolkvoxBulkError | undefined {
  // A preview counts the invalid rows (and sends nothing): it goes on with the others.
  if (report.invalid > 0 && !settings.skipInvalid && !settings.preview) return invalidRowsError(report, validateCommand(readOptions, loaded));
  if (report.duplicates.length > 0 && settings.duplicates === 'error') return duplicateIdsError(report, readOptions, loaded);
  return undefined;
}
