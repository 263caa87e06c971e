import type { MappedRow } from '../core/types.js';
import type { JobSettings } from '../plan/options.js';
import type { MappedInput } from '../plan/preflight.js';
import { CHANGED_GONE, changeSinceCheck } from '../plan/row-plan.js';
import type { RowTable } from '../store/row-table.js';

/** A row to send now: as the file gives it again, or why it is no longer the row the check planned. */
export type RowToSend = { readonly ordinal: number; readonly row: MappedRow; readonly change?: undefined } | { readonly ordinal: number; readonly change: string };

export interface PlannedRows {
  readonly rows: AsyncGenerator<RowToSend>;
  /** The rows stopped at --limit, with more left to send. */
  readonly limitReached: () => boolean;
}

/**
 * The rows this session sends, in file order: each row planned to send and not done yet, read and mapped
 * again and held against the plan. What is sent must be what was checked: a row whose id or body is not
 * the planned one comes with the change instead of a row, and so does a planned row the file no longer
 * reaches; rows past the end of the plan (the file grew) are never sent.
 */
export function plannedRows(input: MappedInput, table: RowTable, toSend: (ordinal: number) => boolean, settings: Pick<JobSettings, 'operation' | 'module' | 'limit'>): PlannedRows {
  let sent = 0;
  let limitReached = false;
  // Counts the row against --limit: false once the limit is reached.
  const take = () => {
    if (settings.limit !== undefined && sent >= settings.limit) {
      limitReached = true;
      return false;
    }
    sent += 1;
    return true;
  };
  async function* rows(): AsyncGenerator<RowToSend> {
    let ordinal = -1;
    for await (const sourceRow of input.source.rows) {
      ordinal += 1;
      if (ordinal >= table.size) return;
      if (!toSend(ordinal)) continue;
      if (!take()) return;
      const mapped = input.mapping.mapRow(sourceRow);
      const planned = table.planned(ordinal);
      const bodyHash = table.bodyHashOf(ordinal);
      const change = changeSinceCheck({ ...(planned.id === undefined ? {} : { id: planned.id }), ...(bodyHash ? { bodyHash } : {}) }, mapped, settings);
      yield change === undefined && mapped.kind === 'mapped' ? { ordinal, row: mapped.row } : { ordinal, change: change ?? CHANGED_GONE };
    }
    for (ordinal += 1; ordinal < table.size; ordinal += 1) {
      if (!toSend(ordinal)) continue;
      if (!take()) return;
      yield { ordinal, change: CHANGED_GONE };
    }
  }
  return { rows: rows(), limitReached: () => limitReached };
}

/**
 * Whether a row may share an updateMany.php call: updateMany.php takes no attachments, and rows of an id
 * sent more than once (`--duplicates all`: one waits for another) go alone, in file order.
 */
export const batchable = (hasAttachments: boolean, ordinal: number, after: ReadonlyMap<number, number>, awaited: ReadonlySet<number>) =>
  !hasAttachments && !after.has(ordinal) && !awaited.has(ordinal);

/**
 * About how many calls a session's rows take with batches of `size`: one per batch, one per row that goes
 * alone. Rows with attachments are those the plan gave no body hash; the CRM may still narrow a batch down
 * (a record it refuses) or take smaller ones.
 */
export function estimateCalls(table: RowTable, toSend: (ordinal: number) => boolean, limit: number | undefined, size: number, after: ReadonlyMap<number, number>): number {
  const awaited = new Set(after.values());
  let rows = 0;
  let alone = 0;
  for (let ordinal = 0; ordinal < table.size && rows < (limit ?? Number.POSITIVE_INFINITY); ordinal += 1) {
    if (!toSend(ordinal)) continue;
    rows += 1;
    if (size <= 1 || !batchable(table.bodyHashOf(ordinal) === undefined, ordinal, after, awaited)) alone += 1;
  }
  return alone + Math.ceil((rows - alone) / Math.max(1, size));
}
