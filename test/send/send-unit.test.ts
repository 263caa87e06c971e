import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_RULES, classify, type Rule } from '../../src/api/classify.js';
import type { UpdateRequest, WolkvoxClient } from '../../src/api/client.js';
import type { JobEvent } from '../../src/core/events.js';
import type { CallOutcome, MappedRow } from '../../src/core/types.js';
import { createPacer } from '../../src/send/pacer.js';
import { sendRow, type UnitContext } from '../../src/send/send-unit.js';
import { tempDir, until } from '../helpers.js';
import { BAD_TOKEN, MAINTENANCE, NOT_FOUND, OK, QUOTA, REFUSED_CONNECTION, TIMEOUT, TOO_FAST, UNAVAILABLE } from './outcomes.js';

/** A stand-in for the API client: answers each update with the next scripted outcome, and keeps the requests. */
function scriptedClient(script: readonly CallOutcome[]) {
  const requests: UpdateRequest[] = [];
  const client: WolkvoxClient = {
    server: 'http://scripted.invalid',
    async update(request) {
      requests.push(request);
      const outcome = script[requests.length - 1];
      if (!outcome) throw new Error(`the script has no answer for call ${requests.length}`);
      return outcome;
    },
    tokenInfo: () => Promise.reject(new Error('not used by a row')),
    updateMany: () => Promise.reject(new Error('not used by a row')),
    query: () => Promise.reject(new Error('not used by a row')),
    queryDates: () => Promise.reject(new Error('not used by a row')),
    load: () => Promise.resolve(),
    close() {},
  };
  return { client, requests };
}

const ROW: MappedRow = { rowNumber: 7, id: 'rec00006', fields: { Nombre: 'Ana' }, attachments: [] };

/** A unit's context around a real pacer with tiny backoff; what it was told is logged. */
function setup(script: readonly CallOutcome[], options: { retries?: number; mayCall?: () => boolean } = {}) {
  const { client, requests } = scriptedClient(script);
  const events: JobEvent[] = [];
  const log: string[] = [];
  const unreachable: CallOutcome[] = [];
  const stop = new AbortController();
  const backoff = { baseMs: 1, capMs: 1 };
  const pacer = createPacer({ concurrency: 1, backoff, onEvent: (event) => events.push(event), stopSignal: stop.signal });
  const context: UnitContext = {
    client,
    pacer,
    operation: 'op',
    module: 'contacts',
    retries: options.retries ?? 3,
    backoff,
    stopSignal: stop.signal,
    mayCall: options.mayCall ?? (() => true),
    onEvent: (event) => events.push(event),
    onCallStart: (ordinal) => log.push(`start ${ordinal}`),
    onCallUnreached: (ordinal) => log.push(`unreached ${ordinal}`),
    onUnreachable: (outcome) => unreachable.push(outcome),
  };
  return { context, requests, events, log, unreachable, stop, pacer };
}

const repeat = (count: number, outcome: CallOutcome): CallOutcome[] => Array.from({ length: count }, () => outcome);

describe('sendRow: final answers', () => {
  it('ok: updated after one call, with what the CRM said; the body is the row as mapped', async () => {
    const { context, requests, log } = setup([OK]);
    const result = await sendRow(5, ROW, context);
    expect(result).toMatchObject({ ordinal: 5, rowNumber: 7, id: 'rec00006', status: 'updated', kind: 'ok', httpStatus: 200, apiCode: '200', message: 'SUCCESSFULLY UPDATED', attempts: 1 });
    expect(result.refused).toBeUndefined();
    expect(requests).toEqual([{ operation: 'op', module: 'contacts', id: 'rec00006', fields: { Nombre: 'Ana' } }]);
    expect(log).toEqual(['start 5']);
  });

  it.each([
    ['a row refusal (404 RECORD NOT FOUND)', NOT_FOUND, 'failed'],
    ['a fatal answer (bad token)', BAD_TOKEN, 'failed'],
    ['the quota (TOKEN LIMIT EXCEEDED), resumable', QUOTA, 'not_sent'],
  ] as const)('%s is final at once: %s after one call, no retry', async (_name, outcome, status) => {
    const { context, requests, events } = setup([outcome, OK], { retries: 5 });
    const result = await sendRow(0, ROW, context);
    expect(result).toMatchObject({ status, kind: outcome.kind, message: outcome.message, attempts: 1 });
    expect(requests).toHaveLength(1);
    expect(events.filter((event) => event.type === 'retry')).toEqual([]);
  });
});

describe('sendRow: retry-class answers use up the row retries', () => {
  it('a 5xx and then ok: updated on the second attempt; the refusal is counted by reason', async () => {
    const { context, events } = setup([UNAVAILABLE, OK]);
    const result = await sendRow(0, ROW, context);
    expect(result).toMatchObject({ status: 'updated', attempts: 2, refused: { 'server-error': 1 } });
    expect(events.filter((event) => event.type === 'retry')).toEqual([{ type: 'retry', rowNumber: 7, attempt: 1, ms: expect.any(Number), message: 'Service Unavailable' }]);
  });

  it('retries N: N + 1 retry-class answers, then the row fails, saying after how many attempts', async () => {
    const { context, requests, events } = setup(repeat(3, UNAVAILABLE), { retries: 2 });
    const result = await sendRow(0, ROW, context);
    expect(result).toMatchObject({ status: 'failed', kind: 'retry', httpStatus: 503, message: 'Service Unavailable (gave up after 3 attempts)', attempts: 3, refused: { 'server-error': 3 } });
    expect(requests).toHaveLength(3);
    expect(events.filter((event) => event.type === 'retry').map((event) => event.type === 'retry' && event.attempt)).toEqual([1, 2]);
  });

  // The message goes to results.csv and failed.csv: "1 attempt", "1 try", as every count a person reads.
  it.each([
    ['an answer', UNAVAILABLE, 'failed', 'Service Unavailable (gave up after 1 attempt)'],
    ['no server reached', REFUSED_CONNECTION, 'not_sent', 'connect ECONNREFUSED 127.0.0.1:9 (gave up after 1 try)'],
  ] as const)('retries 0: the first retry-class answer is final, and the message counts in the singular (%s)', async (_name, outcome, status, message) => {
    const { context, requests } = setup([outcome, OK], { retries: 0 });
    expect(await sendRow(0, ROW, context)).toMatchObject({ status, message });
    expect(requests).toHaveLength(1);
  });

  it('a row whose last answer never came says the update may have been applied', async () => {
    const { context } = setup(repeat(2, TIMEOUT), { retries: 1 });
    expect(await sendRow(0, ROW, context)).toMatchObject({
      status: 'failed',
      message: 'timeout of 60000ms exceeded (gave up after 2 attempts; the last answer never came, so the update may have been applied)',
    });
  });

  it('waits at least the Retry-After between attempts (it is the floor of the backoff)', async () => {
    const { context, events } = setup([{ ...UNAVAILABLE, retryAfterMs: 25 }, OK]);
    expect(await sendRow(0, ROW, context)).toMatchObject({ status: 'updated' });
    expect(events.find((event) => event.type === 'retry')).toMatchObject({ ms: 25 });
  });
});

describe('sendRow: pause answers keep the row retries', () => {
  it('retries 0: three 429s and then ok still end updated, and the pool was paused each time', async () => {
    const { context, requests, events } = setup([...repeat(3, TOO_FAST), OK], { retries: 0 });
    const result = await sendRow(0, ROW, context);
    expect(result).toMatchObject({ status: 'updated', attempts: 4, refused: { 'rate-limited': 3 } });
    expect(requests).toHaveLength(4);
    expect(events.filter((event) => event.type === 'pause')).toHaveLength(3);
    // Pauses are the pool's, not a row's retry.
    expect(events.filter((event) => event.type === 'retry')).toEqual([]);
  });

  it('retries 1: pauses between retry-class answers do not count; the second retry-class answer ends the row', async () => {
    const { context, requests } = setup([UNAVAILABLE, MAINTENANCE, TOO_FAST, UNAVAILABLE, OK], { retries: 1 });
    const result = await sendRow(0, ROW, context);
    expect(result).toMatchObject({ status: 'failed', message: 'Service Unavailable (gave up after 4 attempts)', refused: { 'server-error': 2, maintenance: 1, 'rate-limited': 1 } });
    expect(requests).toHaveLength(4);
  });

  it('30 pauses are waited out; the 31st fails the row', async () => {
    const waited = setup([...repeat(30, TOO_FAST), OK], { retries: 0 });
    expect(await sendRow(0, ROW, waited.context)).toMatchObject({ status: 'updated', attempts: 31 });
    const tooMany = setup([...repeat(31, TOO_FAST), OK], { retries: 5 });
    const result = await sendRow(0, ROW, tooMany.context);
    expect(result).toMatchObject({ status: 'failed', kind: 'pause', message: 'TOO MANY REQUESTS (gave up after 31 attempts)', attempts: 31 });
    expect(tooMany.requests).toHaveLength(31);
  });
});

describe('sendRow: a pause rule added to the answer table alone (issue 18)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the row tries again only when the rule\'s wait is over, not 31 times at once', async () => {
    // Only the pacer's timers and clock are faked; the event loop's turns stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const rules: Rule[] = [{ when: (facts) => /SLOW DOWN/.test(facts.message), kind: 'pause', reason: 'server-error', pause: { wait: { ms: 1000 } } }, ...ANSWER_RULES];
    const slowDown: CallOutcome = { ...classify({ httpStatus: 503, json: true, apiCode: 503, message: 'SLOW DOWN' }, rules), httpStatus: 503, message: 'SLOW DOWN', ms: 1 };
    const { context, requests } = setup([...repeat(2, slowDown), OK], { retries: 0 });
    const sending = sendRow(0, ROW, context);
    for (const calls of [1, 2]) {
      await until(() => requests.length >= calls);
      for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      vi.advanceTimersByTime(999);
      for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      expect(requests).toHaveLength(calls);
      vi.advanceTimersByTime(1);
    }
    expect(await sending).toMatchObject({ status: 'updated', attempts: 3, refused: { 'server-error': 2 } });
  });
});

describe('sendRow: stops, the budget, unreachable servers', () => {
  it('a stop during a backoff wait ends the wait: not_sent, no further call', async () => {
    const { context, requests, events, stop } = setup([{ ...UNAVAILABLE, retryAfterMs: 600_000 }, OK]);
    const sending = sendRow(0, ROW, context);
    await until(() => events.some((event) => event.type === 'retry'));
    stop.abort();
    expect(await sending).toMatchObject({ status: 'not_sent', attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('a stop while the row waits for a slot: not_sent, nothing sent', async () => {
    const { context, requests, stop, pacer } = setup([OK]);
    pacer.hold();
    const sending = sendRow(0, ROW, context);
    stop.abort();
    expect(await sending).toMatchObject({ status: 'not_sent', attempts: 0 });
    expect(requests).toEqual([]);
  });

  it('a spent budget (mayCall false): not_sent, the call never leaves', async () => {
    const { context, requests, log } = setup([OK], { mayCall: () => false });
    expect(await sendRow(0, ROW, context)).toMatchObject({ status: 'not_sent', attempts: 0 });
    expect(requests).toEqual([]);
    expect(log).toEqual([]);
  });

  it('a server never reached: not_sent (nothing applied, no quota spent), tries told apart from attempts, onUnreachable called', async () => {
    const { context, requests, log, unreachable } = setup(repeat(3, REFUSED_CONNECTION), { retries: 2 });
    const result = await sendRow(3, ROW, context);
    expect(result).toMatchObject({ status: 'not_sent', kind: 'retry', message: 'connect ECONNREFUSED 127.0.0.1:9 (gave up after 3 tries)', attempts: 0 });
    // Calls that reached nobody are not refusals by the CRM.
    expect(result.refused).toBeUndefined();
    expect(requests).toHaveLength(3);
    expect(log).toEqual(['start 3', 'unreached 3', 'start 3', 'unreached 3', 'start 3', 'unreached 3']);
    expect(unreachable).toEqual([REFUSED_CONNECTION]);
  });

  it('an unreached try and then ok: updated, one attempt (the call that reached the server)', async () => {
    const { context, unreachable } = setup([REFUSED_CONNECTION, OK]);
    expect(await sendRow(0, ROW, context)).toMatchObject({ status: 'updated', attempts: 1 });
    expect(unreachable).toEqual([]);
  });

  it('a fatal answer from a server never reached (DNS) is not_sent, not failed', async () => {
    const { context } = setup([{ kind: 'fatal', reason: 'endpoint', message: 'getaddrinfo ENOTFOUND crm.invalid', ms: 1, unreached: true }]);
    expect(await sendRow(0, ROW, context)).toMatchObject({ status: 'not_sent', kind: 'fatal', attempts: 0 });
  });
});

describe('sendRow: attachments are read when the row is sent', () => {
  it('sends each file as base64, read at send time (a file changed after the check goes as it is now)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'contrato.pdf');
    fs.writeFileSync(file, 'version 1');
    const row: MappedRow = { ...ROW, attachments: [{ path: file, bytes: 9 }] };
    fs.writeFileSync(file, 'version 2, longer');
    const { context, requests } = setup([OK]);
    expect(await sendRow(0, row, context)).toMatchObject({ status: 'updated' });
    expect(requests[0]?.attachments).toEqual([Buffer.from('version 2, longer').toString('base64')]);
  });

  it('a file deleted since the check: failed "Attachment could not be read", no call made', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'contrato.pdf');
    fs.writeFileSync(file, 'x');
    const row: MappedRow = { ...ROW, attachments: [{ path: file, bytes: 1 }] };
    fs.rmSync(file);
    const { context, requests, log } = setup([OK]);
    const result = await sendRow(2, row, context);
    expect(result).toMatchObject({ ordinal: 2, rowNumber: 7, id: 'rec00006', status: 'failed', attempts: 0 });
    expect(result.message).toBe(`Attachment could not be read: ${file} is gone (the check found it; it was deleted or moved since). Put it back and resume.`);
    expect(result.said).toEqual({ code: 'note.attachment-gone', params: { file } });
    expect(requests).toEqual([]);
    expect(log).toEqual([]);
  });
});
