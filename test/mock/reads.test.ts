import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/record-store.js';
import { mockServer, until } from '../helpers.js';
import { call } from './calls.js';

const query = (field: string, value: unknown, more: Record<string, unknown> = {}) => ({ operation: 'op', module: 'contacts', field, value, ...more });
const dates = (from: string, to: string, more: Record<string, unknown> = {}) => ({ operation: 'op', module: 'contacts', date: true, from, to, ...more });
const idsOf = (data: { wolkvox_id: string }[]) => data.map((record) => record.wolkvox_id);
/** `count` records r0, r1 … whose Ciudad is Cali, created a minute apart (the store's default). */
const cali = (count: number): MockRecord[] => Array.from({ length: count }, (_, n) => ({ wolkvox_id: `r${n}`, Ciudad: 'Cali' }));

describe('simulated query.php (issue 13 item 7)', () => {
  it('finds records by a field, read-only fields included, in the documented answer', async () => {
    const server = await mockServer({ records: [{ wolkvox_id: 'a', Ciudad: 'Cali' }, { wolkvox_id: 'b', Ciudad: 'Pasto' }, { wolkvox_id: 'c', Ciudad: 'Cali' }], codeAsString: true });
    const answer = await call(server.url, 'query', query('Ciudad', 'Cali'));
    expect(answer.json).toMatchObject({ code: '200', error: 'null', msg: '2 records were are found' });
    expect(answer.json.data).toEqual([server.records()[0], server.records()[2]]);
    expect(answer.json.data[0]).toMatchObject({ wolkvox_fecha_creacion: '2024-01-01 00:00:00', wolkvox_owner: { user: 'api' } });
  });

  it('finds a record by wolkvox_id, and a number finds its text', async () => {
    const server = await mockServer({ records: [{ wolkvox_id: '1500', Precio: 5500 }, { wolkvox_id: 'b', Precio: '5500' }] });
    expect(idsOf((await call(server.url, 'query', query('wolkvox_id', 1500))).json.data)).toEqual(['1500']);
    expect(idsOf((await call(server.url, 'query', query('Precio', '5500'))).json.data)).toEqual(['1500', 'b']);
  });

  it.each([
    { missingId: undefined, answer: { status: 200, json: { msg: '0 records were are found', data: [] } } },
    { missingId: 'empty', answer: { status: 200, json: { msg: '0 records were are found', data: [] } } },
    { missingId: 'error', answer: { status: 404, json: { code: 404, msg: 'RECORD NOT FOUND' } } },
  ] as const)('a missing id with missingId $missingId', async ({ missingId, answer }) => {
    const server = await mockServer({ records: cali(1), ...(missingId ? { reads: { missingId } } : {}) });
    expect(await call(server.url, 'query', query('wolkvox_id', 'nope'))).toMatchObject(answer);
    // Another field that matches nothing is an empty page whatever the switch.
    expect((await call(server.url, 'query', query('Ciudad', 'Pasto'))).json.data).toEqual([]);
  });

  it.each([
    { more: {}, count: 250, first: 'r0' },
    { more: { limit: 1000 }, count: 250, first: 'r0' },
    { more: { limit: 100, page: 1 }, count: 100, first: 'r0' },
    { more: { limit: 100, page: 6 }, count: 100, first: 'r500' },
    { more: { limit: 250, page: 3 }, count: 100, first: 'r500' },
    { more: { limit: '250', page: '3' }, count: 100, first: 'r500' },
    { more: { limit: 250, page: 4 }, count: 0, first: undefined },
  ])('pages 600 matches with $more: $count records from $first', async ({ more, count, first }) => {
    const server = await mockServer({ records: cali(600) });
    const answer = await call(server.url, 'query', query('Ciudad', 'Cali', more));
    expect(answer.json.msg).toBe(`${count} records were are found`);
    expect(answer.json.data).toHaveLength(count);
    expect(answer.json.data[0]?.wolkvox_id).toBe(first);
  });

  it.each([
    ['page 0 (pages count from 1)', query('Ciudad', 'Cali', { page: 0 })],
    ['limit 0', query('Ciudad', 'Cali', { limit: 0 })],
    ['a fractional page', query('Ciudad', 'Cali', { page: 1.5 })],
    ['no field', { operation: 'op', module: 'contacts', value: 'Cali' }],
    ['no value', { operation: 'op', module: 'contacts', field: 'Ciudad' }],
    ['an object value', query('Ciudad', { value: 'Cali' })],
    ['a body that is not JSON', 'field=Ciudad'],
  ])('refuses %s: SOME PARAMETERS ARE REQUIRED', async (_, body) => {
    const server = await mockServer({ records: cali(1) });
    expect(await call(server.url, 'query', body)).toMatchObject({ status: 400, json: { msg: 'SOME PARAMETERS ARE REQUIRED' } });
  });

  it('a module with known fields: an unknown field is refused, fields never set read as ""', async () => {
    const server = await mockServer({ records: cali(1), knownFields: { contacts: ['Ciudad', 'Email'] } });
    expect((await call(server.url, 'query', query('Apodo', 'x'))).json.msg).toBe("Field 'Apodo' does not exist in module contacts");
    expect((await call(server.url, 'query', query('Ciudad', 'Cali'))).json.data[0]).toMatchObject({ Ciudad: 'Cali', Email: '' });
  });

  it.each([
    { typedFields: undefined, read: { type: 'currency', value: '1500000', symbol: 'COP', convert: 1500000 } },
    { typedFields: 'as-sent', read: { type: 'currency', value: '1500000', symbol: 'COP', convert: 1500000 } },
    { typedFields: 'value', read: '1500000' },
  ] as const)('a typed field written by update.php reads back with typedFields $typedFields as $read', async ({ typedFields, read }) => {
    const server = await mockServer({ records: cali(1), ...(typedFields ? { reads: { typedFields } } : {}) });
    const price = { type: 'currency', value: '1500000', symbol: 'COP', convert: 1500000 };
    await call(server.url, 'update', { operation: 'op', module: 'contacts', 'wolkvox-id': 'r0', fields: { Precio: price } });
    expect((await call(server.url, 'query', query('wolkvox_id', 'r0'))).json.data[0]).toMatchObject({ Precio: read, wolkvox_owner: { user: 'api' } });
    // Stored as sent either way, and found by its value.
    expect(server.records()[0]?.Precio).toEqual(price);
    expect((await call(server.url, 'query', query('Precio', '1500000'))).json.data).toHaveLength(1);
  });

  it('without records it finds nothing', async () => {
    const server = await mockServer();
    expect((await call(server.url, 'query', query('wolkvox_id', 'a'))).json).toMatchObject({ msg: '0 records were are found', data: [] });
  });
});

describe('simulated queryDates.php (issue 13 item 7)', () => {
  const records: MockRecord[] = [
    { wolkvox_id: 'late', wolkvox_fecha_creacion: '2024-05-23 23:59:30' },
    { wolkvox_id: 'b', wolkvox_fecha_creacion: '2024-05-23 08:00:00' },
    { wolkvox_id: 'a', wolkvox_fecha_creacion: '2024-05-23 08:00:00' },
    { wolkvox_id: 'edge', wolkvox_fecha_creacion: '2024-05-23 23:59:00' },
    { wolkvox_id: 'before', wolkvox_fecha_creacion: '2024-05-22 23:59:59' },
    { wolkvox_id: 'first', wolkvox_fecha_creacion: '2024-05-23 00:00:00' },
  ];

  it('returns the records created in the range, by creation date then id; minute bounds are :00', async () => {
    const server = await mockServer({ records });
    const answer = await call(server.url, 'queryDates', dates('2024-05-23 00:00', '2024-05-23 23:59'));
    expect(idsOf(answer.json)).toEqual(['first', 'a', 'b', 'edge']);
    expect(idsOf((await call(server.url, 'queryDates', dates('2024-05-23 00:00', '2024-05-23 23:59:59'))).json)).toEqual(['first', 'a', 'b', 'edge', 'late']);
  });

  it.each([
    { datesShape: undefined, bare: true },
    { datesShape: 'bare', bare: true },
    { datesShape: 'wrapped', bare: false },
  ] as const)('answers with datesShape $datesShape', async ({ datesShape, bare }) => {
    const server = await mockServer({ records, ...(datesShape ? { reads: { datesShape } } : {}) });
    const answer = await call(server.url, 'queryDates', dates('2024-05-23 08:00', '2024-05-23 08:00'));
    const data = [expect.objectContaining({ wolkvox_id: 'a' }), expect.objectContaining({ wolkvox_id: 'b' })];
    expect(answer.json).toEqual(bare ? data : { code: 200, error: 'null', msg: '2 records were are found', data });
  });

  it('reads a whole module 250 a page, every record once, in a stable order', async () => {
    const server = await mockServer({ records: cali(600).reverse() });
    const pages = [];
    for (let page = 1; page <= 4; page += 1) pages.push(idsOf((await call(server.url, 'queryDates', dates('2000-01-01 00:00', '2100-01-01 00:00', { limit: 1000, page }))).json));
    expect(pages.map((page) => page.length)).toEqual([250, 250, 100, 0]);
    // The reversed seed got its default dates in reversed order: r599 first.
    expect(pages.flat()).toEqual(Array.from({ length: 600 }, (_, n) => `r${599 - n}`));
  });

  it.each([
    ['date false', dates('2024-05-23 00:00', '2024-05-23 23:59', { date: false })],
    ['no date', { operation: 'op', module: 'contacts', from: '2024-05-23 00:00', to: '2024-05-23 23:59' }],
    ['a day without a time', dates('2024-05-23', '2024-05-24')],
    ['no to', { operation: 'op', module: 'contacts', date: true, from: '2024-05-23 00:00' }],
    ['page 0', dates('2024-05-23 00:00', '2024-05-23 23:59', { page: 0 })],
  ])('refuses %s: SOME PARAMETERS ARE REQUIRED', async (_, body) => {
    const server = await mockServer({ records });
    expect(await call(server.url, 'queryDates', body)).toMatchObject({ status: 400, json: { msg: 'SOME PARAMETERS ARE REQUIRED' } });
  });
});

describe('simulated reads: quota, calls in flight and faults like any call', () => {
  it('spend a quota unit each and are refused once it is spent', async () => {
    const server = await mockServer({ records: cali(1), quota: 2 });
    await call(server.url, 'query', query('wolkvox_id', 'r0'));
    await call(server.url, 'queryDates', dates('2000-01-01 00:00', '2100-01-01 00:00'));
    expect((await call(server.url, 'query', query('wolkvox_id', 'r0'))).json.msg).toBe('TOKEN LIMIT EXCEEDED');
    // The refused call never reached the endpoint: calls per endpoint count those past the gate.
    expect(server.stats).toMatchObject({ queryCalls: 1, queryDatesCalls: 1, refused: { quota: 1 } });
    expect(server.usedToday()).toBe(2);
  });

  it('count in flight: a third call beside two hung reads is refused', async () => {
    const server = await mockServer({ records: cali(1), faults: { hang: 1 } });
    const giveUp = new AbortController();
    const hung = [
      call(server.url, 'query', query('wolkvox_id', 'r0'), { signal: giveUp.signal }).catch(() => 'aborted'),
      call(server.url, 'queryDates', dates('2000-01-01 00:00', '2100-01-01 00:00'), { signal: giveUp.signal }).catch(() => 'aborted'),
    ];
    await until(() => server.stats.inFlight === 2);
    const third = await call(server.url, 'updateMany', { operation: 'op', module: 'contacts', fields: [{ 'wolkvox-id': 'r0', A: 1 }] });
    expect(third.json.msg).toBe('EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)');
    giveUp.abort();
    expect(await Promise.all(hung)).toEqual(['aborted', 'aborted']);
  });

  it.each([
    { fault: 'serverError', status: [502, 503, 504] },
    { fault: 'bodyError', status: [503] },
    { fault: 'badJson', status: [200] },
  ] as const)('meet the seeded $fault fault', async ({ fault, status }) => {
    const server = await mockServer({ records: cali(1), faults: { [fault]: 1 } });
    for (const [route, body] of [['query', query('wolkvox_id', 'r0')], ['queryDates', dates('2000-01-01 00:00', '2100-01-01 00:00')]] as const) {
      const answer = await call(server.url, route, body);
      expect(status).toContain(answer.status);
      expect(answer.text).not.toContain('"wolkvox_id":"r0"');
    }
  });

  it('drip a read answer slowly but whole', async () => {
    const server = await mockServer({ records: [{ wolkvox_id: 'r0' }], faults: { drip: 1 }, dripMs: 100, dripEveryMs: 5 });
    expect(idsOf((await call(server.url, 'queryDates', dates('2000-01-01 00:00', '2100-01-01 00:00'))).json)).toEqual(['r0']);
    expect(server.stats.dripped).toBe(1);
  });
});
