import PQueue from 'p-queue';
import type { JobEvent } from '../core/events.js';
import type { SnapshotStrategy } from '../plan/options.js';
import type { SnapshotRecords } from '../store/snapshot-store.js';
import { PAGE_SIZE, ReadStopped, type CrmRecord, type Reader } from './reads.js';

export interface SnapshotContext {
  readonly reader: Reader;
  /** The ids to read and what an earlier session read of them; completed in place, each read logged as it comes. */
  readonly records: SnapshotRecords;
  /** The mapped fields' CRM labels: only these values are kept. */
  readonly labels: readonly string[];
  readonly onEvent: (event: JobEvent) => void;
  /** True once the job is stopping: no more reads start. */
  readonly stopped: () => boolean;
}

// Reads queued at once by id: the pacer still lets only --concurrency of them be in flight.
const QUEUED = 8;

/**
 * Reads each id's record before anything is written. `module` reads the module's whole life page by page
 * (1 call per 250 records); `by-id` reads each id (1 call each); `auto` reads the module while that is
 * cheaper than reading the ids still unknown one by one, then reads those by id: it never spends more than
 * twice the cheaper strategy, whatever the module's size (which no call tells in advance).
 * A module read only finds: an id it did not return is read by id before it is called missing, since the
 * CRM may hold a record whose creation date no date range names. `ids` gives the ids' texts for reads by
 * id (in any order, repeats allowed: each is read once).
 * Resolves true once every id is known (found or not found), false when the job stopped first.
 */
export async function takeSnapshot(ids: () => AsyncIterable<string> | Iterable<string>, strategy: SnapshotStrategy, context: SnapshotContext): Promise<boolean> {
  const { records } = context;
  if (records.progress.done) return true;
  const keep = (record: CrmRecord): Record<string, unknown> => Object.fromEntries(context.labels.filter((label) => label in record).map((label) => [label, record[label]]));

  if (strategy !== 'by-id') {
    while (!records.progress.moduleRead) {
      if (context.stopped()) return false;
      const left = records.unknown;
      if (left === 0) break;
      // auto: stop reading pages once the pages already read reach the ids still to find by id.
      if (strategy === 'auto' && records.progress.pages >= left) break;
      const page = records.progress.pages + 1;
      let read: readonly CrmRecord[];
      try {
        read = await context.reader.modulePage(page);
      } catch (error) {
        if (error instanceof ReadStopped) return false;
        throw error;
      }
      for (const record of read) {
        const id = String(record.wolkvox_id ?? '');
        if (records.isUnknown(id)) records.found(id, keep(record));
      }
      // A short page is the module's last.
      records.page(page, read.length, read.length < PAGE_SIZE);
      context.onEvent({ type: 'reading', what: 'module', done: page, calls: page });
    }
  }
  const reads = new PQueue({ concurrency: QUEUED });
  // Ids whose read is queued or in flight: a repeat of one is not read again (at most QUEUED of them, plus the queue).
  const asked = new Set<string>();
  let byId = 0;
  let done = 0;
  let failure: unknown;
  if (records.unknown > 0) {
    for await (const id of ids()) {
      if (failure !== undefined || context.stopped()) break;
      if (asked.has(id) || !records.isUnknown(id)) continue;
      asked.add(id);
      byId += 1;
      void reads.add(async () => {
        try {
          if (context.stopped() || failure !== undefined) return;
          let record: CrmRecord | undefined;
          try {
            record = await context.reader.byId(id);
          } catch (error) {
            failure ??= error;
            return;
          }
          records.found(id, record ? keep(record) : null);
          done += 1;
          context.onEvent({ type: 'reading', what: 'ids', done, calls: done });
        } finally {
          asked.delete(id);
        }
      });
      await reads.onSizeLessThan(QUEUED);
      if (records.unknown === 0) break;
    }
  }
  await reads.onIdle();
  if (failure !== undefined && !(failure instanceof ReadStopped)) throw failure;
  if (records.unknown > 0) return false;
  records.finish(byId > 0 || strategy === 'by-id' ? 'by-id' : 'module');
  return true;
}
