import type { ServerResponse } from 'node:http';

/** A JSON answer in the CRM's shape: `{ code, error, msg, data? }`. */
export interface JsonAnswer {
  readonly status: number;
  readonly error: string;
  readonly msg: string;
  readonly data?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** The body's `code` as sent, instead of the status (a misbehaving server's). */
  readonly code?: string;
}

// The documented texts (wolkvox "API response codes"). The not-found, unknown-field, unknown-operation
// and unknown-module texts are not published: these are plausible stand-ins, marked as such.
export const ANSWERS = {
  noRoute: { status: 400, error: 'BAD REQUEST', msg: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' },
  missingParameters: { status: 400, error: 'BAD REQUEST', msg: 'SOME PARAMETERS ARE REQUIRED' },
  noToken: { status: 401, error: 'UNAUTHORIZED', msg: 'PLEASE ENTER THE WOLKVOX-TOKEN' },
  badToken: { status: 403, error: 'FORBIDDEN', msg: 'PLEASE VALIDATE TOKEN' },
  quota: { status: 403, error: 'FORBIDDEN', msg: 'TOKEN LIMIT EXCEEDED' },
  concurrency: (limit: number) =>
    ({ status: 403, error: 'FORBIDDEN', msg: `EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (${limit})` }) as const,
  rate: { status: 429, error: 'TOO MANY REQUESTS', msg: 'TOO MANY REQUESTS', headers: { 'Retry-After': '1' } },
  // Stand-ins (unpublished texts):
  unknownOperation: { status: 400, error: 'BAD REQUEST', msg: 'THE OPERATION DOES NOT EXIST' },
  unknownModule: { status: 400, error: 'BAD REQUEST', msg: 'THE MODULE DOES NOT EXIST' },
  notFound: { status: 404, error: 'NOT FOUND', msg: 'RECORD NOT FOUND' },
  unknownField: (field: string, module: string) =>
    ({ status: 400, error: 'BAD REQUEST', msg: `Field '${field}' does not exist in module ${module}` }) as const,
  bodyError: { status: 503, error: 'SERVICE UNAVAILABLE', msg: 'SERVICE TEMPORARILY UNAVAILABLE' },
} satisfies Record<string, JsonAnswer | ((...args: never[]) => JsonAnswer)>;

export function sendJson(
  response: ServerResponse,
  answer: JsonAnswer,
  style: { errorStyle: 'http' | 'body'; codeAsString: boolean },
): void {
  const ok = answer.status === 200;
  const code = answer.code ?? (style.codeAsString ? String(answer.status) : answer.status);
  const body = JSON.stringify({ code, error: ok ? 'null' : answer.error, msg: answer.msg, ...(answer.data === undefined ? {} : { data: answer.data }) });
  // In the `body` style every JSON error comes as HTTP 200; the 429's Retry-After header stays.
  const status = style.errorStyle === 'body' ? 200 : answer.status;
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...answer.headers });
  response.end(body);
}

export function sendHtml(response: ServerResponse, status: number, title: string): void {
  response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  response.end(`<!DOCTYPE html><html><head><title>${status} ${title}</title></head><body><h1>${title}</h1><hr><center>nginx</center></body></html>`);
}

export const SUCCESS_MESSAGE = 'Succesfully edit record';
