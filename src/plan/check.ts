import { WolkvoxBulkError } from '../core/errors.js';
import type { ReadOptions } from '../input/open.js';
import type { LoadedMapping } from '../mapping/load.js';
import { checkVerdict } from './check-messages.js';
import type { JobSettings } from './options.js';
import { openMappedInput, preflight, type DuplicateIndex, type PreflightReport } from './preflight.js';
import { planDuplicates, planRow, type PlanSink } from './row-plan.js';

/** The whole-file check of a job, and what it decided for every row. */
export interface CheckedFile {
  readonly report: PreflightReport;
  /** Rows the job would send if none were done yet. */
  readonly sendable: number;
  /** Ordinals of the rows of each duplicated id, in file order. */
  readonly duplicates: DuplicateIndex;
  /** `--duplicates all`: the row each later row of an id waits for (it goes only once that one is updated). */
  readonly after: ReadonlyMap<number, number>;
}

/**
 * Reads and maps the whole file before the first call, and records what each row is in `sink`, once:
 * invalid rows and duplicate ids stop the job here (unless the settings say otherwise).
 */
export async function checkFile(readOptions: ReadOptions, loaded: LoadedMapping, settings: JobSettings, sink: PlanSink, signal?: AbortSignal): Promise<CheckedFile> {
  const input = await openMappedInput(readOptions, loaded);
  const label = input.source.format.kind === 'csv' ? 'line' : 'row';
  const { report, duplicates, rowNumberOf } = await preflight(input, {
    ...(signal ? { signal } : {}),
    onRow: (ordinal, result, rowNumber) => sink.plan(ordinal, planRow(result, rowNumber)),
  }).catch(async (error: unknown) => {
    await input.source.rows.return?.(undefined);
    if (signal?.aborted) throw new WolkvoxBulkError('CANCELLED', 'Interrupted while checking the file: nothing was sent.', { cause: error });
    throw error;
  });
  const verdict = checkVerdict(report, label, settings, readOptions, loaded);
  if (verdict) throw verdict;
  const { after, excluded } = planDuplicates(duplicates, settings.duplicates, sink, rowNumberOf, label);
  return { report, sendable: report.valid - report.empty - excluded, duplicates, after };
}
