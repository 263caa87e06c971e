import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { VerifySummary } from '../core/types.js';
import type { ReadOptions } from '../input/open.js';
import type { LoadedMapping } from '../mapping/load.js';
import { openMappedInput } from '../plan/preflight.js';
import { fieldRules, sameValue } from '../plan/unchanged.js';
import { readRecordsNow, type ReadPassEnd, type ReadPassOptions } from '../send/read-pass.js';
import { withAtomicFile } from '../store/atomic-file.js';
import { dropFromBaseline } from '../store/baseline.js';
import type { RunPaths } from '../store/run-folder.js';
import type { RowTable } from '../store/row-table.js';

export interface VerifyInput {
  readonly paths: RunPaths;
  readonly readOptions: ReadOptions;
  readonly loaded: LoadedMapping;
  /** The run's rows, with every session's outcomes. */
  readonly table: RowTable;
  readonly read: ReadPassOptions;
}

/** The last row sent for each id the run updated: the value its record must end with. */
export function lastUpdatedRows(table: RowTable): Map<string, number> {
  const lastRow = new Map<string, number>();
  for (let ordinal = 0; ordinal < table.size; ordinal += 1) {
    const id = table.outcome(ordinal)?.status === 'updated' ? table.idOf(ordinal) : undefined;
    if (id !== undefined) lastRow.set(id, ordinal);
  }
  return lastRow;
}

/**
 * Reads back the records the run updated (the module page by page while that is cheaper, the rest by id),
 * through reads of its own, apart from the run's calls, and writes verify.csv: each field whose CRM value
 * differs from what was sent, row by row. An id sent on several rows (--duplicates all) is compared with
 * its last row. Records found differing or gone leave the run's baseline: a later `--since` sends them
 * again. Resolves without a summary when a stop cut the reads short (nothing is then written).
 */
export async function verifyRows(input: VerifyInput): Promise<{ readonly verify?: VerifySummary; readonly end: ReadPassEnd }> {
  const lastRow = lastUpdatedRows(input.table);
  const { found, end } = await readRecordsNow([...lastRow.keys()], Object.keys(input.loaded.mapping.fields), input.read);
  if (!found) return { end };

  const rules = fieldRules(input.loaded.mapping);
  const checked = new Set(lastRow.values());
  const lines: string[][] = [];
  const notAsSent: string[] = [];
  let matched = 0;
  let differing = 0;
  let missing = 0;
  const mapped = await openMappedInput(input.readOptions, input.loaded);
  let ordinal = -1;
  try {
    for await (const row of mapped.source.rows) {
      ordinal += 1;
      if (!checked.has(ordinal)) continue;
      const result = mapped.mapping.mapRow(row);
      if (result.kind !== 'mapped') continue;
      const held = found.get(result.row.id);
      if (!held) {
        missing += 1;
        notAsSent.push(result.row.id);
        lines.push([String(row.rowNumber), result.row.id, '', '', 'not found']);
        continue;
      }
      const differences = Object.entries(result.row.fields).filter(([label, value]) => !sameValue(value, held[label], rules.get(label) ?? { type: 'string', trim: true }));
      if (differences.length === 0) matched += 1;
      else {
        differing += 1;
        notAsSent.push(result.row.id);
      }
      for (const [label, value] of differences) lines.push([String(row.rowNumber), result.row.id, label, JSON.stringify(value), held[label] === undefined ? '' : JSON.stringify(held[label])]);
    }
  } finally {
    await mapped.source.rows.return?.(undefined);
  }
  await withAtomicFile(input.paths.verify, (fd) => {
    fs.writeSync(fd, `\ufeff${stringify([['_wvx_row', 'wolkvox-id', 'field', 'sent', 'now'], ...lines], { record_delimiter: 'windows', quote_record_delimiter: true })}`);
  });
  if (notAsSent.length > 0) dropFromBaseline(input.paths.baseline, notAsSent);
  return { verify: { checked: checked.size, matched, differing, missing, calls: end.calls, file: input.paths.verify }, end };
}
