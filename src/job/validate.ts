import type { LoadedMapping } from '../mapping/load.js';
import { loadMappingFor, openMappedInput, preflight, readOptionsFor, type PreflightReport, type ReaderOverrides } from './preflight.js';

export interface ValidateOptions extends ReaderOverrides {
  /** The input file (CSV or XLSX). */
  readonly file: string;
  /** Path of the mapping file, or a mapping already loaded. */
  readonly mapping: string | LoadedMapping;
  /** Bodies to show as they would be sent. @default 3 */
  readonly preview?: number;
  /** Problems to keep in the report (all are counted). @default 20 */
  readonly maxProblems?: number;
  readonly signal?: AbortSignal;
}

/** Reads and maps a whole file and reports what is wrong in it. Makes no network call. */
export async function validateFile(options: ValidateOptions): Promise<PreflightReport> {
  const loaded = typeof options.mapping === 'string' ? await loadMappingFor(options.mapping, options.file, options) : options.mapping;
  const input = await openMappedInput(readOptionsFor(options.file, loaded, options), loaded);
  const { report } = await preflight(input, {
    ...(options.preview === undefined ? {} : { preview: options.preview }),
    ...(options.maxProblems === undefined ? {} : { maxProblems: options.maxProblems }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return report;
}
