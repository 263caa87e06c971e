// Ways a server can misbehave that a client must survive: echoing the caller's token in its errors,
// putting control characters (terminal escape sequences) in them, and sending an answer so slowly that
// only a deadline on the whole call ends it.
import type { ServerResponse } from 'node:http';
import type { JsonAnswer } from './answers.js';

// The forms a careless server may echo the token in, turning with the call number.
const ECHOES: readonly ((answer: JsonAnswer, token: string) => JsonAnswer)[] = [
  (answer, token) => ({ ...answer, msg: `${answer.msg} (token ${token})` }),
  (answer, token) => ({ ...answer, msg: `${answer.msg} (TOKEN ${token.toUpperCase()})` }),
  (answer, token) => ({ ...answer, msg: `${answer.msg} (token=${encodeURIComponent(token)})` }),
  (answer, token) => ({ ...answer, code: `${answer.status} ${token}` }),
  // The request quoted as PHP's json_encode writes it ("/" as "\/"), inside the message.
  (answer, token) => ({ ...answer, msg: `${answer.msg} (request {"wolkvox-token":${JSON.stringify(token).replaceAll('/', '\\/')}})` }),
  // An Authorization header echoed back: base64 of "user:token", and the token alone in base64url.
  (answer, token) => ({ ...answer, msg: `${answer.msg} (Authorization: Basic ${Buffer.from(`wolkvox:${token}`).toString('base64')})` }),
  (answer, token) => ({ ...answer, msg: `${answer.msg} (session ${Buffer.from(token).toString('base64url')})` }),
];

/**
 * The error answer with the caller's token in it, in a form that turns with the call number: as sent,
 * upper-cased (the CRM's messages are upper case), URL-encoded, in the body's `code`, JSON-escaped, and
 * in base64 (after `user:`, and alone in the URL alphabet).
 */
export function echoToken(answer: JsonAnswer, token: string, call: number): JsonAnswer {
  if (answer.status === 200 || token === '') return answer;
  const echo = ECHOES[call % ECHOES.length];
  return echo ? echo(answer, token) : answer;
}

/** The error answer with `text` (escape sequences, a fake "Done") at the end of its message. */
export function withText(answer: JsonAnswer, text: string): JsonAnswer {
  return answer.status === 200 || text === '' ? answer : { ...answer, msg: `${answer.msg}${text}` };
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
