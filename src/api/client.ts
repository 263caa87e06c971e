import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import type { CallOutcome, Logger, TokenInfo } from '../types.js';
import { parseBody, networkFailure } from './answer.js';
import { updateBody } from './bodies.js';
import { classify, parseRetryAfter } from './classify.js';

export const UPDATE_PATH = '/server/API/v2/custom/update.php';
export const TOKEN_INFO_PATH = '/server/API/v2/token/tokenInformation.php';

export interface ClientOptions {
  /** Base URL, already normalised by `normalizeServer`. */
  readonly server: string;
  /** The Wolkvox-Token. Kept inside the client; never logged or copied onto errors. */
  readonly token: string;
  /** Calls that may be in flight at once; sizes the keep-alive pool. */
  readonly concurrency: number;
  /** Per-call timeout in milliseconds. */
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

export interface TokenInfoResult {
  readonly outcome: CallOutcome;
  /** Present when the call succeeded and the body had the documented fields. */
  readonly info?: TokenInfo;
}

export interface WolkvoxClient {
  readonly server: string;
  /** Sends one update. Never throws for an answer or a network failure; throws only if `signal` aborts. */
  update(request: UpdateRequest, signal?: AbortSignal): Promise<CallOutcome>;
  /** Reads the token's daily quota (costs one call). */
  tokenInfo(operation: string, signal?: AbortSignal): Promise<TokenInfoResult>;
  /** Closes the keep-alive sockets. */
  close(): void;
}

export function createClient(options: ClientOptions): WolkvoxClient {
  const agentOptions = { keepAlive: true, maxSockets: options.concurrency };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const instance = axios.create({
    baseURL: options.server,
    timeout: options.timeoutMs,
    maxRedirects: 0,
    httpAgent,
    httpsAgent,
    // The client reads every status and every body itself: no throwing on 4xx/5xx, no JSON guessing.
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    transitional: { clarifyTimeoutError: true },
    headers: { 'Wolkvox-Token': options.token, 'Content-Type': 'application/json' },
  });

  const call = (send: (instance: AxiosInstance) => Promise<{ status: number; data: unknown; headers: unknown }>, signal?: AbortSignal) =>
    callOnce(instance, send, options.logger, signal);

  return {
    server: options.server,
    async update(request, signal) {
      const body = JSON.stringify(updateBody(request));
      const { outcome } = await call((axiosInstance) => axiosInstance.post(UPDATE_PATH, body, { signal }), signal);
      return outcome;
    },
    async tokenInfo(operation, signal) {
      const { outcome, body } = await call(
        (axiosInstance) => axiosInstance.get(TOKEN_INFO_PATH, { params: { operation }, signal }),
        signal,
      );
      const info = outcome.kind === 'ok' ? readTokenInfo(body) : undefined;
      return info ? { outcome, info } : { outcome };
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

async function callOnce(
  instance: AxiosInstance,
  send: (instance: AxiosInstance) => Promise<{ status: number; data: unknown; headers: unknown }>,
  logger: Logger | undefined,
  signal: AbortSignal | undefined,
): Promise<{ outcome: CallOutcome; body: string }> {
  const started = performance.now();
  try {
    const response = await send(instance);
    const ms = Math.round(performance.now() - started);
    const body = typeof response.data === 'string' ? response.data : '';
    const parsed = parseBody(response.status, body);
    const { kind, reason } = classify(parsed.facts);
    const headers = response.headers as Record<string, string | undefined>;
    const retryAfterMs = parseRetryAfter(headers['retry-after']);
    const outcome: CallOutcome = {
      kind,
      reason,
      status: response.status,
      ...(parsed.codeText === undefined ? {} : { code: parsed.codeText }),
      message: parsed.facts.message,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ms,
    };
    logger?.debug({ status: outcome.status, code: outcome.code, kind, reason, ms }, 'answer');
    return { outcome, body };
  } catch (error) {
    // Abort is the caller's decision, not an answer: let it through as the signal's reason.
    if (signal?.aborted) throw signal.reason;
    // Only the code and message are read off the transport error: it carries the request headers
    // (and so the token), and it is never rethrown or logged whole.
    const { code, message } = error as { code?: string; message?: string };
    const network = networkFailure(code);
    const text = `${code ?? 'network error'}: ${message ?? 'no answer'}`;
    const { kind, reason } = classify({ network, json: false, message: text });
    const outcome: CallOutcome = { kind, reason, message: text, ms: Math.round(performance.now() - started) };
    logger?.debug({ code, kind, reason, ms: outcome.ms }, 'no answer');
    return { outcome, body: '' };
  }
}

function readTokenInfo(body: string): TokenInfo | undefined {
  try {
    const data = (JSON.parse(body) as { data?: Record<string, unknown> }).data ?? {};
    const number = (key: string) => (data[key] === undefined || data[key] === null || data[key] === '' ? Number.NaN : Number(data[key]));
    const info = {
      limit: number('token_limit'),
      usedToday: number('token_use_today'),
      // The API spells it "consumition".
      available: number('available_consumition_options'),
      hoursToReset: number('hours_to_restart_count'),
    };
    return Object.values(info).every(Number.isFinite) ? info : undefined;
  } catch {
    return undefined;
  }
}
