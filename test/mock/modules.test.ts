import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/record-store.js';
import { mockServer } from '../helpers.js';
import { call } from './calls.js';

const query = (module: string, field: string, value: unknown, more: Record<string, unknown> = {}) => ({ operation: 'op', module, field, value, ...more });
const everything = (module: string) => ({ operation: 'op', module, date: true, from: '2000-01-01 00:00', to: '2100-01-01 00:00' });
const idsOf = (data: { wolkvox_id: string }[]) => data.map((record) => record.wolkvox_id);
const update = (module: string, id: string, fields: Record<string, unknown>) => ({ operation: 'op', module, 'wolkvox-id': id, fields });

const contacts: MockRecord[] = [{ wolkvox_id: 'c1', Nombre: 'Ana' }, { wolkvox_id: 'c2', Nombre: 'Beto' }];
const empresas: MockRecord[] = [{ wolkvox_id: 'e1', nombre: 'Acme' }, { wolkvox_id: 'e2', nombre: 'Globex' }];

describe('simulated CRM: several modules (issue 19)', () => {
  it('keeps each module apart: reads, updates and ids of one module are not another’s', async () => {
    const server = await mockServer({ records: contacts, moduleRecords: { empresas } });
    expect(idsOf((await call(server.url, 'query', query('empresas', 'nombre', 'Acme'))).json.data)).toEqual(['e1']);
    expect(idsOf((await call(server.url, 'queryDates', everything('empresas'))).json)).toEqual(['e1', 'e2']);
    // The records without a module of their own answer for every other module, as a bare --records does.
    expect(idsOf((await call(server.url, 'queryDates', everything('contacts'))).json)).toEqual(['c1', 'c2']);
    expect(idsOf((await call(server.url, 'queryDates', everything('tickets'))).json)).toEqual(['c1', 'c2']);

    expect((await call(server.url, 'update', update('empresas', 'e2', { nombre: 'Globex SA' }))).json).toMatchObject({ code: 200 });
    expect(await call(server.url, 'update', update('contacts', 'e2', { Nombre: 'x' }))).toMatchObject({ status: 404, json: { msg: 'RECORD NOT FOUND' } });
    expect(await call(server.url, 'update', update('empresas', 'c1', { nombre: 'x' }))).toMatchObject({ status: 404, json: { msg: 'RECORD NOT FOUND' } });
    const batch = await call(server.url, 'updateMany', { operation: 'op', module: 'empresas', fields: [{ 'wolkvox-id': 'e1', nombre: 'Acme SAS' }, { 'wolkvox-id': 'c2', nombre: 'y' }] });
    expect(batch.json.msg).toBe('Succesfully edit record 1');

    expect(server.records('empresas')).toEqual([expect.objectContaining({ wolkvox_id: 'e1', nombre: 'Acme SAS' }), expect.objectContaining({ wolkvox_id: 'e2', nombre: 'Globex SA' })]);
    expect(server.records().map((record) => record.Nombre)).toEqual(['Ana', 'Beto']);
    expect(server.records('contacts')).toEqual(server.records());
  });

  it('without records of its own or a default, a module keeps nothing: every id exists, reads find nothing', async () => {
    const server = await mockServer({ moduleRecords: { empresas } });
    expect((await call(server.url, 'update', update('contacts', 'anything', { Nombre: 'x' }))).json).toMatchObject({ code: 200 });
    expect((await call(server.url, 'query', query('contacts', 'wolkvox_id', 'e1'))).json.data).toEqual([]);
    expect(await call(server.url, 'update', update('empresas', 'anything', { nombre: 'x' }))).toMatchObject({ status: 404 });
    expect(server.records()).toEqual([]);
  });

  it('refuses a module’s records that repeat an id, naming the module', async () => {
    await expect(mockServer({ moduleRecords: { empresas: [{ wolkvox_id: 'a' }, { wolkvox_id: 'a' }] } })).rejects.toThrow(
      'Simulated CRM: moduleRecords.empresas[1] repeats wolkvox_id a (first at moduleRecords.empresas[0]).',
    );
  });
});

// How query.php compares a field other than wolkvox_id is not published: each plausible way is a switch.
const people: MockRecord[] = [
  { wolkvox_id: 'p1', email: 'Ana@Example.com', documento: '1.234.567' },
  { wolkvox_id: 'p2', email: 'ana@example.com', documento: '1234567' },
  { wolkvox_id: 'p3', email: 'ana@example.com.co', documento: '81234567' },
  { wolkvox_id: 'p4', email: 'beto@example.com', documento: { type: 'string', value: '1234567' } },
];

describe('simulated query.php: how a field is compared (reads.search)', () => {
  it.each([
    { search: undefined, field: 'email', value: 'ana@example.com', found: ['p2'] },
    { search: 'exact', field: 'email', value: 'ANA@EXAMPLE.COM', found: [] },
    { search: 'exact', field: 'documento', value: 1234567, found: ['p2', 'p4'] },
    { search: 'case-insensitive', field: 'email', value: 'ANA@example.COM', found: ['p1', 'p2'] },
    { search: 'contains', field: 'email', value: 'ANA@example.com', found: ['p1', 'p2', 'p3'] },
    { search: 'contains', field: 'documento', value: '1234567', found: ['p2', 'p3', 'p4'] },
  ] as const)('$search: $field = $value finds $found', async ({ search, field, value, found }) => {
    const server = await mockServer({ records: people, ...(search ? { reads: { search } } : {}) });
    expect(idsOf((await call(server.url, 'query', query('contacts', field, value))).json.data)).toEqual(found);
  });

  it('compares wolkvox_id exactly whatever the switch', async () => {
    const server = await mockServer({ records: people, reads: { search: 'contains' } });
    expect(idsOf((await call(server.url, 'query', query('contacts', 'wolkvox_id', 'p'))).json.data)).toEqual([]);
    expect(idsOf((await call(server.url, 'query', query('contacts', 'wolkvox_id', 'P1'))).json.data)).toEqual([]);
    expect(idsOf((await call(server.url, 'query', query('contacts', 'wolkvox_id', 'p1'))).json.data)).toEqual(['p1']);
  });

  it('pages several hits with limit and page', async () => {
    const server = await mockServer({ records: people, reads: { search: 'contains' } });
    const page = async (number: number) => idsOf((await call(server.url, 'query', query('contacts', 'email', 'example', { limit: 3, page: number }))).json.data);
    expect([await page(1), await page(2), await page(3)]).toEqual([['p1', 'p2', 'p3'], ['p4'], []]);
  });

  it('refuses a switch it does not know', async () => {
    // @ts-expect-error: not one of the switch's values
    await expect(mockServer({ reads: { search: 'fuzzy' } })).rejects.toThrow('reads.search (--query-match) must be "exact", "case-insensitive" or "contains", got "fuzzy"');
  });
});
