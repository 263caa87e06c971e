import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKEN_INFO_PATH, UPDATE_PATH } from '../../src/api/client.js';
import { drawFor } from '../../src/mock/random.js';
import { mockServer, tempDir, TOKEN } from '../helpers.js';

const body = (id: string, fields: Record<string, unknown> = { A: 1 }) =>
  JSON.stringify({ operation: 'op', module: 'contacts', 'wolkvox-id': id, fields });
const post = (url: string, payload: string, token = TOKEN) =>
  fetch(`${url}${UPDATE_PATH}`, { method: 'POST', headers: { 'Wolkvox-Token': token, 'Content-Type': 'application/json' }, body: payload });

describe('simulated server', () => {
  it('counts every call with a valid token against the quota, refused ones included, until the reset', async () => {
    const server = await mockServer({ quota: 3, knownIds: ['ok'] });
    const statuses: number[] = [];
    for (const id of ['ok', 'missing', 'ok', 'ok']) statuses.push((await post(server.url, body(id))).status);
    expect(statuses).toEqual([200, 404, 200, 403]);
    expect(server.usedToday()).toBe(3);
    expect(server.stats.refused.quota).toBe(1);
    server.resetQuota();
    expect((await post(server.url, body('ok'))).status).toBe(200);
    expect(server.ledger.map((entry) => entry.seq)).toEqual([1, 2, 3]);
  });

  it('limits calls per second with a sliding window and says when to come back', async () => {
    const server = await mockServer({ rateLimit: 2 });
    const results: Response[] = [];
    // One at a time, to stay under the concurrency limit.
    for (const n of [1, 2, 3]) results.push(await post(server.url, body(`r${n}`)));
    expect(results.map((response) => response.status)).toEqual([200, 200, 429]);
    expect(results[2]?.headers.get('retry-after')).toBe('1');
    expect(await results[2]?.json()).toMatchObject({ code: 429, msg: 'TOO MANY REQUESTS' });
  });

  it('answers unknown paths and methods with the documented 400', async () => {
    const server = await mockServer();
    const wrongPath = await fetch(`${server.url}/server/API/v2/custom/nope.php`, { method: 'POST' });
    const wrongMethod = await fetch(`${server.url}${UPDATE_PATH}`, { method: 'GET', headers: { 'Wolkvox-Token': TOKEN } });
    for (const response of [wrongPath, wrongMethod]) {
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ code: 400, error: 'BAD REQUEST', msg: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' });
    }
  });

  it('requires the operation on tokenInformation.php and reports the spend', async () => {
    const server = await mockServer({ quota: 10 });
    const missing = await fetch(`${server.url}${TOKEN_INFO_PATH}`, { headers: { 'Wolkvox-Token': TOKEN } });
    expect(missing.status).toBe(400);
    const info = await (await fetch(`${server.url}${TOKEN_INFO_PATH}?operation=op`, { headers: { 'Wolkvox-Token': TOKEN } })).json();
    expect(info).toMatchObject({ code: 200, error: 'null', data: { token_limit: 10, token_use_today: 2, available_consumition_options: 8 } });
  });

  it('rejects bodies that are not JSON or lack a key, and attachments that are not strings', async () => {
    const server = await mockServer();
    const payloads = ['{not json', JSON.stringify({ operation: 'op', module: 'contacts', fields: {} }),
      JSON.stringify({ operation: 'op', module: 'contacts', 'wolkvox-id': 'x', fields: [] }),
      JSON.stringify({ operation: 'op', module: 'contacts', 'wolkvox-id': 'x', fields: {}, attachments: [1] })];
    for (const payload of payloads) {
      const response = await post(server.url, payload);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { msg: string }).msg).toBe('SOME PARAMETERS ARE REQUIRED');
    }
    expect(server.stats.refused.parameters).toBe(4);
  });

  it('replays the same fault pattern for the same seed, and another for another seed', async () => {
    const pattern = async (seed: number) => {
      const server = await mockServer({ seed, faults: { serverError: 0.3, bodyError: 0.2 } });
      const statuses: string[] = [];
      for (let n = 0; n < 30; n += 1) {
        const response = await post(server.url, body(`s${n}`));
        statuses.push(`${response.status}:${(await response.text()).includes('503') ? 'x' : ''}`);
      }
      await server.close();
      return statuses.join(',');
    };
    const first = await pattern(7);
    expect(await pattern(7)).toBe(first);
    expect(await pattern(8)).not.toBe(first);
    expect(first).toMatch(/50[234]/);
  });

  it('gives calls in flight together a draw each: the fault count is the seeded one, whatever the overlap', async () => {
    const faults = { serverError: 0.4 };
    const calls = 40;
    // What the seeded draws hold for call numbers 1..40 (pickFault's first band is serverError).
    const expected = Array.from({ length: calls }, (_, n) => drawFor(5, n + 1, 1)).filter((draw) => draw < faults.serverError).length;
    const server = await mockServer({ seed: 5, latencyMs: 5, jitterMs: 4, concurrencyLimit: 8, faults });
    const statuses: number[] = [];
    for (let batch = 0; batch < calls; batch += 8) {
      const answers = await Promise.all(Array.from({ length: 8 }, (_, n) => post(server.url, body(`c${batch + n}`))));
      statuses.push(...answers.map((response) => response.status));
    }
    expect(server.stats.maxInFlight).toBeGreaterThan(1);
    expect(statuses.filter((status) => status >= 500)).toHaveLength(expected);
    expect(server.stats.refused.serverError).toBe(expected);
  });

  it('waits latency ± jitter before answering', async () => {
    const server = await mockServer({ latencyMs: 60, jitterMs: 20 });
    const started = performance.now();
    await post(server.url, body('l1'));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(39);
  });

  it('appends every applied update to the ledger file as it happens', async () => {
    const file = path.join(tempDir(), 'ledger.jsonl');
    const server = await mockServer({ ledgerFile: file, knownIds: ['a', 'b'] });
    for (const id of ['a', 'zzz', 'b']) await post(server.url, body(id, { Nombre: 'Ñandú' }));
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.seq, line.id, line.fields.Nombre])).toEqual([[1, 'a', 'Ñandú'], [2, 'b', 'Ñandú']]);
    expect(server.stats).toMatchObject({ updateCalls: 3, applied: 2, refused: { notFound: 1 } });
  });

  it('frees the concurrency slot of a hung call when its socket closes', async () => {
    const server = await mockServer({ faults: { hang: 1 } });
    const hung = post(server.url, body('h1')).catch(() => 'aborted');
    while (server.stats.appliedUnanswered === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(server.stats.inFlight).toBe(1);
    await server.close();
    expect(await hung).toBe('aborted');
    expect(server.stats.inFlight).toBe(0);
  });

  it('tokenInformation.php takes the method it is set to, and answers the other as an unknown route', async () => {
    const info = (url: string, method: string) => fetch(`${url}${TOKEN_INFO_PATH}?operation=op`, { method, headers: { 'Wolkvox-Token': TOKEN } });
    for (const accepted of ['GET', 'POST'] as const) {
      const server = await mockServer({ tokenInfoMethod: accepted });
      const other = accepted === 'GET' ? 'POST' : 'GET';
      expect((await info(server.url, accepted)).status).toBe(200);
      expect(await (await info(server.url, other)).json()).toMatchObject({ code: 400, msg: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' });
    }
    const any = await mockServer();
    expect([(await info(any.url, 'GET')).status, (await info(any.url, 'POST')).status]).toEqual([200, 200]);
  });

  it('tokenInformation.php refuses once the quota is spent when set to', async () => {
    const info = (url: string) => fetch(`${url}${TOKEN_INFO_PATH}?operation=op`, { headers: { 'Wolkvox-Token': TOKEN } });
    const answers = await mockServer({ quota: 1, usedToday: 1 });
    expect(await (await info(answers.url)).json()).toMatchObject({ code: 200, data: { available_consumition_options: 0 } });
    const refuses = await mockServer({ quota: 1, usedToday: 1, tokenInfoWhenSpent: 'refuse' });
    expect(await (await info(refuses.url)).json()).toMatchObject({ code: 403, msg: 'TOKEN LIMIT EXCEEDED' });
  });

  it('echoes the caller\'s token in its errors when set to, never in a success', async () => {
    const server = await mockServer({ knownIds: ['ok'], echoToken: true });
    const texts: string[] = [];
    for (const id of ['x1', 'x2', 'x3', 'x4', 'ok']) texts.push(await (await post(server.url, body(id))).text());
    expect(texts.slice(0, 4).every((text) => /test-token|TEST-TOKEN/.test(text))).toBe(true);
    expect(texts[4]).not.toMatch(/test-token/i);
  });

  it('drips an answer: headers at once, then the body a byte at a time, and the update applied', async () => {
    const server = await mockServer({ faults: { drip: 1 }, dripMs: 400, dripEveryMs: 5 });
    const response = await post(server.url, body('d1'));
    expect(server.stats.dripped).toBe(1);
    expect(server.ledger).toHaveLength(1);
    // The headers came before the body was complete: the body is still being sent.
    expect(Number(response.headers.get('content-length'))).toBeGreaterThanOrEqual(80);
    expect(await response.json()).toMatchObject({ code: 200, msg: 'Succesfully edit record' });
  });
});
