import type { AnswerFacts, NetworkFailure } from './classify.js';
import { plainText } from './redact.js';

/** One record as a read returns it: values by CRM label, `wolkvox_id` and the other `wolkvox_…` fields. */
export type ReadRecord = Readonly<Record<string, unknown>>;

/** The parts of a body the report keeps: the raw `code` and a readable message. */
export interface ParsedBody {
  readonly facts: AnswerFacts;
  readonly codeText?: string;
  /** A read's records, when the body holds a list of them (see `recordsOf`). */
  readonly records?: readonly ReadRecord[];
}

const MAX_MESSAGE = 300;

/**
 * Reads a body that may be JSON, HTML or empty, whatever the Content-Type claims. Every text kept loses
 * its control characters (`plainText`: a server's text is printed on terminals), then `redact` takes the
 * token out, before the text is cut to length (a cut could leave part of it). With `read` (query.php,
 * queryDates.php) the facts say so and the records are taken out: a read may answer a bare JSON array,
 * which an update answer never is (for an update an array stays "not an object").
 */
export function parseBody(status: number, text: string, redactToken: (text: string) => string = (same) => same, read = false): ParsedBody {
  const redact = (part: string) => redactToken(plainText(part));
  const trimmed = text.trim();
  let value: unknown;
  try {
    value = trimmed === '' ? undefined : JSON.parse(trimmed);
  } catch {
    value = undefined;
  }
  const records = read ? recordsOf(value) : undefined;
  const readFacts = read ? { read: true, ...(records === undefined ? {} : { records: records.length }) } : {};
  const withRecords = records === undefined ? {} : { records };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    const rawCode = object.code;
    const codeText = typeof rawCode === 'number' || typeof rawCode === 'string' ? redact(String(rawCode)) : undefined;
    const code = codeText !== undefined && /^\s*\d+\s*$/.test(codeText) ? Number(codeText) : undefined;
    const message = describeJson(object, redact);
    const facts: AnswerFacts = { httpStatus: status, json: true, ...(code === undefined ? {} : { apiCode: code }), message, ...readFacts };
    return { facts, ...(codeText === undefined ? {} : { codeText }), ...withRecords };
  }
  const message = records === undefined ? describeText(status, trimmed, redact) : `${records.length} records (a bare JSON array)`;
  return { facts: { httpStatus: status, json: false, message, ...readFacts }, ...withRecords };
}

// A read's records: the body itself when it is an array (queryDates.php's published example), or its
// `data` array (query.php's). Every item must be an object; anything else is not a list of records.
function recordsOf(value: unknown): readonly ReadRecord[] | undefined {
  const list = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? (value as { data?: unknown }).data : undefined;
  if (!Array.isArray(list)) return undefined;
  return list.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item)) ? (list as ReadRecord[]) : undefined;
}

/**
 * The number a success message ends with: updateMany.php's "Succesfully edit record 37" gives 37. The
 * number must stand as a word of its own (an id ending in digits is not a count); a trailing full stop
 * is allowed. Undefined when there is none ("Succesfully edit record", "… record x").
 */
export function readCount(message: string): number | undefined {
  const match = /(?:^|\s)(\d{1,15})\s*\.?\s*$/.exec(message);
  return match ? Number(match[1]) : undefined;
}

// `msg` carries the useful text; `error` is "null" (a string) on success and a short title otherwise.
function describeJson(object: Record<string, unknown>, redact: (text: string) => string): string {
  const parts = [object.msg, object.message, object.error]
    .filter((part): part is string => typeof part === 'string' && part !== '' && part !== 'null');
  return clip(redact(parts[0] ?? JSON.stringify(object)));
}

function describeText(status: number, text: string, redact: (text: string) => string): string {
  if (text === '') return `HTTP ${status} with an empty body`;
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return clip(redact(`HTTP ${status} (not JSON): ${plain}`));
}

const clip = (text: string) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text);

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL']);

/** Sorts a transport error code (from Node's net/tls/dns through axios) into a failure kind. */
export function networkFailure(code: string | undefined): NetworkFailure {
  switch (code) {
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
      return 'timeout';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_BAD_RESPONSE':
      return 'reset';
    case 'ECONNREFUSED':
      return 'refused';
    case 'ENOTFOUND':
      return 'dns';
    case 'EAI_AGAIN':
      return 'dns-temporary';
    default:
      if (code !== undefined && UNREACHABLE_CODES.has(code)) return 'unreachable';
      return code !== undefined && TLS_CODES.has(code) ? 'tls' : 'other';
  }
}

// Failures before any byte of the request left: no server saw the call, so it spent no quota.
const CONNECTION_FAILURES: Readonly<Partial<Record<NetworkFailure, string>>> = {
  dns: 'the name does not resolve in DNS',
  'dns-temporary': 'the name could not be looked up in DNS just now',
  refused: 'the connection was refused, nothing answers on that port',
  unreachable: 'there is no network route to it',
};

/** The sentence for a call that never reached a server, or undefined when the failure is another kind. */
export function describeConnectionFailure(kind: NetworkFailure, host: string, code: string | undefined): string | undefined {
  const what = CONNECTION_FAILURES[kind];
  return what === undefined ? undefined : `Cannot reach ${host}: ${what}${code ? ` (${code})` : ''}`;
}
