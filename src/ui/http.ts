import type { IncomingMessage, ServerResponse } from 'node:http';
import { isWolkvoxBulkError, message as said, say, type ErrorCode, type Message } from '../index.js';
import { wordsOf, type Words } from './words.js';

/**
 * A request the page server refuses (bad parameter, unknown run): HTTP status and a sentence. One a person
 * can meet in the page is a message (worded in the page's language); one only a wrong request meets, English.
 */
export class HttpError extends Error {
  readonly said?: Message;
  constructor(
    readonly status: number,
    message: string | Message,
  ) {
    super(typeof message === 'string' ? message : say(message, 'en'));
    if (typeof message !== 'string') this.said = message;
  }
}

/** What the page shows of a failure: the library's code, its English (for programs), its words, its place. */
export interface PageError {
  readonly code: string;
  readonly message: string;
  readonly words?: Words;
  readonly row?: number;
  readonly column?: string;
  readonly details?: unknown;
}

/** A failure as the page shows it: the library's errors with their words; anything else as unexpected. */
export function pageError(error: unknown): PageError {
  if (isWolkvoxBulkError(error)) {
    const { code, message, row, column, details } = error;
    return { code, message, ...(error.said ? { words: wordsOf(error.said) } : {}), ...(row === undefined ? {} : { row }), ...(column === undefined ? {} : { column }), ...(details === undefined ? {} : { details }) };
  }
  const unexpected = said('page.unexpected', { detail: error instanceof Error ? error.message : String(error) });
  return { code: 'INTERNAL', message: say(unexpected, 'en'), words: wordsOf(unexpected) };
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
 * The library's errors go to the page with their code, place and details, and their message worded in the
 * page's languages: they already say where and what to do, and they never hold the token.
 */
export function sendError(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error instanceof HttpError) return sendJson(response, error.status, { error: { code: 'REQUEST', message: error.message, ...(error.said ? { words: wordsOf(error.said) } : {}) } });
  const failure = pageError(error);
  sendJson(response, failure.code === 'INTERNAL' ? 500 : CONFLICT_CODES.has(failure.code as ErrorCode) ? 409 : 400, { error: failure });
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
