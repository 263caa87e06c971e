import path from 'node:path';
import { count, counted } from '../core/text.js';
import { WolkvoxBulkError } from '../core/errors.js';
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
 * The first few duplicated ids, each with its first few rows: `  a1: lines 2, 9, 14, 20, 31 and 118 more`,
 * then `  … and 37 more ids on 80 rows`. `label` is "line" (CSV) or "row" (workbook).
 */
export function duplicateLines(duplicates: readonly DuplicateId[], label: string): string[] {
  const lines = duplicates.slice(0, SHOWN_IDS).map(({ id, rows }) => {
    const shown = rows.slice(0, SHOWN_ROWS).map(String);
    const more = rows.length - shown.length;
    const list = more > 0 ? `${shown.join(', ')} and ${count(more)} more` : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}`;
    const name = id.length > LONGEST_ID ? `${id.slice(0, LONGEST_ID)}…` : id;
    return `  ${name}: ${label}s ${list}`;
  });
  if (duplicates.length > SHOWN_IDS) {
    const rest = duplicates.slice(SHOWN_IDS);
    lines.push(`  … and ${counted(rest.length, 'more id', 'more ids')} on ${counted(rest.reduce((sum, entry) => sum + entry.rows.length, 0), 'row')}`);
  }
  return lines;
}

/** Whether `duplicateLines` leaves some ids or rows out. */
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

/** ROWS_INVALID: the first problems, a count of the rest, and what to do. */
export function invalidRowsError(report: PreflightReport, label: string, command: string): WolkvoxBulkError {
  const name = path.basename(report.file);
  const shown = report.problems.slice(0, SHOWN_PROBLEMS).map((problem) => `  ${label} ${problem.rowNumber}${problem.column ? `, column ${problem.column}` : ''}: ${problem.message}`);
  return new WolkvoxBulkError(
    'ROWS_INVALID',
    [
      `Invalid rows: ${count(report.invalid)} of ${counted(report.rows, 'row')} in ${name} cannot be sent. Nothing was sent.`,
      ...shown,
      ...(report.problemCount > shown.length ? [`  … ${report.problemCount - shown.length} more (${command} lists more of them)`] : []),
      `Fix ${report.invalid === 1 ? 'it' : 'them'} and run again, or add --skip-invalid to send the ${counted(report.valid - report.empty, 'valid row')}.`,
    ].join('\n'),
    { file: report.file, details: report },
  );
}

/** DUPLICATE_IDS: a few ids with a few rows each, the command that writes the full list, and the choices. */
export function duplicateIdsError(report: PreflightReport, label: string, readOptions: ReadOptions, loaded: LoadedMapping): WolkvoxBulkError {
  const name = path.basename(report.file);
  const full = duplicatesCut(report.duplicates)
    ? [`The full list, as a CSV file: ${validateCommand(readOptions, loaded, ['--duplicates-file', duplicatesFileName(report.file)])}`]
    : [];
  return new WolkvoxBulkError(
    'DUPLICATE_IDS',
    [
      `${report.match === undefined ? `Duplicate ids: ${counted(report.duplicates.length, 'id')}` : `Duplicate keys: ${counted(report.duplicates.length, `${report.match.field} key`)}`} of ${name} ${report.duplicates.length === 1 ? 'is' : 'are'} on more than one row. Nothing was sent.`,
      ...duplicateLines(report.duplicates, label),
      ...full,
      'Remove the extra rows, or choose with --duplicates first (send the first), last (send the last) or all (send each, in file order).',
    ].join('\n'),
    { file: report.file, details: report.duplicates },
  );
}

/** The check's verdict for `update` and `resume`: invalid rows, then duplicate ids, stop the job before any call. */
export function checkVerdict(report: PreflightReport, label: string, settings: JobSettings, readOptions: ReadOptions, loaded: LoadedMapping): WolkvoxBulkError | undefined {
  // A preview counts the invalid rows (and sends nothing): it goes on with the others.
  if (report.invalid > 0 && !settings.skipInvalid && !settings.preview) return invalidRowsError(report, label, validateCommand(readOptions, loaded));
  if (report.duplicates.length > 0 && settings.duplicates === 'error') return duplicateIdsError(report, label, readOptions, loaded);
  return undefined;
}
