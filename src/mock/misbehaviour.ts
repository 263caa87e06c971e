// Two ways a server can misbehave that a client must survive: echoing the caller's token in its errors,
// and sending an answer so slowly that only a deadline on the whole call ends it.
import type { ServerResponse } from 'node:http';
import type { JsonAnswer } from './answers.js';

/**
 * The error answer with the caller's token in it, in a form that turns with the call number: as sent,
 * upper-cased (the CRM's messages are upper case), URL-encoded, or in the body's `code`.
 */
export function echoToken(answer: JsonAnswer, token: string, call: number): JsonAnswer {
  if (answer.status === 200 || token === '') return answer;
  switch (call % 4) {
    case 0:
      return { ...answer, msg: `${answer.msg} (token ${token})` };
    case 1:
      return { ...answer, msg: `${answer.msg} (TOKEN ${token.toUpperCase()})` };
    case 2:
      return { ...answer, msg: `${answer.msg} (token=${encodeURIComponent(token)})` };
    default:
      return { ...answer, code: `${answer.status} ${token}` };
  }
}

/** An HTML page title with the token in it, split by a line break as a page template might wrap it. */
export function echoInTitle(title: string, token: string): string {
  const half = Math.ceil(token.length / 2);
  return token === '' ? title : `${title} for ${token.slice(0, half)}\n    ${token.slice(half)}`;
}

/**
 * Sends a complete, valid answer a byte at a time, every `everyMs` (or sooner, when the body has more
 * bytes than fit in `totalMs`), padded in front with spaces (valid JSON) so the whole answer takes about
 * `totalMs`. Stops when the client goes away.
 */
export function drip(response: ServerResponse, body: string, totalMs: number, everyMs: number): void {
  const text = Buffer.from(body);
  const bytes = Buffer.concat([Buffer.alloc(Math.max(0, Math.ceil(totalMs / everyMs) - text.length), ' '), text]);
  const interval = Math.max(1, Math.min(everyMs, Math.floor(totalMs / bytes.length)));
  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(bytes.length) });
  response.flushHeaders();
  let sent = 0;
  const timer = setInterval(() => {
    response.write(bytes.subarray(sent, sent + 1));
    sent += 1;
    if (sent >= bytes.length) {
      clearInterval(timer);
      response.end();
    }
  }, interval);
  response.once('close', () => clearInterval(timer));
}
