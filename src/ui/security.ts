import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText } from './http.js';

/**
 * Who may talk to the page server. It listens on 127.0.0.1, so the callers to keep out are other web
 * pages in the user's browser (DNS rebinding, cross-site requests) and other users of this machine:
 * - the Host must be exactly the address printed (a rebound DNS name carries its own Host);
 * - the key printed in the address is exchanged, once per browser, for a session cookie that is
 *   HttpOnly (page scripts cannot read it) and SameSite=Strict (other sites' requests do not carry it);
 * - every other request needs that cookie.
 */
export interface Gate {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** The printed address: the origin with the key. */
  readonly url: string;
  /** Checks a request; false when it was refused or already answered. */
  admit(request: IncomingMessage, response: ServerResponse): boolean;
  /** The Set-Cookie value that opens a session (sent with the page when the key was right). */
  readonly sessionCookie: string;
  /** Whether this request carries the key (only `/` is opened with it). */
  hasKey(request: IncomingMessage): boolean;
}

const same = (given: string | undefined, expected: string) => {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export function createGate(port: number): Gate {
  const host = `127.0.0.1:${port}`;
  const origin = `http://${host}`;
  const key = randomBytes(24).toString('base64url');
  // The cookie is not the key: an address left in a browser's history does not give the session's
  // value, and the cookie's name carries the port because cookies are shared by every port of a host.
  const session = randomBytes(24).toString('base64url');
  const cookieName = `wvx_session_${port}`;
  const keyOf = (request: IncomingMessage) => new URL(request.url ?? '/', origin).searchParams.get('key') ?? undefined;

  return {
    origin,
    url: `${origin}/?key=${key}`,
    sessionCookie: `${cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`,
    hasKey: (request) => request.method === 'GET' && new URL(request.url ?? '/', origin).pathname === '/' && same(keyOf(request), key),
    admit(request, response) {
      if (request.headers.host !== host) {
        sendText(response, 421, `Refused: this server answers only at ${origin}.`);
        return false;
      }
      // A browser names the page that sent a request; only this page may send one.
      const from = request.headers.origin;
      if (from !== undefined && from !== origin) {
        sendText(response, 403, 'Refused: requests from other web pages are not accepted.');
        return false;
      }
      if (request.headers['sec-fetch-site'] === 'cross-site' && !this.hasKey(request)) {
        sendText(response, 403, 'Refused: requests from other web pages are not accepted.');
        return false;
      }
      if (same(cookieValue(request.headers.cookie, cookieName), session) || this.hasKey(request)) return true;
      sendText(response, 403, 'Refused: open the address that `wolkvox-bulk ui` printed (it holds the key for this session).');
      return false;
    },
  };
}
