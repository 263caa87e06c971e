import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import type { CallOutcome, Logger } from '../core/types.js';
import { describeConnectionFailure, parseBody, networkFailure } from './answer.js';
import { updateBody } from './bodies.js';
import { classify, parseRetryAfter } from './classify.js';
import { createRedactor } from './redact.js';
import { createTokenInfoReader, type TokenInfoResult } from './token-info.js';

export type { TokenInfoResult } from './token-info.js';

export const UPDATE_PATH = '/server/API/v2/custom/update.php';
export const TOKEN_INFO_PATH = '/server/API/v2/token/tokenInformation.php';

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

export interface WolkvoxClient {
  readonly server: string;
  /** Sends one update. Never throws for an answer or a network failure; throws only if `signal` aborts. */
  update(request: UpdateRequest, signal?: AbortSignal): Promise<CallOutcome>;
  /**
   * Reads the token's daily quota (costs one call; two the first time if the CRM refuses the first HTTP
   * method as an unknown route).
   */
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
    maxRedirects: 0,
    httpAgent,
    httpsAgent,
    // The client reads every status and every body itself: no throwing on 4xx/5xx, no JSON guessing.
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    headers: { 'Wolkvox-Token': options.token, 'Content-Type': 'application/json' },
  });
  const context: CallContext = {
    instance,
    host: new URL(options.server).host,
    timeoutMs: options.timeoutMs,
    redact: createRedactor(options.token),
    ...(options.logger ? { logger: options.logger } : {}),
  };
  const tokenInfo = createTokenInfoReader((method, operation, signal) =>
    callOnce(context, (config) => instance.request({ method, url: TOKEN_INFO_PATH, params: { operation }, ...config }), signal),
  );

  return {
    server: options.server,
    async update(request, signal) {
      const body = JSON.stringify(updateBody(request));
      const { outcome } = await callOnce(context, (config) => instance.post(UPDATE_PATH, body, config), signal);
      return outcome;
    },
    tokenInfo,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

interface CallContext {
  readonly instance: AxiosInstance;
  /** The server's host, for the sentence of a call that never reached it. */
  readonly host: string;
  readonly timeoutMs: number;
  readonly redact: (text: string) => string;
  readonly logger?: Logger;
}

type Send = (config: { signal: AbortSignal }) => Promise<{ status: number; data: unknown; headers: unknown }>;

/** One HTTP call turned into an outcome; the raw body is returned too (token information reads it). */
async function callOnce(context: CallContext, send: Send, signal: AbortSignal | undefined): Promise<{ outcome: CallOutcome; body: string }> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  // The deadline bounds the whole call, body included (axios's own `timeout` in Node only notices a
  // socket that goes quiet: a server sending a byte now and then would hold the call for ever).
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), context.timeoutMs);
  const onAbort = () => deadline.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal?.aborted) throw signal.reason;
    const response = await send({ signal: deadline.signal });
    const body = typeof response.data === 'string' ? response.data : '';
    const parsed = parseBody(response.status, body, context.redact);
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
      ms: elapsed(),
    };
    context.logger?.debug({ status: outcome.status, code: outcome.code, kind, reason, ms: outcome.ms }, 'answer');
    return { outcome, body };
  } catch (error) {
    // Abort is the caller's decision, not an answer: let it through as the signal's reason.
    if (signal?.aborted) throw signal.reason;
    const outcome = deadline.signal.aborted ? timedOut(context, elapsed()) : transportFailure(context, error, elapsed());
    context.logger?.debug({ code: (error as { code?: string }).code, kind: outcome.kind, reason: outcome.reason, ms: outcome.ms }, 'no answer');
    return { outcome, body: '' };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function timedOut(context: CallContext, ms: number): CallOutcome {
  const message = `Timeout: no complete answer within ${context.timeoutMs / 1000} s`;
  return { ...classify({ network: 'timeout', json: false, message }), message, ms };
}

function transportFailure(context: CallContext, error: unknown, ms: number): CallOutcome {
  // Only the code and message are read off the transport error: it carries the request headers (and so
  // the token), and it is never rethrown or logged whole.
  const { code, message } = error as { code?: string; message?: string };
  const network = networkFailure(code);
  const unreached = describeConnectionFailure(network, context.host, code);
  const text = context.redact(unreached ?? `${code ?? 'network error'}: ${message ?? 'no answer'}`);
  return { ...classify({ network, json: false, message: text }), message: text, ms, ...(unreached ? { unreached: true as const } : {}) };
}
