import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMockRecords } from '../../src/mock/records-file.js';
import { startMockServer } from '../../src/mock/server.js';
import { expectError, mockServer, tempDir } from '../helpers.js';
import { call, many } from './calls.js';

const update = (id: string, fields: Record<string, unknown>) => ({ operation: 'op', module: 'contacts', 'wolkvox-id': id, fields });
const seed = () => [
  { wolkvox_id: 'a', Nombre: 'Ana', Edad: 30 },
  { wolkvox_id: 'b', Nombre: 'Beto', Ciudad: 'Cali', wolkvox_fecha_creacion: '2023-09-29 10:59:54' },
];

describe('simulated CRM: the record store (issue 13 item 7)', () => {
  it('seeds records with the read-only fields the CRM adds, creation dates a minute apart', async () => {
    const server = await mockServer({ records: seed() });
    expect(server.records()).toEqual([
      {
        wolkvox_id: 'a', Nombre: 'Ana', Edad: 30,
        wolkvox_fecha_creacion: '2024-01-01 00:00:00', wolkvox_usuario_creacion: 'admin@mock',
        wolkvox_origen: 'mock-server - /server/API/v2/custom/insert.php', wolkvox_ip_address: '127.0.0.1 - v2',
        wolkvox_owner: { user: 'api', nombre: 'api', id: 'api', email: 'api' },
      },
      expect.objectContaining({ wolkvox_id: 'b', wolkvox_fecha_creacion: '2023-09-29 10:59:54' }),
    ]);
  });

  it('update.php changes only the fields sent; records() is a copy', async () => {
    const server = await mockServer({ records: seed() });
    const address = { type: 'address', value: 'Calle 145a #12-60' };
    expect((await call(server.url, 'update', update('a', { Edad: 31, Direccion: address, Ciudad: '' }))).status).toBe(200);
    const [a, b] = server.records();
    expect(a).toMatchObject({ Nombre: 'Ana', Edad: 31, Direccion: address, Ciudad: '' });
    expect(b).toMatchObject({ Nombre: 'Beto', Ciudad: 'Cali' });
    Object.assign(a ?? {}, { Nombre: 'changed by the test' });
    expect(server.records()[0]).toMatchObject({ Nombre: 'Ana' });
  });

  it('an id not in the store is not found, on update.php and per record on updateMany.php', async () => {
    const server = await mockServer({ records: seed() });
    expect(await call(server.url, 'update', update('zz', { Nombre: 'x' }))).toMatchObject({ status: 404, json: { msg: 'RECORD NOT FOUND' } });
    const answer = await call(server.url, 'updateMany', many([{ 'wolkvox-id': 'b', Nombre: 'B' }, { 'wolkvox-id': 'zz', Nombre: 'x' }]));
    expect(answer.json.msg).toBe('Succesfully edit record 1');
    expect(server.records().map((record) => record.Nombre)).toEqual(['Ana', 'B']);
    expect(server.records()).toHaveLength(2);
  });

  it('refuses a write to a read-only field as an unknown field', async () => {
    const server = await mockServer({ records: seed() });
    const answer = await call(server.url, 'update', update('a', { wolkvox_fecha_creacion: '2020-01-01 00:00:00' }));
    expect(answer).toMatchObject({ status: 400, json: { msg: "Field 'wolkvox_fecha_creacion' does not exist in module contacts" } });
    expect(server.records()[0]?.wolkvox_fecha_creacion).toBe('2024-01-01 00:00:00');
  });

  it('with knownIds too, an id must be in both', async () => {
    const server = await mockServer({ records: seed(), knownIds: ['a', 'x'] });
    const statuses = [];
    for (const id of ['a', 'b', 'x']) statuses.push((await call(server.url, 'update', update(id, { Nombre: 'n' }))).status);
    expect(statuses).toEqual([200, 404, 404]);
  });

  it('without records nothing is kept and every id still exists', async () => {
    const server = await mockServer();
    expect((await call(server.url, 'update', update('anything', { wolkvox_fecha_creacion: 'x' }))).status).toBe(200);
    expect(server.records()).toEqual([]);
  });

  it.each([
    ['no id', [{ Nombre: 'x' }], /records\[0\] has no wolkvox_id/],
    ['a repeated id', [{ wolkvox_id: 'a' }, { wolkvox_id: 'b' }, { wolkvox_id: 'a' }], /records\[2\] repeats wolkvox_id a \(first at records\[0\]\)/],
    ['a creation date in another form', [{ wolkvox_id: 'a', wolkvox_fecha_creacion: '2024-01-01' }], /records\[0\] has wolkvox_fecha_creacion "2024-01-01"; expected "YYYY-MM-DD HH:mm:ss"/],
  ])('refuses seeded records with %s', async (_, records, message) => {
    await expectError(startMockServer({ records: records as never }), { code: 'USAGE', message });
  });
});

describe('loadMockRecords (mock-server --records)', () => {
  it('reads CSV (text values, empty read-only cells left to the defaults) and JSON lines (any JSON value)', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'records.csv');
    fs.writeFileSync(csv, '\uFEFFwolkvox_id,Nombre,Edad,wolkvox_fecha_creacion\na,Ana,30,\nb,"Beto ""B""",,2023-09-29 10:59:54\n');
    expect(await loadMockRecords(csv)).toEqual([
      { wolkvox_id: 'a', Nombre: 'Ana', Edad: '30' },
      { wolkvox_id: 'b', Nombre: 'Beto "B"', Edad: '', wolkvox_fecha_creacion: '2023-09-29 10:59:54' },
    ]);
    const jsonl = path.join(dir, 'records.jsonl');
    fs.writeFileSync(jsonl, '{"wolkvox_id":"a","Edad":30,"Dir":{"type":"address","value":"x"}}\n\n{"wolkvox_id":"b"}\n');
    expect(await loadMockRecords(jsonl)).toEqual([{ wolkvox_id: 'a', Edad: 30, Dir: { type: 'address', value: 'x' } }, { wolkvox_id: 'b' }]);
  });

  it.each([
    ['records.csv', 'wolkvox_id,Nombre\na,x\nb,y\na,z\n', 'INPUT_FORMAT', 4, /records\.csv line 4: the record repeats wolkvox_id a \(first at line 2\)/],
    ['records.csv', 'Nombre\nx\n', 'INPUT_FORMAT', 2, /records\.csv line 2: the record has no wolkvox_id/],
    ['records.csv', 'wolkvox_id,Nombre\na,"x\n', 'CSV_PARSE', undefined, /records\.csv/],
    ['records.jsonl', '{"wolkvox_id":"a"}\n{"wolkvox_id":\n', 'INPUT_FORMAT', 2, /records\.jsonl line 2: not JSON/],
    ['records.jsonl', '["a"]\n', 'INPUT_FORMAT', 1, /records\.jsonl line 1: expected a JSON object/],
    ['records.txt', 'a\n', 'INPUT_FORMAT', undefined, /expected a \.csv or \.jsonl file/],
  ] as const)('%s holding %j: %s', async (name, text, code, row, message) => {
    const file = path.join(tempDir(), name);
    fs.writeFileSync(file, text);
    await expectError(loadMockRecords(file), { code, message, file, ...(row === undefined ? {} : { row }) });
  });

  it('holds creation dates of any four-digit year (1899, 1970, 9999), read by date in their order and by id', async () => {
    const file = path.join(tempDir(), 'records.csv');
    fs.writeFileSync(file, 'wolkvox_id,Nombre,wolkvox_fecha_creacion\nhoy,Hoy,2024-05-23 10:00:00\nfuturo,Futuro,9999-12-31 23:59:00\nviejo,Viejo,1899-07-01 08:00:00\nunix,Unix,1970-01-01 00:00:00\n');
    const server = await mockServer({ records: await loadMockRecords(file) });
    const read = async (from: string, to: string) => ((await call(server.url, 'queryDates', { operation: 'op', module: 'contacts', date: true, from, to })).json as { wolkvox_id: string }[]).map((record) => record.wolkvox_id);
    expect(await read('0001-01-01 00:00', '9999-12-31 23:59')).toEqual(['viejo', 'unix', 'hoy', 'futuro']);
    expect(await read('2000-01-01 00:00', '2099-12-31 23:59')).toEqual(['hoy']);
    const byId = await call(server.url, 'query', { operation: 'op', module: 'contacts', field: 'wolkvox_id', value: 'viejo' });
    expect(byId.json.data).toEqual([expect.objectContaining({ wolkvox_id: 'viejo', wolkvox_fecha_creacion: '1899-07-01 08:00:00' })]);
  });

  it('names a file it cannot read', async () => {
    await expectError(loadMockRecords('/nonexistent/records.csv'), { code: 'INPUT_NOT_FOUND', message: /Cannot read \/nonexistent\/records\.csv/ });
  });
});
