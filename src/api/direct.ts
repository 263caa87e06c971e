// One request with Node's own http/https, for a server reached without a proxy (most jobs). Measured
// against axios on the same jobs (stop 27's note on issue 18): a --batch 100 job's pace 0.90 → 0.91 of a
// bare client's, its CPU 12 % less; one call a row 28 % less CPU. A proxy goes through axios (client.ts).
import http from 'node:http';
import https from 'node:https';
import type { OnWritten } from './client.js';
import { tellWritten } from './written.js';

/** What callOnce reads of an answer: the status, the body as text, the headers. */
export interface RawAnswer {
  readonly status: number;
  readonly data: string;
  readonly headers: http.IncomingHttpHeaders;
}

export interface DirectRequest {
  readonly url: URL;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text, for a POST. */
  readonly body?: string;
  readonly agents: { readonly http: http.Agent; readonly https: https.Agent };
  readonly signal: AbortSignal;
  readonly onWritten?: OnWritten | undefined;
}

/**
 * Sends the request and resolves with the whole answer, whatever its status (redirects are answers too, as
 * with axios's maxRedirects 0). Rejects with Node's own error (its `code`: ECONNREFUSED, ECONNRESET, ENOTFOUND,
 * a TLS code…), which answer.ts sorts; an answer cut off mid-body rejects with ECONNRESET ("aborted").
 */
export function sendDirect(request: DirectRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const secure = request.url.protocol === 'https:';
    // Always a length: a POST with no body would otherwise go chunked.
    const headers = { ...request.headers, 'Content-Length': String(request.body === undefined ? 0 : Buffer.byteLength(request.body)) };
    const sent = (secure ? https : http).request(request.url, { method: request.method, headers, agent: secure ? request.agents.https : request.agents.http, signal: request.signal }, (response) => {
      response.setEncoding('utf8');
      let data = '';
      response.on('data', (chunk: string) => {
        data += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, data, headers: response.headers }));
      response.on('error', reject);
    });
    sent.on('error', reject);
    // Its last byte written to the socket (the connection, and a TLS handshake, made): see OnWritten.
    if (request.onWritten) tellWritten(sent, request.onWritten);
    sent.end(request.body);
  });
}
