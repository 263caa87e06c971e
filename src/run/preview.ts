import path from 'node:path';
import type { ChangePreview } from '../core/types.js';
import type { MatchRule } from '../mapping/match-key.js';
import type { JobSettings } from '../plan/options.js';
import { sameValue, type FieldRule } from '../plan/unchanged.js';
import { createPreviewWriter, type PreviewLine } from '../report/preview-file.js';
import { textOf } from '../report/failed-rows.js';
import { estimateCalls } from '../send/planned-rows.js';
import { planRows, readPlanHeader } from '../store/plan-reader.js';
import type { RunPaths } from '../store/run-folder.js';
import type { RowTable } from '../store/row-table.js';
import { openSnapshot } from '../store/snapshot-store.js';
import { readRunFile } from '../store/run-file.js';
import { idsToRead } from './prepare.js';
import { markPreviewRead } from './preview-reuse.js';

export interface PreviewInput {
  readonly paths: RunPaths;
  /** The rows as planned, with the keys' outcomes and --skip-unchanged's decisions replanned into it. */
  readonly table: RowTable;
  /** Each mapped field's comparison rule by CRM label (the same as --skip-unchanged's). */
  readonly fields: Readonly<Record<string, FieldRule>>;
  readonly settings: Pick<JobSettings, 'batchSize' | 'limit' | 'skipUnchanged'>;
  /** `--duplicates all`: the row each later row of an id goes after (they go alone, not in a batch). */
  readonly after: ReadonlyMap<number, number>;
  /** With `match`: the key's column, shown beside each row's id. */
  readonly match?: Pick<MatchRule, 'column'>;
  /** What one updateMany.php call costs in quota units, when measured. */
  readonly batchCost?: 'call' | 'record';
}

const TEXT: FieldRule = { type: 'string', trim: true };

/**
 * Once the snapshot (and a `match` mapping's keys) are read: each row to send compared field by field with
 * what the CRM holds, by the same rules as --skip-unchanged, into preview.csv, with the counts and what the
 * real run would cost at the chosen batch size. Nothing is decided here that the run decides otherwise.
 */
export async function writeChangePreview(input: PreviewInput): Promise<ChangePreview> {
  const { paths, table } = input;
  const toSend = (ordinal: number) => table.action(ordinal) === 'send';
  const [snapshot, header] = await Promise.all([idsToRead(paths.plan, toSend).then((ids) => openSnapshot(paths.snapshot, ids)), readPlanHeader(paths.plan)]);
  const rules = new Map(Object.entries(input.fields));
  const keyAt = input.match ? header.headers.indexOf(input.match.column) : -1;
  const rows = { change: 0, unchanged: 0, notFound: 0, ambiguous: 0, invalid: 0, skipped: 0 };
  // The rows found holding every value already: without --skip-unchanged they are still sent.
  const same = new Uint8Array(table.size);
  const writer = createPreviewWriter(path.join(paths.dir, 'preview.csv'), { delimiter: header.format.kind === 'csv' ? header.format.delimiter : ',', keyed: keyAt >= 0 });
  try {
    for await (const row of planRows(paths.plan)) {
      const action = table.action(row.ordinal);
      const where = { rowNumber: row.rowNumber, ...(keyAt >= 0 ? { key: textOf(row.cells[keyAt]) } : {}) };
      const line = (rest: Omit<PreviewLine, 'rowNumber' | 'key'>) => writer.write({ ...where, ...rest });
      if (action === 'invalid') rows.invalid += 1;
      else if (action === 'skip') rows.skipped += 1;
      else if (action === 'unchanged') rows.unchanged += 1;
      else if (action === 'not-found' || action === 'ambiguous') {
        rows[action === 'not-found' ? 'notFound' : 'ambiguous'] += 1;
        line({ problem: action === 'not-found' ? 'not found' : 'several records' });
      } else if (row.id !== undefined) {
        const held = snapshot.valuesOf(row.id);
        if (!held) {
          rows.notFound += 1;
          line({ id: row.id, problem: 'not found' });
          continue;
        }
        const changed = Object.entries(row.fields ?? {}).filter(([label, value]) => !sameValue(value, held[label], rules.get(label) ?? TEXT));
        // A row with files always sends them: it changes, whatever its other fields.
        if (changed.length === 0 && !row.attachments) {
          rows.unchanged += 1;
          same[row.ordinal] = 1;
          continue;
        }
        rows.change += 1;
        for (const [field, toSend] of changed) line({ id: row.id, change: { field, now: held[field], toSend } });
      }
    }
    writer.close();
  } catch (error) {
    writer.discard();
    throw error;
  } finally {
    snapshot.close();
  }
  return {
    file: path.join(paths.dir, 'preview.csv'),
    lines: writer.lines(),
    rows,
    cost: costOf(input, toSend, same),
    readAt: new Date().toISOString(),
  };
}

// The real run's updates: every row still to send (one not found by id is sent, and fails), in batches of
// --batch; without --skip-unchanged, also what leaving the unchanged rows out would save.
function costOf(input: PreviewInput, toSend: (ordinal: number) => boolean, same: Uint8Array): ChangePreview['cost'] {
  const { table, settings, after } = input;
  const size = settings.batchSize;
  const updates = estimateCalls(table, toSend, settings.limit, size, after);
  let rows = 0;
  for (let ordinal = 0; ordinal < table.size; ordinal += 1) if (toSend(ordinal)) rows += 1;
  rows = Math.min(rows, settings.limit ?? rows);
  const most = size > 1 && input.batchCost !== 'call' ? rows : updates;
  const least = size > 1 && input.batchCost === 'record' ? rows : updates;
  const skipping = settings.skipUnchanged ? undefined : estimateCalls(table, (ordinal) => toSend(ordinal) && same[ordinal] === 0, settings.limit, size, after);
  return { batchSize: size, updates, quotaUnits: { least, most }, ...(skipping === undefined ? {} : { updatesSkippingUnchanged: skipping }) };
}

/** A preview session's last step, once its reads are done: preview.csv, and run.json says when they ended. */
export async function previewOf(session: {
  readonly paths: RunPaths;
  readonly table: RowTable;
  readonly settings: JobSettings;
  readonly plan: { readonly fields: Readonly<Record<string, FieldRule>>; readonly after: ReadonlyMap<number, number> };
  readonly batchCost?: 'call' | 'record';
}): Promise<ChangePreview> {
  const { paths } = session;
  const match = readRunFile(paths).match?.rule;
  const changes = await writeChangePreview({
    paths,
    table: session.table,
    fields: session.plan.fields,
    settings: session.settings,
    after: session.plan.after,
    ...(match ? { match } : {}),
    ...(session.batchCost ? { batchCost: session.batchCost } : {}),
  });
  markPreviewRead(paths, changes.readAt);
  return changes;
}
