import type { IncomingMessage, ServerResponse } from 'node:http';
import { isWolkvoxBulkError, type ErrorCode } from '../index.js';

/** A request the page server refuses (bad parameter, unknown run): HTTP status and a sentence. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// Errors that are about the state of a run folder, not about what the page sent.
const CONFLICT_CODES: ReadonlySet<ErrorCode> = new Set(['RUN_LOCKED', 'RUN_CHANGED', 'RUN_INVALID']);

/** Headers on every answer: nothing cached (answers hold customer data), nothing framed or sniffed. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * The library's errors go to the page as they are (code, message, place, details): their messages
 * already say where and what to do, and they never hold the token.
 */
export function sendError(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error instanceof HttpError) return sendJson(response, error.status, { error: { code: 'REQUEST', message: error.message } });
  if (isWolkvoxBulkError(error)) {
    const { code, message, row, column, details } = error;
    return sendJson(response, CONFLICT_CODES.has(code) ? 409 : 400, { error: { code, message, row, column, details } });
  }
  sendJson(response, 500, { error: { code: 'INTERNAL', message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}. Please report this.` } });
}

/** The request body, refused past `limit` bytes. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `Request too large: more than ${limit} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A JSON object body (the page's requests are small; uploads do not come this way). */
export async function readJson(request: IncomingMessage, limit = 5 * 1024 * 1024): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) throw new HttpError(415, 'Expected a JSON body (Content-Type: application/json).');
  const text = (await readBody(request, limit)).toString('utf8');
  let value: unknown;
  try {
    value = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'Expected a JSON object.');
  return value as Record<string, unknown>;
}
