import type { MockRecord } from './record-store.js';
import { resolveReadOptions, type MockReadOptions, type ResolvedReadOptions } from './read-options.js';
import { resolveUpdateManyOptions, type ResolvedUpdateManyOptions, type UpdateManyOptions } from './update-many-options.js';

/**
 * Fault rates are probabilities per call to a data endpoint (update, updateMany, query, queryDates),
 * drawn from the seed and the call's number. On a read, the faults that strike after applying (badJson,
 * hang, drip) misanswer it the same way.
 */
export interface MockFaults {
  /** 502/503/504 with an HTML body, as a proxy answers. @default 0 */
  readonly serverError?: number;
  /** The connection is reset before any answer; nothing applied. @default 0 */
  readonly reset?: number;
  /** The update is applied, then HTTP 200 comes with a body that is not JSON. @default 0 */
  readonly badJson?: number;
  /** HTTP 200 with an error `code` (503) in the JSON body; nothing applied. @default 0 */
  readonly bodyError?: number;
  /** The update is applied, then the answer never comes (the socket hangs). @default 0 */
  readonly hang?: number;
  /** The update is applied, then the headers come at once and the body a byte at a time (see `dripMs`). @default 0 */
  readonly drip?: number;
  /** HTTP 408 Request Timeout with an HTML body, as a web server answers a request it gave up reading; nothing applied. @default 0 */
  readonly requestTimeout?: number;
  /** Data calls number `after + 1` to `after + calls` get the 403 HTML maintenance page. */
  readonly maintenance?: { readonly after: number; readonly calls: number };
}

export interface MockServerOptions {
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Tokens the server accepts. @default ['test-token'] */
  readonly tokens?: readonly string[];
  /** Operations that exist; any non-empty name when not given. */
  readonly operations?: readonly string[];
  /** Modules that exist; any non-empty name when not given. */
  readonly modules?: readonly string[];
  /** Record ids that exist; every id exists when not given (with `records` too, an id must be in both). */
  readonly knownIds?: Iterable<string>;
  /**
   * The records of the simulated CRM, for every module without records of its own. When given, update.php and updateMany.php change them (only the
   * fields sent; a read-only `wolkvox_…` field is refused as unknown), an id not among them is not found,
   * and query.php and queryDates.php read them. Missing read-only fields get defaults (creation dates a
   * minute apart from 2024-01-01 00:00:00, in the order given). Without records, the reads find nothing.
   */
  readonly records?: readonly MockRecord[];
  /**
   * Records of a module of its own, by module name (`{ empresas: […] }`): that module's calls read and
   * change only these, and `records` answer for every other module. Each module checks its ids apart.
   */
  readonly moduleRecords?: Readonly<Record<string, readonly MockRecord[]>>;
  /** How updateMany.php behaves where nothing is published. */
  readonly updateMany?: UpdateManyOptions;
  /** How query.php and queryDates.php answer where nothing is published. */
  readonly reads?: MockReadOptions;
  /** Field names that exist, per module; any field when a module is not listed. */
  readonly knownFields?: Readonly<Record<string, readonly string[]>>;
  /** Simultaneous requests allowed per token. @default 2 */
  readonly concurrencyLimit?: number;
  /** Calls allowed per token per day. @default Infinity */
  readonly quota?: number;
  /** Calls already used today when the server starts. @default 0 */
  readonly usedToday?: number;
  /** What `hours_to_restart_count` reports (when `quotaResetMs` is not set). @default 15 */
  readonly hoursToReset?: number;
  /** Restart every token's daily count this often, and report the time left in `hours_to_restart_count`. */
  readonly quotaResetMs?: number;
  /** Calls allowed per token per second (sliding window); 429 with Retry-After beyond. */
  readonly rateLimit?: number;
  /** Time before answering, in ms. @default 0 */
  readonly latencyMs?: number;
  /** Uniform jitter added to the latency, ± this many ms. @default 0 */
  readonly jitterMs?: number;
  /** Seed for latency jitter and faults. @default 1 */
  readonly seed?: number;
  readonly faults?: MockFaults;
  /**
   * `http`: errors come with their real HTTP status. `body`: every JSON error comes as HTTP 200 with the
   * status in the body's `code` (nobody knows which the CRM does for each error, so both are tested).
   * @default 'http'
   */
  readonly errorStyle?: 'http' | 'body';
  /** Send `"code": "200"` (a string) instead of the number. @default false */
  readonly codeAsString?: boolean;
  /** Append every applied record to this file as JSON lines. */
  readonly ledgerFile?: string;
  /** How long a dripped answer takes in all. @default 60000 */
  readonly dripMs?: number;
  /** One byte of a dripped answer every this many ms (sooner if the answer would not fit in `dripMs`). @default 500 */
  readonly dripEveryMs?: number;
  /**
   * Repeat the caller's token in every error answer (as sent, upper-cased, URL-encoded, in the `code`, and
   * split by a line break in HTML page titles), as a careless server might. @default false
   */
  readonly echoToken?: boolean;
  /** Text put at the end of every error answer's message and page title (escape sequences, say). @default '' */
  readonly errorText?: string;
  /**
   * The HTTP method `tokenInformation.php` takes: the English API page says GET, the Postman collection
   * POST. The other one gets THE API YOU WANT TO CONSULT DOES NOT EXIST. @default 'any'
   */
  readonly tokenInfoMethod?: 'GET' | 'POST' | 'any';
  /**
   * What `tokenInformation.php` does once the day's quota is spent: `answer` (the figures, not counting
   * past the limit) or `refuse` (TOKEN LIMIT EXCEEDED, like any other call). @default 'answer'
   */
  readonly tokenInfoWhenSpent?: 'answer' | 'refuse';
}

type PlainOptions = Omit<MockServerOptions, 'operations' | 'modules' | 'knownIds' | 'knownFields' | 'rateLimit' | 'ledgerFile' | 'faults' | 'quotaResetMs' | 'records' | 'moduleRecords' | 'updateMany' | 'reads'>;

export type ResolvedMockOptions = Required<PlainOptions> & {
  readonly records?: readonly MockRecord[];
  readonly moduleRecords?: Readonly<Record<string, readonly MockRecord[]>>;
  readonly updateMany: ResolvedUpdateManyOptions;
  readonly reads: ResolvedReadOptions;
  readonly quotaResetMs?: number;
  readonly operations?: ReadonlySet<string>;
  readonly modules?: ReadonlySet<string>;
  readonly knownIds?: ReadonlySet<string>;
  readonly knownFields: ReadonlyMap<string, ReadonlySet<string>>;
  readonly rateLimit?: number;
  readonly ledgerFile?: string;
  readonly faults: Required<Omit<MockFaults, 'maintenance'>> & Pick<MockFaults, 'maintenance'>;
};

export function resolveMockOptions(options: MockServerOptions): ResolvedMockOptions {
  const faults = options.faults ?? {};
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    tokens: options.tokens ?? ['test-token'],
    ...(options.operations ? { operations: new Set(options.operations) } : {}),
    ...(options.modules ? { modules: new Set(options.modules) } : {}),
    ...(options.knownIds ? { knownIds: new Set(options.knownIds) } : {}),
    ...(options.records ? { records: options.records } : {}),
    ...(options.moduleRecords ? { moduleRecords: options.moduleRecords } : {}),
    updateMany: resolveUpdateManyOptions(options.updateMany),
    reads: resolveReadOptions(options.reads),
    knownFields: new Map(Object.entries(options.knownFields ?? {}).map(([module, names]) => [module, new Set(names)])),
    concurrencyLimit: options.concurrencyLimit ?? 2,
    quota: options.quota ?? Number.POSITIVE_INFINITY,
    usedToday: options.usedToday ?? 0,
    hoursToReset: options.hoursToReset ?? 15,
    ...(options.quotaResetMs === undefined ? {} : { quotaResetMs: options.quotaResetMs }),
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    latencyMs: options.latencyMs ?? 0,
    jitterMs: options.jitterMs ?? 0,
    seed: options.seed ?? 1,
    faults: {
      serverError: faults.serverError ?? 0,
      reset: faults.reset ?? 0,
      badJson: faults.badJson ?? 0,
      bodyError: faults.bodyError ?? 0,
      hang: faults.hang ?? 0,
      drip: faults.drip ?? 0,
      requestTimeout: faults.requestTimeout ?? 0,
      ...(faults.maintenance ? { maintenance: faults.maintenance } : {}),
    },
    errorStyle: options.errorStyle ?? 'http',
    codeAsString: options.codeAsString ?? false,
    ...(options.ledgerFile === undefined ? {} : { ledgerFile: options.ledgerFile }),
    dripMs: options.dripMs ?? 60_000,
    dripEveryMs: options.dripEveryMs ?? 500,
    echoToken: options.echoToken ?? false,
    errorText: options.errorText ?? '',
    tokenInfoMethod: options.tokenInfoMethod ?? 'any',
    tokenInfoWhenSpent: options.tokenInfoWhenSpent ?? 'answer',
  };
}
