// What nobody has published about query.php and queryDates.php, as switches.
import { WolkvoxBulkError } from '../core/errors.js';

/** How query.php compares a field other than `wolkvox_id` with the value asked for. */
export type SearchMode = 'exact' | 'case-insensitive' | 'contains';

export const SEARCH_MODES: readonly SearchMode[] = ['exact', 'case-insensitive', 'contains'];

export interface MockReadOptions {
  /**
   * How a typed field (an object with a `type`, as address, currency, table, search and telephone are
   * sent) reads back: `as-sent` (the object as it was sent) or `value` (only its `value`). Stored as sent
   * either way. @default 'as-sent'
   */
  readonly typedFields?: 'as-sent' | 'value';
  /**
   * What query.php answers for `"field": "wolkvox_id"` and an id not in the store: `empty` (code 200,
   * "0 records were are found", `data: []`, as the collection's example answer) or `error` (404
   * RECORD NOT FOUND). @default 'empty'
   */
  readonly missingId?: 'empty' | 'error';
  /**
   * queryDates.php's answer: `bare` (a JSON array of records, the collection's only example) or
   * `wrapped` (`{code, error, msg, data}` like query.php). Errors are wrapped either way. @default 'bare'
   */
  readonly datesShape?: 'bare' | 'wrapped';
  /**
   * How query.php compares a field other than `wolkvox_id` (always exact) with `value`, as text (a typed
   * field by its `value`): `exact`; `case-insensitive` (as a SQL table's default collation compares);
   * `contains` (the value anywhere in the field, case aside, as `LIKE '%…%'` finds it). Several hits are
   * paged by `limit` and `page` like any read. `exact` by default: record ids such as "64cb…" look like
   * MongoDB ObjectIds, and a MongoDB equality query is exact. @default 'exact'
   */
  readonly search?: SearchMode;
}

export type ResolvedReadOptions = Required<MockReadOptions>;

export function resolveReadOptions(options: MockReadOptions = {}): ResolvedReadOptions {
  const search = options.search ?? 'exact';
  if (!SEARCH_MODES.includes(search)) {
    const choices = SEARCH_MODES.map((mode) => JSON.stringify(mode));
    throw new WolkvoxBulkError('USAGE', `Simulated CRM: reads.search (--query-match) must be ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}, got ${JSON.stringify(search)}.`);
  }
  return {
    typedFields: options.typedFields ?? 'as-sent',
    missingId: options.missingId ?? 'empty',
    datesShape: options.datesShape ?? 'bare',
    search,
  };
}
