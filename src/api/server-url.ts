import { WolkvoxBulkError } from '../core/errors.js';

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
    throw new WolkvoxBulkError(
      'SERVER_INVALID',
      'Missing server: pass --server or set WOLKVOX_SERVER to your CRM host, such as crm0001.wolkvox.com (it is in the browser address bar after you log in).',
    );
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new WolkvoxBulkError(
      'SERVER_INVALID',
      `Invalid server: '${input}' is not a host name or URL. Use the host of your CRM, such as crm0001.wolkvox.com.`,
    );
  }
  const old = OLD_HOST.exec(url.hostname);
  if (old) {
    throw new WolkvoxBulkError(
      'SERVER_INVALID',
      `Old server name: ${url.hostname} was switched off on 2024-11-30. Use crm${old[1]}.wolkvox.com instead.`,
    );
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new WolkvoxBulkError(
      'SERVER_INVALID',
      `Insecure server URL: ${url.origin} uses plain http, which would send the token unencrypted. Use https://${url.host}.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WolkvoxBulkError(
      'SERVER_INVALID',
      `Invalid server: '${input}' uses ${url.protocol.replace(':', '')}; use https://${url.host || 'crm0001.wolkvox.com'}.`,
    );
  }
  // Any path (a record page, the API path itself) is dropped: the API paths are fixed.
  return url.origin;
}
