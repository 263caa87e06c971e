import { describe, expect, it } from 'vitest';
import { queryBody, queryDatesBody } from '../../src/api/bodies.js';
import { createClient, type QueryDatesRequest, type QueryRequest, type ReadOutcome, type WolkvoxClient } from '../../src/api/client.js';
import { REDACTED } from '../../src/api/redact.js';
import type { MockRecord } from '../../src/mock/record-store.js';
import type { MockServerOptions } from '../../src/mock/options.js';
import { mockServer, TOKEN } from '../helpers.js';

const byId = (value: string, more: Partial<QueryRequest> = {}): QueryRequest => ({ operation: 'miempresa', module: 'contacts', field: 'wolkvox_id', value, ...more });
const range = (more: Partial<QueryDatesRequest> = {}): QueryDatesRequest => ({ operation: 'miempresa', module: 'contacts', from: '2024-01-01 00:00', to: '2030-12-31 23:59', ...more });
/** `count` records r0, r1 … whose Ciudad is Cali, created a minute apart (the simulated store's default). */
const cali = (count: number): MockRecord[] => Array.from({ length: count }, (_, n) => ({ wolkvox_id: `r${n}`, Ciudad: 'Cali' }));
const idsOf = (outcome: ReadOutcome) => outcome.records?.map((record) => record.wolkvox_id);

async function withClient<T>(options: MockServerOptions, use: (client: WolkvoxClient) => Promise<T>, settings: { token?: string; timeoutMs?: number } = {}): Promise<T> {
  const server = await mockServer(options);
  const client = createClient({ server: server.url, token: settings.token ?? TOKEN, concurrency: 2, timeoutMs: settings.timeoutMs ?? 5000 });
  try {
    return await use(client);
  } finally {
    client.close();
  }
}

describe('read bodies (issue 13)', () => {
  it('query: operation, module, field, value; limit and page only when given', () => {
    expect(JSON.stringify(queryBody(byId('64cb')))).toBe('{"operation":"miempresa","module":"contacts","field":"wolkvox_id","value":"64cb"}');
    expect(queryBody(byId('64cb', { limit: 250, page: 2 }))).toEqual({ operation: 'miempresa', module: 'contacts', field: 'wolkvox_id', value: '64cb', limit: 250, page: 2 });
  });

  it('queryDates: operation, module, date true, from, to; limit and page only when given', () => {
    expect(JSON.stringify(queryDatesBody(range()))).toBe('{"operation":"miempresa","module":"contacts","date":true,"from":"2024-01-01 00:00","to":"2030-12-31 23:59"}');
    expect(queryDatesBody(range({ limit: 10, page: 1 }))).toMatchObject({ limit: 10, page: 1 });
  });
});

describe('query against the simulated CRM', () => {
  it('reads one record by wolkvox_id: ok/read with the record as the CRM holds it', async () => {
    const records = [{ wolkvox_id: '65d8b6195befbbd25409bb13', Email: 'ana@example.co', Saldo: 1500 }, { wolkvox_id: 'b', Email: 'b@example.co' }];
    const outcome = await withClient({ records, codeAsString: true }, (client) => client.query(byId('65d8b6195befbbd25409bb13')));
    expect(outcome).toMatchObject({ kind: 'ok', reason: 'read', httpStatus: 200, apiCode: '200', message: '1 records were are found' });
    expect(outcome.records).toHaveLength(1);
    expect(outcome.records?.[0]).toMatchObject({ wolkvox_id: '65d8b6195befbbd25409bb13', Email: 'ana@example.co', Saldo: 1500, wolkvox_owner: { user: 'api' } });
  });

  // What a read by id answers for a record that does not exist is not published: both are handled.
  it.each([
    { missingId: 'empty', errorStyle: 'http', expected: { kind: 'ok', reason: 'read', httpStatus: 200, records: [] } },
    { missingId: 'error', errorStyle: 'http', expected: { kind: 'row', reason: 'rejected', httpStatus: 404, apiCode: '404', message: 'RECORD NOT FOUND' } },
    { missingId: 'error', errorStyle: 'body', expected: { kind: 'row', reason: 'rejected', httpStatus: 200, apiCode: '404', message: 'RECORD NOT FOUND' } },
  ] as const)('a missing id with missingId $missingId (errors as $errorStyle)', async ({ missingId, errorStyle, expected }) => {
    const outcome = await withClient({ records: cali(2), errorStyle, reads: { missingId } }, (client) => client.query(byId('nope')));
    expect(outcome).toMatchObject(expected);
    if (missingId === 'error') expect(outcome).not.toHaveProperty('records');
  });

  it.each([
    { typedFields: 'as-sent', read: { type: 'address', value: 'Calle 1 # 2-3' } },
    { typedFields: 'value', read: 'Calle 1 # 2-3' },
  ] as const)('typed fields read back $typedFields: the client passes them on as they came', async ({ typedFields, read }) => {
    const records = [{ wolkvox_id: 'a', Dirección: { type: 'address', value: 'Calle 1 # 2-3' } }];
    const outcome = await withClient({ records, reads: { typedFields } }, (client) => client.query(byId('a')));
    expect(outcome.records?.[0]?.Dirección).toEqual(read);
  });

  it('pages a field search: limit 250, pages from 1, one call per page', async () => {
    const calls = await withClient({ records: cali(600) }, async (client) => {
      const pages: ReadOutcome[] = [];
      for (const page of [1, 2, 3, 4]) pages.push(await client.query({ ...byId('Cali', { limit: 250, page }), field: 'Ciudad' }));
      return pages;
    });
    expect(calls.map((outcome) => outcome.records?.length)).toEqual([250, 250, 100, 0]);
    expect(calls.map((outcome) => outcome.reason)).toEqual(['read', 'read', 'read', 'read']);
    expect(idsOf(calls[2] as ReadOutcome)?.[0]).toBe('r500');
  });

  it('an unknown field is a row answer', async () => {
    const outcome = await withClient({ records: cali(1), knownFields: { contacts: ['Ciudad'] } }, (client) => client.query({ ...byId('x'), field: 'Apodo' }));
    expect(outcome).toMatchObject({ kind: 'row', reason: 'rejected', message: "Field 'Apodo' does not exist in module contacts" });
  });
});

describe('queryDates against the simulated CRM', () => {
  it.each([
    { datesShape: 'bare', message: '3 records (a bare JSON array)', apiCode: undefined },
    { datesShape: 'wrapped', message: '3 records were are found', apiCode: '200' },
  ] as const)('answered $datesShape: ok/read with the same records', async ({ datesShape, message, apiCode }) => {
    const outcome = await withClient({ records: cali(3), reads: { datesShape } }, (client) => client.queryDates(range()));
    expect(outcome).toMatchObject({ kind: 'ok', reason: 'read', httpStatus: 200, message });
    expect(outcome.apiCode).toBe(apiCode);
    expect(idsOf(outcome)).toEqual(['r0', 'r1', 'r2']);
  });

  it.each(['bare', 'wrapped'] as const)('pages a whole module (%s): 250 a call at most, pages from 1', async (datesShape) => {
    const pages = await withClient({ records: cali(600), reads: { datesShape } }, async (client) => {
      const seen: ReadOutcome[] = [];
      for (const page of [1, 2, 3, 4]) seen.push(await client.queryDates(range({ limit: 300, page })));
      return seen;
    });
    expect(pages.map((outcome) => outcome.records?.length)).toEqual([250, 250, 100, 0]);
    expect(new Set(pages.flatMap((outcome) => idsOf(outcome) ?? [])).size).toBe(600);
  });

  it('a date in another form is refused as missing parameters', async () => {
    const outcome = await withClient({ records: cali(1) }, (client) => client.queryDates(range({ from: '01/01/2024' })));
    expect(outcome).toMatchObject({ kind: 'row', reason: 'rejected', message: 'SOME PARAMETERS ARE REQUIRED' });
    expect(outcome).not.toHaveProperty('records');
  });
});

describe('faults on reads', () => {
  it.each([
    ['5xx page', { serverError: 1 }, { kind: 'retry', reason: 'server-error' }],
    ['connection reset', { reset: 1 }, { kind: 'retry', reason: 'network' }],
    ['a body that is not JSON', { badJson: 1 }, { kind: 'retry', reason: 'bad-answer', httpStatus: 200 }],
    ['503 in the body', { bodyError: 1 }, { kind: 'retry', reason: 'server-error', apiCode: '503' }],
    ['a maintenance window', { maintenance: { after: 0, calls: 5 } }, { kind: 'pause', reason: 'maintenance', httpStatus: 403 }],
  ])('%s: the same answer kinds as an update, and no records', async (_name, faults, expected) => {
    await withClient({ records: cali(3), faults }, async (client) => {
      for (const outcome of [await client.query(byId('r0')), await client.queryDates(range())]) {
        expect(outcome).toMatchObject(expected);
        expect(outcome).not.toHaveProperty('records');
      }
    });
  });

  it('an answer that never comes is a timeout', async () => {
    const outcome = await withClient({ records: cali(1), faults: { hang: 1 } }, (client) => client.queryDates(range()), { timeoutMs: 300 });
    expect(outcome).toMatchObject({ kind: 'retry', reason: 'timeout' });
  });
});

describe('the token on the new endpoints', () => {
  const SECRET = 'Sk/7b+6d=F64-wolkvox-0123456789';
  it('a server that echoes the token in its refusals of updateMany, query and queryDates: never in an outcome', async () => {
    const outcomes = await withClient(
      { tokens: [SECRET], echoToken: true, records: cali(1), knownFields: { contacts: ['Ciudad'] }, reads: { missingId: 'error' }, updateMany: { badRecord: 'refuse' } },
      async (client) => [
        await client.updateMany({ operation: 'op', module: 'contacts', records: [{ id: 'r0', fields: { Ciudad: 'Cali' } }, { id: 'zz', fields: { Ciudad: 'x' } }] }),
        await client.query(byId('nope')),
        await client.query({ ...byId('x'), field: 'Apodo' }),
        await client.queryDates(range({ to: 'tomorrow' })),
      ],
      { token: SECRET },
    );
    expect(outcomes.map((outcome) => `${outcome.kind}/${outcome.reason}`)).toEqual(['row/rejected', 'row/rejected', 'row/rejected', 'row/rejected']);
    expect(outcomes.every((outcome) => `${outcome.message} ${outcome.apiCode ?? ''}`.includes(REDACTED))).toBe(true);
    const text = JSON.stringify(outcomes).toLowerCase();
    for (const form of [SECRET, encodeURIComponent(SECRET), SECRET.slice(0, 12)]) expect(text).not.toContain(form.toLowerCase());
  });
});
