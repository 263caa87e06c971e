// One HTTP call, whatever the endpoint: the deadline, the answer read and classified, the token kept out.
import type { CallOutcome, Logger } from '../core/types.js';
import { describeConnectionFailure, networkFailure, parseBody, type ReadRecord } from './answer.js';
import { classify, parseRetryAfter } from './classify.js';
import { plainText } from './redact.js';

export interface CallContext {
  /** The server's host, for the sentence of a call that never reached it. */
  readonly host: string;
  readonly timeoutMs: number;
  readonly redact: (text: string) => string;
  readonly logger?: Logger;
}

export type Send = (config: { signal: AbortSignal }) => Promise<{ status: number; data: unknown; headers: unknown }>;

/** What one call came to: its outcome, the raw body (token information reads it) and a read's records. */
export interface CallResult {
  readonly outcome: CallOutcome;
  readonly body: string;
  /** With `read`: the records of a successful read. */
  readonly records?: readonly ReadRecord[];
}

/**
 * One HTTP call turned into an outcome; never throws for an answer or a network failure, only with the
 * signal's reason when `signal` aborts. `read` reads the answer as a read's (query.php, queryDates.php).
 */
export async function callOnce(context: CallContext, send: Send, signal: AbortSignal | undefined, read = false): Promise<CallResult> {
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
    const parsed = parseBody(response.status, body, context.redact, read);
    const classified = classify(parsed.facts);
    const { kind, reason } = classified;
    const headers = response.headers as Record<string, string | undefined>;
    const retryAfterMs = parseRetryAfter(headers['retry-after']);
    const outcome: CallOutcome = {
      ...classified,
      httpStatus: response.status,
      ...(parsed.codeText === undefined ? {} : { apiCode: parsed.codeText }),
      message: parsed.facts.message,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ms: elapsed(),
    };
    context.logger?.debug({ httpStatus: outcome.httpStatus, apiCode: outcome.apiCode, kind, reason, ms: outcome.ms }, 'answer');
    // Records only from an answer classified as a read's success: an error's `data` is not a page.
    return { outcome, body, ...(reason === 'read' && parsed.records ? { records: parsed.records } : {}) };
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
  const text = context.redact(plainText(unreached ?? `${code ?? 'network error'}: ${message ?? 'no answer'}`));
  return { ...classify({ network, json: false, message: text }), message: text, ms, ...(unreached ? { unreached: true as const } : {}) };
}
