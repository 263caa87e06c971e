import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import { getProxyForUrl } from 'proxy-from-env';
import type { AxiosInstance, AxiosStatic } from 'axios';
import type { CallOutcome, Logger } from '../core/types.js';
import { readCount } from './answer.js';
import { queryBody, queryDatesBody, updateBody, updateManyBody } from './bodies.js';
import { callOnce, type CallContext } from './call.js';
import { createRedactor } from './redact.js';
import type { BatchOutcome, QueryDatesRequest, QueryRequest, ReadOutcome, UpdateManyRequest } from './requests.js';
import { sendDirect } from './direct.js';
import { createTokenInfoReader, type TokenInfoResult } from './token-info.js';
import { transportTelling } from './written.js';

export type { TokenInfoResult } from './token-info.js';
export type { ReadRecord } from './answer.js';
export type { BatchOutcome, BatchRecord, QueryDatesRequest, QueryRequest, ReadOutcome, UpdateManyRequest } from './requests.js';

// The API's paths, as the reference gives them (the simulated CRM keeps its own copy on purpose: a typo
// here must meet "THE API YOU WANT TO CONSULT DOES NOT EXIST" in the tests, not a shared mistake).
const UPDATE_PATH = '/server/API/v2/custom/update.php';
const UPDATE_MANY_PATH = '/server/API/v2/custom/updateMany.php';
const QUERY_PATH = '/server/API/v2/custom/query.php';
const QUERY_DATES_PATH = '/server/API/v2/custom/queryDates.php';
const TOKEN_INFO_PATH = '/server/API/v2/token/tokenInformation.php';

export interface ClientOptions {
  /** Base URL, already normalised by `normalizeServer`. */
  readonly server: string;
  /** The Wolkvox-Token. Kept inside the client; never logged or copied onto errors. */
  readonly token: string;
  /** Calls that may be in flight at once; sizes the keep-alive pool. */
  readonly concurrency: number;
  /** Per-call timeout in milliseconds: the whole call, from sending to the last byte of the answer. */
  readonly timeoutMs: number;
  readonly logger?: Logger;
}

/** The body of one `update.php` call. */
export interface UpdateRequest {
  readonly operation: string;
  readonly module: string;
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly attachments?: readonly string[];
}

/**
 * Told once a call's request is written to the socket (the connection made, the bytes handed to the
 * operating system), never for a request that failed before; `reusedConnection` when the connection was
 * opened by an earlier call (keep-alive). A caller pacing its calls to the server's rate counts each from
 * then, the nearest it can see to the call's arrival.
 */
export type OnWritten = (reusedConnection: boolean) => void;

/** Each call's `onWritten`, when given, is told when its request was written (`OnWritten`). */
export interface WolkvoxClient {
  readonly server: string;
  /** Sends one update. Never throws for an answer or a network failure; throws only if `signal` aborts. */
  update(request: UpdateRequest, signal?: AbortSignal, onWritten?: OnWritten): Promise<CallOutcome>;
  /**
   * Sends one `updateMany.php` call. On success, `count` is the number the message ends with, when it
   * ends with one. Never throws for an answer; throws only if `signal` aborts.
   */
  updateMany(request: UpdateManyRequest, signal?: AbortSignal, onWritten?: OnWritten): Promise<BatchOutcome>;
  /** One page of `query.php` (paging is the caller's: one call per page). Never throws for an answer. */
  query(request: QueryRequest, signal?: AbortSignal, onWritten?: OnWritten): Promise<ReadOutcome>;
  /** One page of `queryDates.php` (paging is the caller's: one call per page). Never throws for an answer. */
  queryDates(request: QueryDatesRequest, signal?: AbortSignal, onWritten?: OnWritten): Promise<ReadOutcome>;
  /**
   * Reads the token's daily quota (costs one call; two the first time if the CRM refuses the first HTTP
   * method as an unknown route).
   */
  tokenInfo(operation: string, signal?: AbortSignal): Promise<TokenInfoResult>;
  /**
   * Loads axios now when the server is behind a proxy (direct calls load nothing). A paced pass calls it
   * before its first call: loaded by the first call, after the rate's window began, the first window's calls reach the CRM late, and the next
   * window's first calls, on time, find its one-second window still full (429).
   */
  load(): Promise<void>;
  /** Closes the keep-alive sockets. */
  close(): void;
}

// axios as `require` resolves it: its own Node bundle (dist/node/axios.cjs, one file), not the ESM sources
// `import` resolves to (about 70 modules). Measured on this project's machine: 75–90 ms to load against
// 125–140 ms, both with the libraries it requires and Node's fetch internals that it touches as it loads.
let axiosLoaded: Promise<AxiosStatic> | undefined;
const loadAxios = (): Promise<AxiosStatic> =>
  (axiosLoaded ??= new Promise<AxiosStatic>((resolve, reject) => {
    // In a turn of its own, as a dynamic import would: the caller goes on first.
    setImmediate(() => {
      try {
        resolve(createRequire(import.meta.url)('axios') as AxiosStatic);
      } catch (error) {
        reject(error);
      }
    });
  }).catch((error: unknown) => {
    axiosLoaded = undefined; // a failure is the first call's to report, which loads again
    throw error;
  }));

/**
 * Whether the environment names a proxy for `server` (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, less NO_PROXY, as
 * curl reads them): its calls then go through axios, which tunnels https through it (CONNECT); otherwise
 * through Node's own http (direct.ts), which costs far less a call.
 */
const proxied = (server: string): boolean => getProxyForUrl(server) !== '';

/**
 * Starts loading axios, when `server` is reached through a proxy, without waiting for it. A job that will
 * send calls it before its file check, whose reads and durable writes leave the event loop idle at moments
 * the loading fills; loaded after the check, it delayed the first call by its whole loading. A failure is
 * left to the first call, which loads again.
 */
export function preloadHttpClient(server: string): void {
  if (proxied(server)) loadAxios().catch(() => undefined);
}

export function createClient(options: ClientOptions): WolkvoxClient {
  const agentOptions = { keepAlive: true, maxSockets: options.concurrency };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  // axios (behind a proxy only) is loaded by the first call, not by whoever imports the library: a check, a
  // dry run or a report never calls. It is loaded before a call's deadline starts, which it is no part of.
  let instance: Promise<AxiosInstance> | undefined;
  const axiosInstance = () =>
    (instance ??= loadAxios().then((axios) =>
      axios.create({
        baseURL: options.server,
        maxRedirects: 0,
        httpAgent,
        httpsAgent,
        // The client reads every status and every body itself: no throwing on 4xx/5xx, no JSON guessing.
        validateStatus: () => true,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        // Bodies are sent as the JSON text made here; axios's default would parse each one again to check it.
        transformRequest: [(data: unknown) => data],
        headers: { 'Wolkvox-Token': options.token, 'Content-Type': 'application/json' },
      }),
    ));
  const viaProxy = proxied(options.server);
  const agents = { http: httpAgent, https: httpsAgent };
  // The server's base (a path in it is kept, as axios's baseURL keeps it) and an API path: each path's URL
  // made once, not a call (a request only reads it).
  const urls = new Map<string, URL>();
  const urlOf = (path: string) => new URL(`${options.server.replace(/\/+$/, '')}${path}`);
  const postUrl = (path: string) => {
    let url = urls.get(path);
    if (url === undefined) urls.set(path, (url = urlOf(path)));
    return url;
  };
  const headers = { 'Wolkvox-Token': options.token, Accept: 'application/json, text/plain, */*' };
  const postHeaders = { ...headers, 'Content-Type': 'application/json' };
  const context: CallContext = {
    host: new URL(options.server).host,
    timeoutMs: options.timeoutMs,
    redact: createRedactor(options.token),
    ...(options.logger ? { logger: options.logger } : {}),
  };
  const tokenInfo = createTokenInfoReader(async (method, operation, signal) => {
    if (!viaProxy) {
      const url = urlOf(TOKEN_INFO_PATH);
      url.searchParams.set('operation', operation);
      return callOnce(context, (config) => sendDirect({ url, method, headers, agents, signal: config.signal }), signal);
    }
    const client = await axiosInstance();
    return callOnce(context, (config) => client.request({ method, url: TOKEN_INFO_PATH, params: { operation }, ...config }), signal);
  });

  type Sent = { readonly signal: AbortSignal | undefined; readonly onWritten: OnWritten | undefined };
  const post = async (path: string, body: Record<string, unknown>, { signal, onWritten }: Sent, read = false) => {
    const text = JSON.stringify(body);
    if (!viaProxy) {
      const url = postUrl(path);
      return callOnce(context, (config) => sendDirect({ url, method: 'POST', headers: postHeaders, body: text, agents, signal: config.signal, onWritten }), signal, read);
    }
    const client = await axiosInstance();
    const transport = onWritten ? { transport: transportTelling(onWritten) } : {};
    return callOnce(context, (config) => client.post(path, text, { ...config, ...transport }), signal, read);
  };
  const readPage = async (path: string, body: Record<string, unknown>, sent: Sent): Promise<ReadOutcome> => {
    const { outcome, records } = await post(path, body, sent, true);
    return records ? { ...outcome, records } : outcome;
  };

  return {
    server: options.server,
    async update(request, signal, onWritten) {
      return (await post(UPDATE_PATH, updateBody(request), { signal, onWritten })).outcome;
    },
    async updateMany(request, signal, onWritten) {
      const { outcome } = await post(UPDATE_MANY_PATH, updateManyBody(request), { signal, onWritten });
      const count = outcome.kind === 'ok' ? readCount(outcome.message) : undefined;
      return count === undefined ? outcome : { ...outcome, count };
    },
    query: (request, signal, onWritten) => readPage(QUERY_PATH, queryBody(request), { signal, onWritten }),
    queryDates: (request, signal, onWritten) => readPage(QUERY_DATES_PATH, queryDatesBody(request), { signal, onWritten }),
    tokenInfo,
    async load() {
      if (viaProxy) await axiosInstance();
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
