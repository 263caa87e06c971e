import { describe, expect, it } from 'vitest';
import { createClient, type UpdateRequest } from '../../src/api/client.js';
import type { CallOutcome, Logger } from '../../src/core/types.js';
import { mockServer, TOKEN } from '../helpers.js';

const SECRET = 'sk-7b6d6f64756c6f7465737430317d';
const request = (id = '647f6ff1660dff48d803ffe6', fields: Record<string, unknown> = { Email: 'ana@example.co' }): UpdateRequest => ({
  operation: 'miempresa',
  module: 'contacts',
  id,
  fields,
});
const clientFor = (server: string, options: { token?: string; timeoutMs?: number; logger?: Logger } = {}) =>
  createClient({ server, token: options.token ?? TOKEN, concurrency: 4, timeoutMs: options.timeoutMs ?? 5000, ...(options.logger ? { logger: options.logger } : {}) });

describe('client against the simulated server', () => {
  it('sends the documented body and reads the documented success', async () => {
    const server = await mockServer({ codeAsString: true });
    const client = clientFor(server.url);
    const outcome = await client.update({ ...request(), attachments: ['aGVsbG8='] });
    client.close();
    expect(outcome).toMatchObject({ kind: 'ok', reason: 'updated', httpStatus: 200, apiCode: '200', message: 'Succesfully edit record' });
    expect(server.ledger).toHaveLength(1);
    expect(server.ledger[0]).toMatchObject({ operation: 'miempresa', module: 'contacts', id: '647f6ff1660dff48d803ffe6', fields: { Email: 'ana@example.co' }, attachments: 1 });
  });

  // One case per answer the server can give for a well-formed call, in both error styles.
  const cases: [name: string, setup: Parameters<typeof mockServer>[0], call: UpdateRequest, token: string, expected: Partial<CallOutcome>][] = [
    ['no token', {}, request(), '', { kind: 'fatal', reason: 'auth', message: 'PLEASE ENTER THE WOLKVOX-TOKEN' }],
    ['invalid token', {}, request(), 'nope', { kind: 'fatal', reason: 'auth', message: 'PLEASE VALIDATE TOKEN' }],
    ['quota used up', { quota: 3, usedToday: 3 }, request(), TOKEN, { kind: 'quota', reason: 'quota', message: 'TOKEN LIMIT EXCEEDED' }],
    ['missing parameters', {}, request(''), TOKEN, { kind: 'row', reason: 'rejected', message: 'SOME PARAMETERS ARE REQUIRED' }],
    ['unknown operation', { operations: ['otra'] }, request(), TOKEN, { kind: 'fatal', reason: 'configuration', message: 'THE OPERATION DOES NOT EXIST' }],
    ['unknown module', { modules: ['leads'] }, request(), TOKEN, { kind: 'fatal', reason: 'configuration', message: 'THE MODULE DOES NOT EXIST' }],
    ['record not found', { knownIds: ['64cb'] }, request('ffff'), TOKEN, { kind: 'row', reason: 'rejected', apiCode: '404', message: 'RECORD NOT FOUND' }],
    ['unknown field', { knownFields: { contacts: ['Email'] } }, request('64cb', { Tipo: 'VIP' }), TOKEN, { kind: 'row', reason: 'rejected', message: "Field 'Tipo' does not exist in module contacts" }],
    ['server says 503 in the body', { faults: { bodyError: 1 } }, request(), TOKEN, { kind: 'retry', reason: 'server-error', apiCode: '503' }],
  ];
  describe.each(['http', 'body'] as const)('errors as %s', (errorStyle) => {
    it.each(cases)('%s', async (_name, setup, call, token, expected) => {
      const server = await mockServer({ ...setup, errorStyle });
      const client = clientFor(server.url, { token });
      const outcome = await client.update(call);
      client.close();
      expect(outcome).toMatchObject(expected);
      if (errorStyle === 'body') expect(outcome.httpStatus).toBe(200);
      else expect(outcome.httpStatus).not.toBe(200);
      expect(server.ledger).toHaveLength(0);
    });
  });

  it('a wrong URL path is fatal', async () => {
    const server = await mockServer();
    const client = clientFor(`${server.url}/crm`);
    const outcome = await client.update(request());
    client.close();
    expect(outcome).toMatchObject({ kind: 'fatal', reason: 'endpoint', httpStatus: 400, message: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' });
  });

  it('refuses the third call in flight with the default limit of 2, and the ledger holds the two applied', async () => {
    const server = await mockServer({ latencyMs: 150 });
    const client = clientFor(server.url);
    const outcomes = await Promise.all(['a1', 'a2', 'a3'].map((id) => client.update(request(id))));
    client.close();
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['ok', 'ok', 'pause']);
    const refused = outcomes.find((outcome) => outcome.kind === 'pause');
    expect(refused).toMatchObject({ httpStatus: 403, reason: 'over-concurrency', message: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)' });
    expect(server.ledger.map((entry) => entry.id).sort()).toEqual(
      outcomes.flatMap((outcome, index) => (outcome.kind === 'ok' ? [`a${index + 1}`] : [])).sort(),
    );
    expect(server.stats.refused.concurrency).toBe(1);
    expect(server.stats.maxInFlight).toBe(3);
  });

  it('reads a 429 and its Retry-After', async () => {
    const server = await mockServer({ rateLimit: 1 });
    const client = clientFor(server.url);
    const first = await client.update(request('r1'));
    const second = await client.update(request('r2'));
    client.close();
    expect(first.kind).toBe('ok');
    expect(second).toMatchObject({ kind: 'pause', reason: 'rate-limited', httpStatus: 429, retryAfterMs: 1000 });
  });

  it.each([
    ['5xx with an HTML body', { serverError: 1 }, { kind: 'retry', reason: 'server-error' }, 0],
    ['connection reset', { reset: 1 }, { kind: 'retry', reason: 'network' }, 0],
    ['HTTP 200 with a non-JSON body (applied)', { badJson: 1 }, { kind: 'retry', reason: 'bad-answer', httpStatus: 200 }, 1],
  ])('fault: %s', async (_name, faults, expected, applied) => {
    const server = await mockServer({ faults });
    const client = clientFor(server.url);
    const outcome = await client.update(request());
    client.close();
    expect(outcome).toMatchObject(expected);
    expect(server.ledger).toHaveLength(applied);
  });

  it('fault: applied but the answer never comes → timeout, and the ledger shows it applied', async () => {
    const server = await mockServer({ faults: { hang: 1 } });
    const client = clientFor(server.url, { timeoutMs: 300 });
    const outcome = await client.update(request());
    client.close();
    expect(outcome).toMatchObject({ kind: 'retry', reason: 'timeout' });
    expect(outcome.httpStatus).toBeUndefined();
    expect(server.ledger).toHaveLength(1);
    expect(server.stats.appliedUnanswered).toBe(1);
  });

  it('fault: a maintenance window answers 403 HTML for its calls, then the server works again', async () => {
    const server = await mockServer({ faults: { maintenance: { after: 1, calls: 2 } } });
    const client = clientFor(server.url);
    const outcomes: CallOutcome[] = [];
    for (const id of ['m1', 'm2', 'm3', 'm4']) outcomes.push(await client.update(request(id)));
    client.close();
    expect(outcomes.map((outcome) => `${outcome.kind}/${outcome.reason}`)).toEqual(['ok/updated', 'pause/maintenance', 'pause/maintenance', 'ok/updated']);
    expect(outcomes[1]).toMatchObject({ httpStatus: 403, message: 'HTTP 403 (not JSON): 403 Forbidden' });
    expect(server.ledger.map((entry) => entry.id)).toEqual(['m1', 'm4']);
  });

  it('a closed port is a retryable network failure', async () => {
    const server = await mockServer();
    const url = server.url;
    await server.close();
    const client = clientFor(url);
    const outcome = await client.update(request());
    client.close();
    expect(outcome).toMatchObject({ kind: 'retry', reason: 'network' });
    expect(outcome.message).toMatch(/ECONNREFUSED/);
  });

  it('onWritten is told once, when the request is written and before its answer, and whether its connection was open already; never for a call that could not connect', async () => {
    const server = await mockServer({ latencyMs: 50 });
    const client = clientFor(server.url);
    const log: string[] = [];
    const told = (name: string) => (reused: boolean) => log.push(`${name} written${reused ? ' again' : ''}`);
    const read = client.query({ operation: 'op', module: 'contacts', field: 'wolkvox_id', value: 'x' }, undefined, told('read'));
    const update = client.update(request(), undefined, told('update'));
    await Promise.all([read.then(() => log.push('read answered')), update.then(() => log.push('update answered'))]);
    // The next call goes on a connection one of those opened (keep-alive).
    await client.update(request(), undefined, told('next'));
    client.close();
    expect(log.filter((line) => line.includes('written')).sort()).toEqual(['next written again', 'read written', 'update written']);
    expect(log.indexOf('update written')).toBeLessThan(log.indexOf('update answered'));
    expect(log.indexOf('read written')).toBeLessThan(log.indexOf('read answered'));
    await server.close();
    const refused = clientFor(server.url);
    let writes = 0;
    expect(await refused.update(request(), undefined, () => (writes += 1))).toMatchObject({ reason: 'network' });
    refused.close();
    expect(writes).toBe(0);
  });

  it('an abort signal rejects with its reason instead of returning an outcome', async () => {
    const server = await mockServer({ latencyMs: 2000 });
    const client = clientFor(server.url);
    const controller = new AbortController();
    const pending = client.update(request(), controller.signal);
    setImmediate(() => controller.abort(new Error('stop now')));
    await expect(pending).rejects.toThrow('stop now');
    client.close();
  });

  it('reads the token information', async () => {
    const server = await mockServer({ quota: 4800, usedToday: 100, hoursToReset: 7 });
    const client = clientFor(server.url);
    const result = await client.tokenInfo('miempresa');
    client.close();
    expect(result.outcome.kind).toBe('ok');
    expect(result.info).toEqual({ limit: 4800, usedToday: 101, available: 4699, hoursToReset: 7 });
  });

  it('never lets the token out: not in outcomes, log lines, or the client object', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: (object, message) => lines.push(JSON.stringify({ object, message })),
      info: (object, message) => lines.push(JSON.stringify({ object, message })),
      warn: (object, message) => lines.push(JSON.stringify({ object, message })),
      error: (object, message) => lines.push(JSON.stringify({ object, message })),
    };
    const server = await mockServer({ tokens: [SECRET], faults: { reset: 0.5 }, latencyMs: 1 });
    const client = clientFor(server.url, { token: SECRET, logger });
    const outcomes = [await client.update(request('t1')), await client.update(request('t2')), await client.update(request('t3'))];
    const info = await client.tokenInfo('miempresa');
    const closedClient = clientFor('http://127.0.0.1:9', { token: SECRET, logger });
    outcomes.push(await closedClient.update(request('t4')));
    client.close();
    closedClient.close();
    expect(new Set(outcomes.map((outcome) => outcome.reason)).size).toBeGreaterThan(1);
    expect(lines.length).toBeGreaterThan(3);
    const everything = JSON.stringify({ outcomes, info, lines, client: Object.entries(client) });
    expect(everything).not.toContain(SECRET);
  });
});
