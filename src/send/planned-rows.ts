import type { MappedRow } from '../core/types.js';
import { readPlanLine } from '../store/plan-file.js';
import { planRowTexts } from '../store/plan-reader.js';
import type { RowTable } from '../store/row-table.js';

const NO_FILES: MappedRow['attachments'] = [];

/** A row to send now, as the plan holds it: exactly what the check checked. */
export interface RowToSend {
  readonly ordinal: number;
  readonly row: MappedRow;
}

export interface PlannedRows {
  /** The rows to send, a chunk of the plan at a time. */
  readonly rows: AsyncGenerator<RowToSend[]>;
  /** The rows stopped at --limit, with more left to send. */
  readonly limitReached: () => boolean;
}

/**
 * The rows this session sends, in file order, read from the run's plan (never the input): each row
 * planned to send and not done yet, with the id, fields and attachments the check gave it, up to --limit.
 */
export function plannedRows(plan: string, toSend: (ordinal: number) => boolean, limit: number | undefined): PlannedRows {
  let sent = 0;
  let limitReached = false;
  async function* rows(): AsyncGenerator<RowToSend[]> {
    for await (const { first, lines } of planRowTexts(plan)) {
      const taken: RowToSend[] = [];
      for (let index = 0; index < lines.length; index += 1) {
        const ordinal = first + index;
        // Only the rows sent now are parsed, and only their body is kept (not the row's cells).
        if (!toSend(ordinal)) continue;
        if (limit !== undefined && sent >= limit) {
          limitReached = true;
          if (taken.length > 0) yield taken;
          return;
        }
        sent += 1;
        const { rowNumber, id = '', fields = {}, attachments = NO_FILES } = readPlanLine(lines[index] as string, ordinal);
        taken.push({ ordinal, row: { rowNumber, id, fields, attachments } });
      }
      if (taken.length > 0) yield taken;
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
 * alone. The CRM may still narrow a batch down (a record it refuses) or take smaller ones.
 */
export function estimateCalls(table: RowTable, toSend: (ordinal: number) => boolean, limit: number | undefined, size: number, after: ReadonlyMap<number, number>): number {
  const awaited = new Set(after.values());
  let rows = 0;
  let alone = 0;
  for (let ordinal = 0; ordinal < table.size && rows < (limit ?? Number.POSITIVE_INFINITY); ordinal += 1) {
    if (!toSend(ordinal)) continue;
    rows += 1;
    if (size <= 1 || !batchable(table.isAlone(ordinal), ordinal, after, awaited)) alone += 1;
  }
  return alone + Math.ceil((rows - alone) / Math.max(1, size));
}
