import PQueue from 'p-queue';
import type { JobEvent } from '../core/events.js';
import type { SnapshotStrategy } from '../plan/options.js';
import type { BeforeValues, SnapshotState } from '../store/snapshot-file.js';
import { PAGE_SIZE, ReadStopped, type CrmRecord, type Reader } from './reads.js';


export interface SnapshotLog {
  record(id: string, values: Record<string, unknown>): void;
  missing(id: string): void;
  /** A module page read; `last` when it was short, the module's end. */
  page(n: number, records: number, last: boolean): void;
  done(strategy: 'by-id' | 'module'): void;
}

export interface SnapshotContext {
  readonly reader: Reader;
  /** What was read before a crash; completed in place. */
  readonly state: SnapshotState;
  readonly log: SnapshotLog;
  /** The mapped fields' CRM labels: only these values are kept. */
  readonly labels: readonly string[];
  readonly onEvent: (event: JobEvent) => void;
  /** True once the job is stopping: no more reads start. */
  readonly stopped: () => boolean;
}

/**
 * Reads each id's record before anything is written. `module` reads the module's whole life page by page
 * (1 call per 250 records); `by-id` reads each id (1 call each); `auto` reads the module while that is
 * cheaper than reading the ids still unknown one by one, then reads those by id: it never spends more than
 * twice the cheaper strategy, whatever the module's size (which no call tells in advance).
 * A module read only finds: an id it did not return is read by id before it is called missing, since the
 * CRM may hold a record whose creation date no date range names.
 * Resolves true once every id is known (found or not found), false when the job stopped first.
 */
export async function takeSnapshot(ids: readonly string[], strategy: SnapshotStrategy, context: SnapshotContext): Promise<boolean> {
  const { state } = context;
  if (state.done) return true;
  const wanted = new Set(ids);
  const unknown = () => ids.filter((id) => !state.found.has(id));
  const keep = (record: CrmRecord): Record<string, unknown> => Object.fromEntries(context.labels.filter((label) => label in record).map((label) => [label, record[label]]));

  if (strategy !== 'by-id') {
    while (!state.moduleRead) {
      if (context.stopped()) return false;
      const left = unknown().length;
      if (left === 0) break;
      // auto: stop reading pages once the pages already read reach the ids still to find by id.
      if (strategy === 'auto' && state.pages >= left) break;
      const page = state.pages + 1;
      let records: readonly CrmRecord[];
      try {
        records = await context.reader.modulePage(page);
      } catch (error) {
        if (error instanceof ReadStopped) return false;
        throw error;
      }
      for (const record of records) {
        const id = String(record.wolkvox_id ?? '');
        if (wanted.has(id) && !state.found.has(id)) {
          const values = keep(record);
          state.found.set(id, values);
          context.log.record(id, values);
        }
      }
      state.pages = page;
      // A short page is the module's last.
      state.moduleRead = records.length < PAGE_SIZE;
      context.log.page(page, records.length, state.moduleRead);
      context.onEvent({ type: 'reading', what: 'module', done: page, calls: page });
    }
  }
  const rest = unknown();
  // Several reads queued at once: the pacer still lets only --concurrency of them be in flight.
  const reads = new PQueue({ concurrency: 8 });
  let done = 0;
  let failure: unknown;
  for (const id of rest) {
    if (failure !== undefined) break;
    void reads.add(async () => {
      if (context.stopped() || failure !== undefined) return;
      let record: CrmRecord | undefined;
      try {
        record = await context.reader.byId(id);
      } catch (error) {
        failure ??= error;
        return;
      }
      const values: BeforeValues = record ? keep(record) : null;
      state.found.set(id, values);
      if (values) context.log.record(id, values);
      else context.log.missing(id);
      done += 1;
      context.onEvent({ type: 'reading', what: 'ids', done, calls: done });
    });
    await reads.onSizeLessThan(8);
  }
  await reads.onIdle();
  if (failure !== undefined && !(failure instanceof ReadStopped)) throw failure;
  if (unknown().length > 0) return false;
  state.done = true;
  context.log.done(rest.length > 0 || strategy === 'by-id' ? 'by-id' : 'module');
  return true;
}
