import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import type { LoadedMapping } from '../mapping/load.js';
import { safeCell } from '../input/report-cells.js';
import { writeFileAtomic } from '../store/atomic-file.js';
import { loadMappingFor, openMappedInput, preflight, readOptionsFor, type PreflightReport } from '../plan/preflight.js';
import type { ReaderOverrides } from '../plan/options.js';
import { ifEmptyLabels } from '../plan/if-empty.js';
import { fieldRules } from '../plan/unchanged.js';

export interface ValidateOptions extends ReaderOverrides {
  /** The input file (CSV or XLSX). */
  readonly file: string;
  /** Path of the mapping file, or a mapping already loaded. */
  readonly mapping: string | LoadedMapping;
  /** Bodies to show as they would be sent. @default 3 */
  readonly preview?: number;
  /** Problems to keep in the report (all are counted). @default 20 */
  readonly maxProblems?: number;
  /**
   * Also write every duplicated id with all its rows to this CSV file (`id`, `count`, `lines` or `rows`),
   * private to the user; written even when there are none, so an old list is never mistaken for this one.
   */
  readonly duplicatesFile?: string;
  readonly signal?: AbortSignal;
}

/** Reads and maps a whole file and reports what is wrong in it. Makes no network call. */
export async function validateFile(options: ValidateOptions): Promise<PreflightReport> {
  const { signal } = options;
  try {
    const loaded = typeof options.mapping === 'string' ? await loadMappingFor(options.mapping, options.file, options) : options.mapping;
    const input = await openMappedInput({ ...readOptionsFor(options.file, loaded, options), ...(signal ? { signal } : {}) }, loaded);
    const { report } = await preflight(input, {
      ...(options.preview === undefined ? {} : { preview: options.preview }),
      ...(options.maxProblems === undefined ? {} : { maxProblems: options.maxProblems }),
      ...(signal ? { signal } : {}),
    }).catch(async (error: unknown) => {
      await input.source.rows.return?.(undefined);
      throw error;
    });
    if (options.duplicatesFile !== undefined) writeDuplicatesFile(options.duplicatesFile, report);
    const ifEmpty = ifEmptyLabels(Object.fromEntries(fieldRules(loaded.mapping)));
    return ifEmpty.length > 0 ? { ...report, ifEmpty } : report;
  } catch (error) {
    // The reader stops between two chunks, the check between two rows: either way the caller has left.
    if (signal?.aborted) {
      throw new WolkvoxBulkError('CANCELLED', message('validate.cancelled', { file: path.basename(options.file) }), { file: options.file, cause: error });
    }
    throw error;
  }
}

function writeDuplicatesFile(file: string, report: PreflightReport): void {
  const csv = report.format.kind === 'csv' ? report.format : undefined;
  const records = [
    ['id', 'count', csv ? 'lines' : 'rows'],
    ...report.duplicates.map((entry) => [safeCell(entry.id), String(entry.rows.length), entry.rows.join(' ')]),
  ];
  // UTF-8 with a BOM and the input's delimiter, like results.csv, so a spreadsheet opens it in columns.
  const text = stringify(records, { delimiter: csv?.delimiter ?? ',', record_delimiter: 'windows' });
  try {
    if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    writeFileAtomic(file, `\ufeff${text}`);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new WolkvoxBulkError('USAGE', message('validate.duplicates-unwritable', { file: path.resolve(file), reason }), { file, cause: error });
  }
}
