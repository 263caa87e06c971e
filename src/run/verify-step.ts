import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { JobEvent } from '../core/events.js';
import type { VerifySummary } from '../core/types.js';
import type { ReadOptions } from '../input/open.js';
import type { LoadedMapping } from '../mapping/load.js';
import { openMappedInput } from '../plan/preflight.js';
import { fieldRules, sameValue } from '../plan/unchanged.js';
import type { ReadTools } from '../send/send-pass.js';
import { takeSnapshot } from '../send/snapshot.js';
import { withAtomicFile } from '../store/atomic-file.js';
import type { RunPaths } from '../store/run-folder.js';
import type { RowTable } from '../store/row-table.js';
import type { SnapshotState } from '../store/snapshot-file.js';

export interface VerifyInput {
  readonly paths: RunPaths;
  readonly readOptions: ReadOptions;
  readonly loaded: LoadedMapping;
  readonly table: RowTable;
  readonly onEvent: (event: JobEvent) => void;
}

/**
 * Reads back the records the run updated (the module page by page while that is cheaper, the rest by id)
 * and writes verify.csv: each field whose CRM value differs from what was sent, row by row. An id sent
 * on several rows (--duplicates all) is compared with its last row, the value it must end with.
 */
export async function verifyRows(input: VerifyInput, tools: ReadTools): Promise<VerifySummary | undefined> {
  const { table } = input;
  const lastRow = new Map<string, number>();
  for (let ordinal = 0; ordinal < table.size; ordinal += 1) {
    const id = table.outcome(ordinal)?.status === 'updated' ? table.idOf(ordinal) : undefined;
    if (id !== undefined) lastRow.set(id, ordinal);
  }
  const labels = Object.keys(input.loaded.mapping.fields);
  const state: SnapshotState = { found: new Map(), pages: 0, moduleRead: false, done: false };
  const quiet = { record() {}, missing() {}, page() {}, done() {} };
  if (!(await takeSnapshot([...lastRow.keys()], 'auto', { reader: tools.reader, state, log: quiet, labels, onEvent: input.onEvent, stopped: tools.stopped }))) return undefined;

  const rules = fieldRules(input.loaded.mapping);
  const checked = new Set(lastRow.values());
  const lines: string[][] = [];
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
      const held = state.found.get(result.row.id);
      if (!held) {
        missing += 1;
        lines.push([String(row.rowNumber), result.row.id, '', '', 'not found']);
        continue;
      }
      const differences = Object.entries(result.row.fields).filter(([label, value]) => !sameValue(value, held[label], rules.get(label) ?? { type: 'string', trim: true }));
      if (differences.length === 0) matched += 1;
      else differing += 1;
      for (const [label, value] of differences) lines.push([String(row.rowNumber), result.row.id, label, JSON.stringify(value), held[label] === undefined ? '' : JSON.stringify(held[label])]);
    }
  } finally {
    await mapped.source.rows.return?.(undefined);
  }
  await withAtomicFile(input.paths.verify, (fd) => {
    fs.writeSync(fd, `\ufeff${stringify([['_wvx_row', 'wolkvox-id', 'field', 'sent', 'now'], ...lines], { record_delimiter: 'windows', quote_record_delimiter: true })}`);
  });
  return { checked: checked.size, matched, differing, missing, file: input.paths.verify };
}
