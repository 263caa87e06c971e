import fs from 'node:fs';
import type { JobEvent } from '../core/events.js';
import type { ReadOptions } from '../input/open.js';
import type { LoadedMapping } from '../mapping/load.js';
import type { SnapshotStrategy } from '../plan/options.js';
import { openMappedInput } from '../plan/preflight.js';
import { fieldRules, isUnchanged } from '../plan/unchanged.js';
import type { Reader } from '../send/reads.js';
import { takeSnapshot } from '../send/snapshot.js';
import type { RunPaths } from '../store/run-folder.js';
import type { RowTable } from '../store/row-table.js';
import { openSnapshotLog, readSnapshot, writeBefore, type SnapshotState } from '../store/snapshot-file.js';

export interface PrepareInput {
  readonly paths: RunPaths;
  readonly readOptions: ReadOptions;
  readonly loaded: LoadedMapping;
  readonly table: RowTable;
  readonly strategy: SnapshotStrategy;
  readonly skipUnchanged: boolean;
  /** The rows this session sends (checked again after rows are left out). */
  readonly toSend: (ordinal: number) => boolean;
  readonly onEvent: (event: JobEvent) => void;
}

/** The distinct ids of the rows this session sends, in file order. */
export function idsToRead(table: RowTable, toSend: (ordinal: number) => boolean): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (let ordinal = 0; ordinal < table.size; ordinal += 1) {
    const id = toSend(ordinal) ? table.idOf(ordinal) : undefined;
    if (id !== undefined && !seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  }
  return ids;
}

/**
 * Before the first update: the snapshot (each record's current values of the mapped fields, read once,
 * crash-safely, into before.csv), then with --skip-unchanged the rows the CRM already holds left out.
 * Resolves false when the job stopped during the reads: nothing is sent, and a resume goes on from them.
 */
export async function prepareRows(input: PrepareInput, tools: { readonly reader: Reader; readonly stopped: () => boolean }): Promise<boolean> {
  const { paths, table, toSend } = input;
  const labels = Object.keys(input.loaded.mapping.fields);
  const state = await readSnapshot(paths.snapshot);
  if (!state.done) {
    const log = openSnapshotLog(paths.snapshot);
    try {
      const complete = await takeSnapshot(idsToRead(table, toSend), input.strategy, { reader: tools.reader, state, log, labels, onEvent: input.onEvent, stopped: tools.stopped });
      if (!complete) return false;
    } finally {
      log.close();
    }
  }
  // Written once, by the session that finished the reads: later sessions send fewer rows, not other ones.
  if (!fs.existsSync(paths.before)) await writeBefore(paths.before, labels, beforeRows(table, toSend, state));
  if (input.skipUnchanged) await leaveOutUnchanged(input, state);
  return true;
}

function* beforeRows(table: RowTable, toSend: (ordinal: number) => boolean, state: SnapshotState) {
  for (let ordinal = 0; ordinal < table.size; ordinal += 1) {
    const id = toSend(ordinal) ? table.idOf(ordinal) : undefined;
    if (id !== undefined) yield { rowNumber: table.planned(ordinal).rowNumber, id, values: state.found.get(id) ?? null };
  }
}

// One more pass over the input: a row whose every field already has that value in the CRM is not sent.
async function leaveOutUnchanged(input: PrepareInput, state: SnapshotState): Promise<void> {
  const rules = fieldRules(input.loaded.mapping);
  const mapped = await openMappedInput(input.readOptions, input.loaded);
  let ordinal = -1;
  try {
    for await (const row of mapped.source.rows) {
      ordinal += 1;
      if (!input.toSend(ordinal)) continue;
      const result = mapped.mapping.mapRow(row);
      if (result.kind !== 'mapped' || result.row.attachments.length > 0) continue;
      const held = state.found.get(result.row.id);
      if (held && isUnchanged(result.row.fields, held, rules)) {
        input.table.replan(ordinal, { action: 'unchanged', message: 'the CRM already holds these values (--skip-unchanged)' });
      }
    }
  } finally {
    await mapped.source.rows.return?.(undefined);
  }
}
