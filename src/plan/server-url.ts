import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';

// Hosts that may be reached over plain http: only this machine, where the simulated server runs.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

// The crmvox.com hosts were switched off on 2024-11-30; their numbers carried over to wolkvox.com.
const OLD_HOST = /^sv(\d+)\.crmvox\.com$/i;

/**
 * Turns what a user pastes (a bare host, a URL with or without a path) into the base URL of the API,
 * such as `https://crm0001.wolkvox.com`. Refuses plain http except for loopback.
 */
export function normalizeServer(input: string): string {
  const text = input.trim();
  if (text === '') {
    throw new WolkvoxBulkError('SERVER_INVALID', message('server.missing'));
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new WolkvoxBulkError('SERVER_INVALID', message('server.invalid', { input }));
  }
  const old = OLD_HOST.exec(url.hostname);
  if (old) {
    throw new WolkvoxBulkError('SERVER_INVALID', message('server.old-name', { host: url.hostname, number: old[1] ?? '' }));
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new WolkvoxBulkError('SERVER_INVALID', message('server.insecure', { origin: url.origin, host: url.host }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WolkvoxBulkError('SERVER_INVALID', message('server.protocol', { input, protocol: url.protocol.replace(':', ''), host: url.host }));
  }
  // Any path (a record page, the API path itself) is dropped: the API paths are fixed.
  return url.origin;
}
