import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { CLI, runCli, tempDir } from '../helpers.js';
import { call, many, named } from '../mock/calls.js';

/** Starts `mock-server` with these flags; `stop` ends it and returns the stats it prints. */
async function startCli(args: readonly string[]) {
  const child = spawn(process.execPath, [CLI, 'mock-server', '--port', '0', ...args]);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      const [code] = (await once(child, 'close')) as [number];
      expect(code).toBe(0);
      return JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}');
    },
  };
}

const query = (field: string, value: string) => ({ operation: 'op', module: 'contacts', field, value });
const everything = { operation: 'op', module: 'contacts', date: true, from: '2000-01-01 00:00', to: '2100-01-01 00:00' };

describe('wolkvox-bulk mock-server: records, reads and updateMany.php flags (issues 12 and 13, item 7)', () => {
  it('--records CSV with --many-* refusing flags, --typed-read value, --missing-id-read error, --dates-shape wrapped', async () => {
    const dir = tempDir();
    const records = path.join(dir, 'records.csv');
    fs.writeFileSync(records, 'wolkvox_id,Nombre,wolkvox_fecha_creacion\na,Ana,2024-05-23 10:00:00\nb,Beto,\n');
    const ledger = path.join(dir, 'ledger.jsonl');
    const server = await startCli([
      '--records', records, '--ledger', ledger, '--quota', '100',
      '--many-bad-record', 'refuse', '--many-name-id', '--many-max', '2', '--many-too-many', '400', '--many-cost', 'record', '--no-many-count',
      '--typed-read', 'value', '--missing-id-read', 'error', '--dates-shape', 'wrapped',
    ]);
    expect(await call(server.url, 'updateMany', many(named('a', 'b', 'a')))).toMatchObject({ status: 400, json: { msg: 'TOO MANY RECORDS' } });
    expect(await call(server.url, 'updateMany', many(named('a', 'zz')))).toMatchObject({ status: 404, json: { msg: 'RECORD NOT FOUND (wolkvox-id zz)' } });
    const address = { type: 'address', value: 'Calle 1' };
    const applied = await call(server.url, 'updateMany', many([{ 'wolkvox-id': 'a', Dir: address }, { 'wolkvox-id': 'b', Nombre: 'B' }]));
    expect(applied.json.msg).toBe('Succesfully edit record');
    expect((await call(server.url, 'query', query('wolkvox_id', 'a'))).json.data[0]).toMatchObject({ Nombre: 'Ana', Dir: 'Calle 1' });
    expect((await call(server.url, 'query', query('wolkvox_id', 'zz'))).json.msg).toBe('RECORD NOT FOUND');
    const all = await call(server.url, 'queryDates', everything);
    // b got the default creation date (2024-01-01 00:01:00, second in the file), so it comes first.
    expect(all.json).toMatchObject({ msg: '2 records were are found', data: [{ wolkvox_id: 'b', Nombre: 'B' }, { wolkvox_id: 'a' }] });
    const info = await fetch(`${server.url}/server/API/v2/token/tokenInformation.php?operation=op`, { headers: { 'Wolkvox-Token': 'test-token' } });
    // One unit for the refused big call, two per two-record call (one per record), one per read, one for this.
    expect(((await info.json()) as { data: { token_use_today: number } }).data.token_use_today).toBe(1 + 2 + 2 + 3 + 1);
    expect(await server.stop()).toMatchObject({ updateManyCalls: 3, queryCalls: 2, queryDatesCalls: 1, applied: 2, refused: { tooMany: 1, notFound: 2 } });
    const lines = fs.readFileSync(ledger, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.call, line.endpoint, line.id])).toEqual([[3, 'updateMany', 'a'], [3, 'updateMany', 'b']]);
  });

  it('--records JSONL with --many-hang-above, --many-silent-skip and the default bare --dates-shape', async () => {
    const dir = tempDir();
    const records = path.join(dir, 'records.jsonl');
    fs.writeFileSync(records, '{"wolkvox_id":"a","Precio":{"type":"currency","value":"5","symbol":"COP"}}\n');
    const server = await startCli(['--records', records, '--many-hang-above', '1', '--many-silent-skip', '1', '--many-max', '5', '--concurrency-limit', '1']);
    expect(await call(server.url, 'updateMany', many(named('a', 'a', 'a', 'a', 'a', 'a')))).toMatchObject({ status: 413, type: expect.stringMatching(/html/) });
    // Silently skipped: counted in the answer, not applied.
    expect((await call(server.url, 'updateMany', many(named('a')))).json.msg).toBe('Succesfully edit record 1');
    const all = await call(server.url, 'queryDates', everything);
    expect(all.json).toEqual([expect.objectContaining({ wolkvox_id: 'a', Precio: { type: 'currency', value: '5', symbol: 'COP' } })]);
    expect(all.json[0]).not.toHaveProperty('Nombre');

    const giveUp = new AbortController();
    const hung = call(server.url, 'updateMany', many(named('a', 'a')), { signal: giveUp.signal }).catch((error: Error) => error.name);
    // With one call allowed in flight, the information call is refused while the big batch hangs.
    const info = () => fetch(`${server.url}/server/API/v2/token/tokenInformation.php?operation=op`, { headers: { 'Wolkvox-Token': 'test-token' } });
    while (!(await (await info()).text()).includes('SIMULTANEOUS')) await new Promise((resolve) => setImmediate(resolve));
    giveUp.abort();
    expect(await hung).toBe('AbortError');
    expect(await server.stop()).toMatchObject({ hungBatches: 1, silentlySkipped: 1, applied: 0, refused: { tooMany: 1 } });
  });

  it.each([
    { policy: 'skip', status: 200, applied: 1 },
    { policy: 'refuse-after-applying', status: 404, applied: 1 },
  ])('--many-bad-record $policy with --records: answers $status and applies $applied', async ({ policy, status, applied }) => {
    const records = path.join(tempDir(), 'records.jsonl');
    fs.writeFileSync(records, '{"wolkvox_id":"a"}\n');
    const server = await startCli(['--records', records, '--many-bad-record', policy]);
    expect((await call(server.url, 'updateMany', many(named('a', 'zz')))).status).toBe(status);
    expect(await server.stop()).toMatchObject({ applied });
  });

  it('a records file with a repeated id: exit 2, naming the file and the line, before listening', async () => {
    const records = path.join(tempDir(), 'records.csv');
    fs.writeFileSync(records, 'wolkvox_id\na\nb\na\n');
    const result = await runCli(['mock-server', '--port', '0', '--records', records]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Records file ${records} line 4: the record repeats wolkvox_id a (first at line 2)`);
    expect(result.stdout).toBe('');
  });

  it('--records module=file gives a module records of its own beside the bare default; --query-match contains', async () => {
    const dir = tempDir();
    const people = path.join(dir, 'people.csv');
    fs.writeFileSync(people, 'wolkvox_id,email\nc1,Ana@Example.com\nc2,beto@example.com\n');
    const companies = path.join(dir, 'companies.jsonl');
    fs.writeFileSync(companies, '{"wolkvox_id":"e1","nombre":"Acme SAS"}\n{"wolkvox_id":"e2","nombre":"Globex"}\n');
    const server = await startCli(['--records', people, '--records', `empresas=${companies}`, '--query-match', 'contains']);
    const ids = async (module: string, field: string, value: string) =>
      ((await call(server.url, 'query', { operation: 'op', module, field, value })).json.data as { wolkvox_id: string }[]).map((record) => record.wolkvox_id);
    expect(await ids('empresas', 'nombre', 'acme')).toEqual(['e1']);
    expect(await ids('contacts', 'email', 'ANA@')).toEqual(['c1']);
    expect(await ids('contacts', 'nombre', 'acme')).toEqual([]);
    expect(await call(server.url, 'updateMany', many(named('c1'), 'empresas'))).toMatchObject({ json: { msg: 'Succesfully edit record 0' } });
    expect(await server.stop()).toMatchObject({ queryCalls: 3, applied: 0 });
  });

  it.each([
    [['--records', 'a=x.csv', '--records', 'a=y.csv'], "--records names module 'a' twice"],
    [['--records', 'x.csv', '--records', 'y.csv'], '--records gives the records of every other module twice (x.csv, y.csv)'],
    [['--records', '=x.csv'], "--records '=x.csv': expected a file, or module=file"],
    [['--query-match', 'fuzzy'], 'Invalid values'],
  ])('%j: exit 2, %s', async (flags, message) => {
    const result = await runCli(['mock-server', '--port', '0', ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('a switch out of range: exit 2, naming the flag', async () => {
    const result = await runCli(['mock-server', '--port', '0', '--many-max', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('updateMany.maxRecords (--many-max) must be a whole number from 1 up, got 0');
  });
});
