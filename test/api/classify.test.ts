import { describe, expect, it } from 'vitest';
import { classify, parseRetryAfter, type AnswerFacts } from '../../src/api/classify.js';
import { parseBody, networkFailure } from '../../src/api/answer.js';
import type { PoolPause } from '../../src/core/types.js';

// What the whole pool does on each pause answer: the pacer reads this from the answer, never its reason.
const POOL: Readonly<Record<string, PoolPause>> = {
  // Fewer calls at once from now on, and a wait that grows with the unit's refusals.
  'over-concurrency': { wait: 'attempts', lowerConcurrency: true },
  // Retry-After (a floor under the unit's backoff).
  'rate-limited': { wait: 'attempts' },
  // The CRM is away: the wait grows with the maintenance pages in a row, whichever rows got them.
  maintenance: { wait: 'streak' },
};
const expected = (kind: string, reason: string) => (kind === 'pause' ? { kind, reason, pause: POOL[reason] } : { kind, reason });

// Every JSON answer is checked twice: with its real HTTP status, and as HTTP 200 with the status in `code`.
const jsonAnswers: [status: number, msg: string, kind: string, reason: string][] = [
  [200, 'Succesfully edit record', 'ok', 'updated'],
  [400, 'THE API YOU WANT TO CONSULT DOES NOT EXIST', 'fatal', 'endpoint'],
  [400, 'SOME PARAMETERS ARE REQUIRED', 'row', 'rejected'],
  [401, 'PLEASE ENTER THE WOLKVOX-TOKEN', 'fatal', 'auth'],
  [401, 'Unauthorized', 'fatal', 'auth'],
  [403, 'PLEASE VALIDATE TOKEN', 'fatal', 'auth'],
  [403, 'TOKEN LIMIT EXCEEDED', 'quota', 'quota'],
  [403, 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)', 'pause', 'over-concurrency'],
  [404, 'RECORD NOT FOUND', 'row', 'rejected'],
  [400, "Field 'Tipo' does not exist in module contacts", 'row', 'rejected'],
  [400, 'THE OPERATION DOES NOT EXIST', 'fatal', 'configuration'],
  [400, 'THE MODULE DOES NOT EXIST', 'fatal', 'configuration'],
  [405, 'METHOD NOT ALLOWED', 'row', 'rejected'],
  [412, 'PRECONDITION FAILED', 'row', 'rejected'],
  [416, 'RANGE NOT SATISFIABLE', 'row', 'rejected'],
  [417, 'EXPECTATION FAILED', 'row', 'rejected'],
  [408, 'REQUEST TIMEOUT', 'retry', 'server-error'],
  [429, 'TOO MANY REQUESTS', 'pause', 'rate-limited'],
  [500, 'INTERNAL SERVER ERROR', 'retry', 'server-error'],
  [503, 'SERVICE TEMPORARILY UNAVAILABLE', 'retry', 'server-error'],
];

describe('classify: JSON answers in both error styles', () => {
  it.each(jsonAnswers)('%i %s → %s/%s', (status, msg, kind, reason) => {
    const body = JSON.stringify({ code: status, error: status === 200 ? 'null' : 'X', msg });
    const asHttp = parseBody(status, body).facts;
    const asBody = parseBody(200, body).facts;
    expect(classify(asHttp)).toEqual(expected(kind, reason));
    expect(classify(asBody)).toEqual(expected(kind, reason));
  });

  it('accepts the success code as a string', () => {
    const facts = parseBody(200, '{"code":"200","error":"null","msg":"Succesfully edit record"}').facts;
    expect(classify(facts)).toEqual({ kind: 'ok', reason: 'updated' });
  });
});

const other: [name: string, facts: AnswerFacts, kind: string, reason: string][] = [
  ['timeout', { network: 'timeout', json: false, message: 'ETIMEDOUT' }, 'retry', 'timeout'],
  ['connection reset', { network: 'reset', json: false, message: 'ECONNRESET' }, 'retry', 'network'],
  ['connection refused', { network: 'refused', json: false, message: 'ECONNREFUSED' }, 'retry', 'network'],
  ['unknown host', { network: 'dns', json: false, message: 'ENOTFOUND' }, 'fatal', 'endpoint'],
  ['bad certificate', { network: 'tls', json: false, message: 'CERT_HAS_EXPIRED' }, 'fatal', 'endpoint'],
  ['other transport error', { network: 'other', json: false, message: 'EPROTO' }, 'retry', 'network'],
  ['DNS lookup timed out', { network: 'dns-temporary', json: false, message: 'EAI_AGAIN' }, 'retry', 'network'],
  ['no route to the host', { network: 'unreachable', json: false, message: 'EHOSTUNREACH' }, 'retry', 'network'],
  ['maintenance 403 HTML', parseBody(403, '<html><title>403 Forbidden</title></html>').facts, 'pause', 'maintenance'],
  ['502 HTML', parseBody(502, '<html><title>502 Bad Gateway</title></html>').facts, 'retry', 'server-error'],
  ['504 empty', parseBody(504, '').facts, 'retry', 'server-error'],
  ['200 not JSON', parseBody(200, '<br /><b>Warning</b>: {"code":200,').facts, 'retry', 'bad-answer'],
  ['200 empty', parseBody(200, '').facts, 'retry', 'bad-answer'],
  ['200 JSON without code', parseBody(200, '{"msg":"ok"}').facts, 'retry', 'bad-answer'],
  ['200 JSON array', parseBody(200, '[1,2]').facts, 'retry', 'bad-answer'],
  ['301 redirect', parseBody(301, '').facts, 'fatal', 'redirect'],
  ['404 HTML page', parseBody(404, '<html><title>Not Found</title></html>').facts, 'fatal', 'endpoint'],
  ['405 HTML page', parseBody(405, '<html>Method Not Allowed</html>').facts, 'fatal', 'endpoint'],
  ['400 HTML page', parseBody(400, '<html>Bad Request</html>').facts, 'row', 'rejected'],
  ['200 with code 600', parseBody(200, '{"code":600,"msg":"?"}').facts, 'retry', 'bad-answer'],
];

describe('classify: transport failures and non-JSON answers', () => {
  it.each(other)('%s → %s/%s', (_name, facts, kind, reason) => {
    expect(classify(facts)).toEqual(expected(kind, reason));
  });
});

describe('parseBody', () => {
  it('keeps the raw code and the msg', () => {
    const parsed = parseBody(403, '{"code":"403","error":"FORBIDDEN","msg":"TOKEN LIMIT EXCEEDED"}');
    expect(parsed.codeText).toBe('403');
    expect(parsed.facts).toEqual({ httpStatus: 403, json: true, apiCode: 403, message: 'TOKEN LIMIT EXCEEDED' });
  });

  it('reads an HTML title and clips long text', () => {
    expect(parseBody(503, '<html><head><title>503 Service Unavailable</title></head></html>').facts.message).toBe(
      'HTTP 503 (not JSON): 503 Service Unavailable',
    );
    expect(parseBody(200, 'x'.repeat(1000)).facts.message.length).toBe(300);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['1', 1000],
    ['2.5', 2500],
    ['Thu, 01 Jan 2026 00:00:10 GMT', 10_000],
    ['Thu, 01 Jan 2025 00:00:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('%s → %s ms', (value, ms) => {
    expect(parseRetryAfter(value, Date.parse('2026-01-01T00:00:00Z'))).toBe(ms);
  });
});

describe('networkFailure', () => {
  it.each([
    ['ETIMEDOUT', 'timeout'],
    ['ECONNABORTED', 'timeout'],
    ['ECONNRESET', 'reset'],
    ['ECONNREFUSED', 'refused'],
    ['ENOTFOUND', 'dns'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['EAI_AGAIN', 'dns-temporary'],
    ['EHOSTUNREACH', 'unreachable'],
    ['ENETUNREACH', 'unreachable'],
    ['EPROTO', 'other'],
    [undefined, 'other'],
  ])('%s → %s', (code, kind) => {
    expect(networkFailure(code)).toBe(kind);
  });
});
