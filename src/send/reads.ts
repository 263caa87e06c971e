import type { OnWritten, QueryDatesRequest, ReadOutcome } from '../api/client.js';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import type { CallOutcome } from '../core/types.js';
import { callWithRetries, type UnitContext } from './call-retry.js';

/** A record as read: every field by its CRM label, `wolkvox_id` among them. */
export type CrmRecord = Readonly<Record<string, unknown>>;

// The CRM gives at most this many records a page.
export const PAGE_SIZE = 250;
// Every creation date the CRM can write in its "YYYY-MM-DD HH:mm" form: years 0001 to 9999, the range every
// common date library parses (PHP's, Python's and .NET's start at year 1), not only the years a CRM has
// existed: imported records keep old dates (1899, 1970) and placeholders far-future ones (9999). A record
// outside it (year 0000, 9999-12-31 after 23:59:00, no date at all) is still found: ids a module read did
// not return are read by id.
export const ALL_TIME = { from: '0001-01-01 00:00', to: '9999-12-31 23:59' } as const;

/**
 * Whether a read's answer means "no such record" rather than a refusal of the read: a row-class answer
 * whose status is 404, as HTTP or in the body's code (the CRM may send either, as for every error), or
 * whose text says NOT FOUND (what the status of a missing record is, nobody has published). The
 * snapshot, verify, undo's look first and the probe all read a missing record this way.
 */
export function isNotFound(outcome: Pick<CallOutcome, 'kind' | 'httpStatus' | 'apiCode' | 'message'>): boolean {
  return outcome.kind === 'row' && (outcome.httpStatus === 404 || outcome.apiCode === '404' || /NOT FOUND/i.test(outcome.message));
}

/** A read that did not come to records: the pass stopped, or the CRM refused it for good. */
export class ReadStopped extends Error {}

/** A module's reads. */
export interface Reader {
  /** The record with this id, or undefined when the CRM has none. */
  byId(id: string): Promise<CrmRecord | undefined>;
  /** One page of the records whose `field` the CRM finds `value` in, however it compares (pages from 1). */
  byField(field: string, value: string, page: number): Promise<readonly CrmRecord[]>;
  /** One page of the module's whole life, in the CRM's order (pages from 1). */
  modulePage(page: number): Promise<readonly CrmRecord[]>;
  /** The same reads of another module (a search field's linked records), through the same pacer, budget and journal. */
  of(module: string): Reader;
}

/**
 * Reads, each a call like any other: through the pacer (at most --concurrency in flight), the call
 * budget and the journal (a read is a call: it spends quota), with the same retries and pauses.
 */
export function createReader(context: UnitContext, quotaAnswered: () => Promise<boolean>): Reader {
  const read = async (send: (onWritten: OnWritten) => Promise<ReadOutcome>): Promise<readonly CrmRecord[]> => {
    const calls = await callWithRetries<ReadOutcome>([], 1, 0, send, context);
    const outcome = calls.outcome;
    if (outcome?.kind === 'ok') return outcome.records ?? [];
    // The day's quota is spent: read again after the reset when the job waits for it; else the pass
    // stops on the quota (resumable: what was read is kept), not as a refusal of the reads.
    if (outcome?.kind === 'quota') {
      if (await quotaAnswered()) return read(send);
      throw new ReadStopped('the daily quota is used up');
    }
    // No such record; other refusals are the CRM's own word.
    if (outcome && isNotFound(outcome)) return [];
    if (outcome === undefined && calls.gaveUp === undefined) throw new ReadStopped('stopped before the read was made');
    const answer = outcome ?? calls.gaveUp;
    throw new WolkvoxBulkError('API_FATAL', message('read.refused', answer?.message === undefined ? {} : { answer: answer.message }));
  };
  return {
    async byId(id: string): Promise<CrmRecord | undefined> {
      const records = await read((onWritten) => context.client.query({ operation: context.operation, module: context.module, field: 'wolkvox_id', value: id }, undefined, onWritten));
      return records.find((record) => String(record.wolkvox_id) === id);
    },
    byField(field: string, value: string, page: number): Promise<readonly CrmRecord[]> {
      return read((onWritten) => context.client.query({ operation: context.operation, module: context.module, field, value, limit: PAGE_SIZE, page }, undefined, onWritten));
    },
    modulePage(page: number): Promise<readonly CrmRecord[]> {
      const request: QueryDatesRequest = { operation: context.operation, module: context.module, ...ALL_TIME, limit: PAGE_SIZE, page };
      return read((onWritten) => context.client.queryDates(request, undefined, onWritten));
    },
    of: (module: string) => createReader({ ...context, module }, quotaAnswered),
  };
}
