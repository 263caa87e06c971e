import { describe, expect, it } from 'vitest';
import { createClient, type UpdateRequest } from '../../src/api/client.js';
import { REDACTED } from '../../src/api/redact.js';
import { readTokenInfo } from '../../src/api/token-info.js';
import type { CallOutcome } from '../../src/core/types.js';
import { mockServer } from '../helpers.js';

const SECRET = 'Sk/7b+6d=F64-wolkvox-0123456789';
const request = (id: string): UpdateRequest => ({ operation: 'op', module: 'contacts', id, fields: { A: 'b' } });
const clientFor = (server: string, options: { token?: string; timeoutMs?: number } = {}) =>
  createClient({ server, token: options.token ?? SECRET, concurrency: 2, timeoutMs: options.timeoutMs ?? 5000 });
const leaks = (value: unknown) => {
  const text = JSON.stringify(value).toLowerCase();
  return [SECRET, encodeURIComponent(SECRET), SECRET.slice(0, 12)].some((form) => text.includes(form.toLowerCase()));
};

describe('a server that echoes the token (issue 10 item 3)', () => {
  it('every outcome of every echo form (as sent, upper case, URL-encoded, in the code) comes without the token', async () => {
    const server = await mockServer({ tokens: [SECRET], knownIds: [], echoToken: true });
    const client = clientFor(server.url);
    const outcomes: CallOutcome[] = [];
    for (const id of ['a', 'b', 'c', 'd', 'e']) outcomes.push(await client.update(request(id)));
    client.close();
    expect(outcomes.map((outcome) => outcome.reason)).toEqual(Array(5).fill('rejected'));
    // The server did echo it: the marker stands where it was, in the message or in the code.
    expect(outcomes.every((outcome) => `${outcome.message} ${outcome.code ?? ''}`.includes(REDACTED))).toBe(true);
    expect(outcomes.some((outcome) => outcome.code?.includes(REDACTED))).toBe(true);
    expect(leaks(outcomes)).toBe(false);
  });

  it('an HTML page whose title carries the token split by a line break, and a refused token echoed back', async () => {
    const server = await mockServer({ tokens: [SECRET], echoToken: true, faults: { serverError: 1 } });
    const client = clientFor(server.url);
    const page = await client.update(request('a'));
    const wrong = clientFor(server.url, { token: `${SECRET}-old` });
    const refused = await wrong.update(request('b'));
    client.close();
    wrong.close();
    expect(page).toMatchObject({ kind: 'retry', reason: 'server-error' });
    expect(page.message).toContain(REDACTED);
    expect(refused).toMatchObject({ kind: 'fatal', reason: 'auth' });
    expect(leaks([page, refused])).toBe(false);
  });
});

describe('--timeout bounds the whole call (issue 10 item 5)', () => {
  it('an answer dripped a byte every 500 ms for 60 s ends at the 1 s timeout, as a timeout', async () => {
    const server = await mockServer({ faults: { drip: 1 }, dripMs: 60_000, dripEveryMs: 500 });
    const client = clientFor(server.url, { token: 'test-token', timeoutMs: 1000 });
    const outcome = await client.update(request('a'));
    client.close();
    expect(outcome).toMatchObject({ kind: 'retry', reason: 'timeout' });
    expect(outcome.message).toContain('no complete answer within 1 s');
    expect(outcome.ms).toBeLessThan(60_000 / 6);
    // The update was applied before the drip began: the timeout says its outcome is unknown.
    expect(server.stats.dripped).toBe(1);
    expect(server.ledger).toHaveLength(1);
  });

  it('a slow answer that ends within the timeout is read as usual', async () => {
    const server = await mockServer({ faults: { drip: 1 }, dripMs: 200, dripEveryMs: 2 });
    const client = clientFor(server.url, { token: 'test-token', timeoutMs: 10_000 });
    const outcome = await client.update(request('a'));
    client.close();
    expect(outcome).toMatchObject({ kind: 'ok', reason: 'updated' });
  });

  it("the caller's abort during a drip rejects with the caller's reason, not a timeout outcome", async () => {
    const server = await mockServer({ faults: { drip: 1 }, dripMs: 60_000 });
    const client = clientFor(server.url, { token: 'test-token', timeoutMs: 30_000 });
    const controller = new AbortController();
    const pending = client.update(request('a'), controller.signal);
    const started = () => server.stats.dripped > 0;
    while (!started()) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('stop now'));
    await expect(pending).rejects.toThrow('stop now');
    client.close();
  });
});

describe('tokenInformation.php: GET or POST (issue 10 item 25)', () => {
  it.each(['GET', 'POST'] as const)('a CRM that takes only %s: found once, remembered for the client', async (method) => {
    const server = await mockServer({ tokenInfoMethod: method, quota: 100, hoursToReset: 7 });
    const client = clientFor(server.url, { token: 'test-token' });
    const first = await client.tokenInfo('op');
    const second = await client.tokenInfo('op');
    client.close();
    expect(first.info).toMatchObject({ limit: 100, hoursToReset: 7 });
    expect(second.info).toMatchObject({ limit: 100, hoursToReset: 7 });
    // POST goes first: a GET-only CRM refuses it once, and never again for this client.
    const wasted = method === 'GET' ? 1 : 0;
    expect(first.calls).toBe(1 + wasted);
    expect(second.calls).toBe(1);
    expect(server.stats.refused.route).toBe(wasted);
    expect(server.stats.tokenInfoCalls).toBe(2);
  });

  it('tries the other method only once when neither is served (a wrong path)', async () => {
    const server = await mockServer();
    const client = clientFor(`${server.url}/crm`, { token: 'test-token' });
    const first = await client.tokenInfo('op');
    const second = await client.tokenInfo('op');
    client.close();
    expect(first.outcome).toMatchObject({ kind: 'fatal', reason: 'endpoint', message: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' });
    expect(first.calls).toBe(2);
    expect(second.calls).toBe(1);
    expect(server.stats.refused.route).toBe(3);
  });
});

describe('readTokenInfo', () => {
  it.each([
    ['numbers', { token_limit: 4800, token_use_today: 10, available_consumition_options: 4790, hours_to_restart_count: 15 }, 15],
    ['numbers as text', { token_limit: '4800', token_use_today: '10', available_consumition_options: '4790', hours_to_restart_count: '15' }, 15],
    ['a decimal comma', { token_limit: 4800, token_use_today: 10, available_consumition_options: 4790, hours_to_restart_count: '14,5' }, 14.5],
    ['data in an array', [{ token_limit: 4800, token_use_today: 10, available_consumition_options: 4790, hours_to_restart_count: 15 }], 15],
  ])('reads %s', (_name, data, hours) => {
    expect(readTokenInfo(JSON.stringify({ code: '200', error: 'null', msg: '1 records were are found', data }))).toEqual({ limit: 4800, usedToday: 10, available: 4790, hoursToReset: hours });
  });

  it('gives nothing when a figure is missing or not a number', () => {
    expect(readTokenInfo(JSON.stringify({ data: { token_limit: 4800, token_use_today: 1, available_consumition_options: 1, hours_to_restart_count: 'soon' } }))).toBeUndefined();
    expect(readTokenInfo('<html>')).toBeUndefined();
  });
});
