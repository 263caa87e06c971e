// What the batch and read endpoints take and give back (updateMany.php, query.php, queryDates.php).
import type { CallOutcome } from '../core/types.js';
import type { ReadRecord } from './answer.js';

/** One record of an `updateMany.php` call: its id and the fields to write, by CRM label. */
export interface BatchRecord {
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The body of one `updateMany.php` call. */
export interface UpdateManyRequest {
  readonly operation: string;
  readonly module: string;
  readonly records: readonly BatchRecord[];
}

/** updateMany's answer, with the number of records the CRM says it edited when the answer says it ("Succesfully edit record 37"). */
export interface BatchOutcome extends CallOutcome {
  readonly count?: number;
}

/** `query.php`: the records whose `field` reads as `value` (`"field": "wolkvox_id"` reads one record by its id). */
export interface QueryRequest {
  readonly operation: string;
  readonly module: string;
  readonly field: string;
  readonly value: string;
  /** Records per page; the CRM gives 250 at most. */
  readonly limit?: number;
  /** The page, counted from 1. */
  readonly page?: number;
}

/** `queryDates.php`: the records of a date range, `"YYYY-MM-DD HH:mm"` both. */
export interface QueryDatesRequest {
  readonly operation: string;
  readonly module: string;
  readonly from: string;
  readonly to: string;
  /** Records per page; the CRM gives 250 at most. */
  readonly limit?: number;
  /** The page, counted from 1. */
  readonly page?: number;
}

/** A read's answer: the records of this page when it succeeded (either answer shape: wrapped in code/msg/data, or a bare JSON array). */
export interface ReadOutcome extends CallOutcome {
  readonly records?: readonly ReadRecord[];
}
