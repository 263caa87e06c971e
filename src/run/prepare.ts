import fs from 'node:fs';
import type { JobEvent } from '../core/events.js';
import type { SnapshotStrategy } from '../plan/options.js';
import { isUnchanged, type FieldRule } from '../plan/unchanged.js';
import { planRows } from '../store/plan-reader.js';
import type { Reader } from '../send/reads.js';
import { takeSnapshot } from '../send/snapshot.js';
import { applyIfEmpty } from './if-empty-apply.js';
import type { RunPaths } from '../store/run-folder.js';
import type { RowTable } from '../store/row-table.js';
import { IdSet } from '../store/id-set.js';
import { writeBefore } from '../store/snapshot-file.js';
import { openSnapshot, type SnapshotRecords } from '../store/snapshot-store.js';

export interface PrepareInput {
  readonly paths: RunPaths;
  /** Each mapped field's comparison rule by CRM label, as the plan recorded them. */
  readonly fields: Readonly<Record<string, FieldRule>>;
  readonly table: RowTable;
  readonly strategy: SnapshotStrategy;
  readonly skipUnchanged: boolean;
  /** The rows this session sends (checked again after rows are left out). */
  readonly toSend: (ordinal: number) => boolean;
  readonly onEvent: (event: JobEvent) => void;
}

/** The ids of the rows this session sends, in file order (repeats too), from the run's plan. */
async function* planIds(plan: string, toSend: (ordinal: number) => boolean): AsyncGenerator<string> {
  for await (const row of planRows(plan)) if (row.id !== undefined && toSend(row.ordinal)) yield row.id;
}

/** The distinct ids of the rows this session sends, from the run's plan (8 bytes an id). */
export const idsToRead = (plan: string, toSend: (ordinal: number) => boolean): Promise<IdSet> => IdSet.from(planIds(plan, toSend));

/**
 * Before the first update: the snapshot (each record's current values of the mapped fields, read once,
 * crash-safely, into before.csv), then the if-empty fields the CRM holds a value in taken out of the plan,
 * then with --skip-unchanged the rows the CRM already holds left out.
 * Resolves false when the job stopped during the reads: nothing is sent, and a resume goes on from them.
 */
export async function prepareRows(input: PrepareInput, tools: { readonly reader: Reader; readonly stopped: () => boolean }): Promise<boolean> {
  const { paths, toSend } = input;
  const labels = Object.keys(input.fields);
  const records = await openSnapshot(paths.snapshot, await idsToRead(paths.plan, toSend));
  try {
    if (!records.progress.done) {
      const complete = await takeSnapshot(() => planIds(paths.plan, toSend), input.strategy, { reader: tools.reader, records, labels, onEvent: input.onEvent, stopped: tools.stopped });
      if (!complete) return false;
    }
    // Written once, by the session that finished the reads: later sessions send fewer rows, not other ones.
    if (!fs.existsSync(paths.before)) await writeBefore(paths.before, labels, beforeRows(paths.plan, toSend, records));
    // The if-empty fields the CRM holds a value in leave the plan first: --skip-unchanged compares what is left.
    await applyIfEmpty({ paths, table: input.table, fields: input.fields, records, toSend });
    if (input.skipUnchanged) await leaveOutUnchanged(input, records);
    return true;
  } finally {
    records.close();
  }
}

async function* beforeRows(plan: string, toSend: (ordinal: number) => boolean, records: SnapshotRecords) {
  for await (const row of planRows(plan)) {
    if (row.id !== undefined && toSend(row.ordinal)) yield { rowNumber: row.rowNumber, id: row.id, values: records.valuesOf(row.id) ?? null };
  }
}

// A row whose every field already has that value in the CRM is not sent (its body as the plan holds it).
async function leaveOutUnchanged(input: PrepareInput, records: SnapshotRecords): Promise<void> {
  const rules = new Map(Object.entries(input.fields));
  for await (const row of planRows(input.paths.plan)) {
    if (!input.toSend(row.ordinal) || row.id === undefined || row.fields === undefined || row.attachments) continue;
    const held = records.valuesOf(row.id);
    if (held && isUnchanged(row.fields, held, rules)) input.table.replan(row.ordinal, 'unchanged');
  }
}

// Whether the snapshot is read already (by an earlier session: before.csv), or may be taken from the module
// read that finds a `match` mapping's keys (any way but key by key).
export function snapshotTaken(paths: RunPaths, keys: { readonly strategy: 'module' | 'query' | 'auto' } | undefined): { done: boolean; fromMatch?: true } {
  const done = fs.existsSync(paths.before);
  return !done && keys !== undefined && keys.strategy !== 'query' ? { done, fromMatch: true } : { done };
}
