// What nobody has published about query.php and queryDates.php, as switches.

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
}

export type ResolvedReadOptions = Required<MockReadOptions>;

export function resolveReadOptions(options: MockReadOptions = {}): ResolvedReadOptions {
  return {
    typedFields: options.typedFields ?? 'as-sent',
    missingId: options.missingId ?? 'empty',
    datesShape: options.datesShape ?? 'bare',
  };
}
