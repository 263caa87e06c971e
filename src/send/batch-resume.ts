import type { NarrowingGroup } from '../store/narrowing.js';
import type { BatchRow } from './batch-rows.js';

/** A batch an earlier session was narrowing down, with its rows to send in this one, in file order. */
export interface ResumedBatch {
  readonly group: NarrowingGroup;
  readonly rows: readonly BatchRow[];
}

/**
 * The batches an earlier session was narrowing down when it ended (the journal's `narrow` lines), so this
 * one goes on from where it was instead of sending their rows again as new batches. Their rows come as
 * the file is read, in any batch the pass gathers: each is held until its group's last row to send this
 * session came, then the group goes on as a whole. Rows of no such group pass through.
 */
export interface ResumedBatches {
  take(rows: readonly BatchRow[]): { readonly ready: readonly ResumedBatch[]; readonly rest: readonly BatchRow[] };
}

export function createResumedBatches(groups: readonly NarrowingGroup[], toSend: (ordinal: number) => boolean): ResumedBatches | undefined {
  if (groups.length === 0) return undefined;
  let bucketOf: Map<number, { readonly group: NarrowingGroup; readonly wanted: number; readonly rows: BatchRow[] }> | undefined;
  // Made when the first rows come, after the work before sending (a snapshot may find rows unchanged).
  const buckets = () => {
    const made = new Map<number, { readonly group: NarrowingGroup; readonly wanted: number; readonly rows: BatchRow[] }>();
    for (const group of groups) {
      // Rows this session does not send (found unchanged since, say) are not waited for; the count of the
      // missing is then about rows that are not all here, and says nothing.
      const members = group.members.filter(toSend);
      const bucket = { group: members.length === group.members.length ? group : { call: group.call, members }, wanted: members.length, rows: [] };
      for (const ordinal of members) made.set(ordinal, bucket);
    }
    return made;
  };
  return {
    take(rows) {
      bucketOf ??= buckets();
      const ready: ResumedBatch[] = [];
      const rest: BatchRow[] = [];
      for (const row of rows) {
        const bucket = bucketOf.get(row.ordinal);
        if (!bucket) {
          rest.push(row);
          continue;
        }
        bucketOf.delete(row.ordinal);
        bucket.rows.push(row);
        if (bucket.rows.length === bucket.wanted) ready.push({ group: bucket.group, rows: [...bucket.rows].sort((a, b) => a.ordinal - b.ordinal) });
      }
      return { ready, rest };
    },
  };
}
