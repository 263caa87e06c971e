import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import type { ReadOptions } from '../input/open.js';
import type { LoadedMapping } from '../mapping/load.js';
import { checkVerdict } from './check-messages.js';
import type { JobSettings } from './options.js';
import { fieldRules } from './unchanged.js';
import { openMappedInput, preflight, type DuplicateIndex, type PreflightReport } from './preflight.js';
import { planDuplicates, planRow, sendDuplicatesAgain, type PlanSink, type SinceBaseline } from './row-plan.js';

/** The whole-file check of a job, and what it decided for every row. */
export interface CheckedFile {
  readonly report: PreflightReport;
  /** Rows the job would send if none were done yet. */
  readonly sendable: number;
  /** Rows not to send because the `--since` baseline holds the same body for their id. */
  readonly unchanged: number;
  /** Ordinals of the rows of each duplicated id, in file order. */
  readonly duplicates: DuplicateIndex;
  /** `--duplicates all`: the row each later row of an id waits for (it goes only once that one is updated). */
  readonly after: ReadonlyMap<number, number>;
}

/**
 * Reads and maps the whole file before the first call, and records what each row is in `sink`, once, with
 * its body and its own cells: the only reading of the input a job makes. Invalid rows and duplicate ids
 * stop the job here (unless the settings say otherwise); with `since`, a row whose body that run left in
 * the CRM is planned unchanged, without a read.
 */
export async function checkFile(
  readOptions: ReadOptions,
  loaded: LoadedMapping,
  settings: JobSettings,
  sink: PlanSink,
  signal?: AbortSignal,
  since?: SinceBaseline,
): Promise<CheckedFile> {
  // With `match`, each row's id is its key (normalised) until the keys are found (run/key-apply.ts).
  const input = await openMappedInput(readOptions, loaded);
  const { source } = input;
  const label = source.format.kind === 'csv' ? 'line' : 'row';
  const context = { operation: settings.operation, module: settings.module, ...(since ? { since } : {}) };
  let unchanged = 0;
  const start = async () => {
    // The plan begins with the input as read and the mapping's fields: later stages never open either again.
    sink.start({ file: source.file, format: source.format, headers: source.headers, headerRow: source.headerRow, warnings: input.mapping.warnings, warningsSaid: input.mapping.warningsSaid, fields: Object.fromEntries(fieldRules(loaded.mapping)) });
    return preflight(input, {
      ...(signal ? { signal } : {}),
      onRow: (ordinal, result, row) => {
        const planned = planRow(result, row.rowNumber, context);
        if (planned.action === 'unchanged') unchanged += 1;
        sink.plan(ordinal, planned, row);
      },
    });
  };
  const { report, duplicates, rowNumberOf } = await start().catch(async (error: unknown) => {
    await input.source.rows.return?.(undefined);
    if (signal?.aborted) throw new WolkvoxBulkError('CANCELLED', message('check.interrupted'), { cause: error });
    throw error;
  });
  const verdict = checkVerdict(report, settings, readOptions, loaded);
  if (verdict) throw verdict;
  // Duplicated ids (few) are counted again once --duplicates has decided: it may skip an unchanged row.
  const unchangedDuplicates = () => [...duplicates.values()].flat().filter((ordinal) => sink.action(ordinal) === 'unchanged').length;
  unchanged -= unchangedDuplicates();
  sendDuplicatesAgain(duplicates, settings.duplicates, sink);
  const { after, excluded } = planDuplicates(duplicates, settings.duplicates, sink, rowNumberOf, label, loaded.mapping.match?.field);
  unchanged += unchangedDuplicates();
  return { report, sendable: report.valid - report.empty - excluded - unchanged, duplicates, after, unchanged };
}
