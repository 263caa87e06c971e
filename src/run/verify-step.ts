import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { VerifySummary } from '../core/types.js';
import { sameValue, type FieldRule } from '../plan/unchanged.js';
import { DEFAULT_BACKOFF, type JobHooks, type JobSettings, type ResolvedConnection } from '../plan/options.js';
import { readRecordsNow, type ReadPassEnd, type ReadPassOptions } from '../send/read-pass.js';
import type { SendOutcome } from '../send/send-pass.js';
import { withAtomicFile } from '../store/atomic-file.js';
import { dropFromBaseline } from '../store/baseline.js';
import { planRows } from '../store/plan-reader.js';
import type { RunPaths } from '../store/run-folder.js';
import type { RowTable } from '../store/row-table.js';

export interface VerifyInput {
  readonly paths: RunPaths;
  /** Each mapped field's comparison rule by CRM label, as the plan recorded them. */
  readonly fields: Readonly<Record<string, FieldRule>>;
  /** The run's rows, with every session's outcomes. */
  readonly table: RowTable;
  readonly read: ReadPassOptions;
}

/** The last row sent for each id the run updated (the value its record must end with), from the run's plan. */
export async function lastUpdatedRows(plan: string, table: RowTable): Promise<Map<string, number>> {
  const lastRow = new Map<string, number>();
  for await (const row of planRows(plan)) {
    if (row.id !== undefined && table.head(row.ordinal)?.status === 'updated') lastRow.set(row.id, row.ordinal);
  }
  return lastRow;
}

/**
 * Reads back the records the run updated (the module page by page while that is cheaper, the rest by id),
 * through reads of its own, apart from the run's calls, and writes verify.csv: each field whose CRM value
 * differs from what was sent (the body its plan holds), row by row. An id sent on several rows
 * (--duplicates all) is compared with its last row. Records found differing or gone leave the run's
 * baseline: a later `--since` sends them again. Resolves without a summary when a stop cut the reads short
 * (nothing is then written).
 */
export async function verifyRows(input: VerifyInput): Promise<{ readonly verify?: VerifySummary; readonly end: ReadPassEnd; readonly notAsSent?: ReadonlySet<string> }> {
  const lastRow = await lastUpdatedRows(input.paths.plan, input.table);
  const { found, end } = await readRecordsNow([...lastRow.keys()], Object.keys(input.fields), input.read);
  if (!found) return { end };

  const rules = new Map(Object.entries(input.fields));
  const checked = new Set(lastRow.values());
  const lines: string[][] = [];
  const notAsSent: string[] = [];
  let matched = 0;
  let differing = 0;
  let missing = 0;
  for await (const row of planRows(input.paths.plan)) {
    if (!checked.has(row.ordinal) || row.id === undefined) continue;
    const { id, fields = {} } = row;
    const held = found.get(id);
    if (!held) {
      missing += 1;
      notAsSent.push(id);
      lines.push([String(row.rowNumber), id, '', '', 'not found']);
      continue;
    }
    const differences = Object.entries(fields).filter(([label, value]) => !sameValue(value, held[label], rules.get(label) ?? { type: 'string', trim: true }));
    if (differences.length === 0) matched += 1;
    else {
      differing += 1;
      notAsSent.push(id);
    }
    for (const [label, value] of differences) lines.push([String(row.rowNumber), id, label, JSON.stringify(value), held[label] === undefined ? '' : JSON.stringify(held[label])]);
  }
  await withAtomicFile(input.paths.verify, (fd) => {
    fs.writeSync(fd, `\ufeff${stringify([['_wvx_row', 'wolkvox-id', 'field', 'sent', 'now'], ...lines], { record_delimiter: 'windows', quote_record_delimiter: true })}`);
  });
  if (notAsSent.length > 0) dropFromBaseline(input.paths.baseline, notAsSent);
  return { verify: { checked: checked.size, matched, differing, missing, calls: end.calls, file: input.paths.verify }, end, notAsSent: new Set(notAsSent) };
}

// The session's connection for --verify's reads, with what is left of --max-calls after its sends.
export function verifyReadPass(input: { readonly connection: ResolvedConnection; readonly settings: Pick<JobSettings, 'operation' | 'module'>; readonly hooks: JobHooks }, spent: number): ReadPassOptions {
  const { connection, hooks } = input;
  return {
    connection: connection.maxCalls === undefined ? connection : { ...connection, maxCalls: Math.max(0, connection.maxCalls - spent) },
    operation: input.settings.operation,
    module: input.settings.module,
    backoff: hooks.backoff ?? DEFAULT_BACKOFF,
    ...(hooks.signal ? { signal: hooks.signal } : {}),
    ...(hooks.logger ? { logger: hooks.logger } : {}),
    onEvent: hooks.onEvent ?? (() => undefined),
  };
}

/** A stop during --verify's reads, as the session's outcome says a stop. */
export const stopOfReads = (end: ReadPassEnd): Pick<SendOutcome, 'stopReason' | 'stopSaid' | 'fatalReason'> => ({
  ...(end.stopReason ? { stopReason: end.stopReason } : {}),
  ...(end.stopSaid ? { stopSaid: end.stopSaid } : {}),
  ...(end.fatalReason ? { fatalReason: end.fatalReason } : {}),
});
