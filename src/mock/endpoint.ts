// What a data endpoint (update, updateMany, query, queryDates) gets and gives back. The server does the
// rest the same way for all of them: token, quota, concurrency, rate, maintenance, latency and faults.
import { SUCCESS_MESSAGE, type JsonAnswer } from './answers.js';
import { checkUpdate, type RecordChange, type Refusal } from './checks.js';
import type { Ledger, LedgerEntry } from './ledger.js';
import type { ResolvedMockOptions } from './options.js';
import type { RecordStore } from './record-store.js';
import type { MockStats } from './stats.js';

export interface EndpointContext {
  readonly config: ResolvedMockOptions;
  /** A module's records, when the server keeps them for it. */
  storeOf(module: string): RecordStore | undefined;
  readonly ledger: Ledger;
  readonly stats: MockStats;
  /** This call's number among data calls, from 1. */
  readonly call: number;
  /** Spends `units` more of the caller's daily quota; false, spending nothing, when fewer are left. */
  spend(units: number): boolean;
}

export type Outcome =
  /** A success; `applied` records were applied (and faults that come after applying may still strike). */
  | { readonly kind: 'ok'; readonly answer: JsonAnswer; readonly applied: number }
  | ({ readonly kind: 'refused' } & Refusal)
  /** An HTML error page. */
  | { readonly kind: 'page'; readonly refusal: Refusal['refusal']; readonly status: number; readonly title: string }
  /** No answer at all: the client has to give up. */
  | { readonly kind: 'stall' };

export type Endpoint = (context: EndpointContext, body: string) => Outcome;

/** Applies one checked record: the ledger, the stats and, when kept, the stored record. */
export function applyRecord(context: EndpointContext, endpoint: LedgerEntry['endpoint'], change: RecordChange): void {
  context.ledger.record({ call: context.call, endpoint, ...change });
  context.stats.applied += 1;
  context.storeOf(change.module)?.update(change.id, change.fields);
}

export const updateOne: Endpoint = (context, body) => {
  const checked = checkUpdate(context.config, (module) => context.storeOf(module), body);
  if (!('change' in checked)) return { kind: 'refused', ...checked };
  applyRecord(context, 'update', checked.change);
  return { kind: 'ok', answer: { status: 200, error: 'null', msg: SUCCESS_MESSAGE, data: { wolkvox_id: checked.change.id } }, applied: 1 };
};
