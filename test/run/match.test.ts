import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { JobEvent, Plan } from '../../src/core/events.js';
import type { MockRecord } from '../../src/mock/record-store.js';
import { resumeRun } from '../../src/run/resume.js';
import { runUpdate } from '../../src/run/update.js';
import { expectError, mockServer, runCli, tempDir, TOKEN } from '../helpers.js';
import { FAST } from './fixtures.js';

const byDocument = { operation: 'op', module: 'contacts', match: { column: 'Documento', field: 'documento', compare: 'document' }, fields: { Nombre: 'Nombre' } };

/** A folder with clientes.csv (these lines under `Documento,Nombre`) and m.json. */
function job(lines: readonly string[], mapping: object = byDocument, header = 'Documento,Nombre') {
  const dir = tempDir();
  const file = path.join(dir, 'clientes.csv');
  fs.writeFileSync(file, `${[header, ...lines].join('\n')}\n`);
  const mappingFile = path.join(dir, 'm.json');
  fs.writeFileSync(mappingFile, JSON.stringify(mapping));
  return { dir, file, mapping: mappingFile, out: path.join(dir, 'run') };
}

const crm: MockRecord[] = [
  { wolkvox_id: 'c1', documento: '1.234.567', email: 'Ana@Example.com', Nombre: 'Ana' },
  { wolkvox_id: 'c2', documento: '89 012', email: 'beto@example.com', Nombre: 'Beto' },
  { wolkvox_id: 'c3', documento: '89012', email: 'carla@example.com', Nombre: 'Carla' },
  { wolkvox_id: 'c4', documento: '55-55', email: 'dora@example.com', Nombre: 'Dora' },
];

const planOf = (events: readonly JobEvent[]): Plan | undefined => events.find((event): event is Extract<JobEvent, { type: 'plan' }> => event.type === 'plan')?.plan;

describe('runUpdate with a "match" mapping: keys resolved before the first update (issue 19)', () => {
  it('sends a row to the one record holding its key; a key on none or on several fails its row and sends nothing for it', async () => {
    const server = await mockServer({ records: crm });
    const files = job(['1234567,Ana María', '123,Nadie', '89.012,Beto o Carla', '55 55,Dora Elena', '777,']);
    const events: JobEvent[] = [];
    const summary = await runUpdate({ file: files.file, mapping: files.mapping, server: server.url, token: TOKEN, out: files.out, onEvent: (event) => events.push(event), ...FAST });
    expect(summary.counts).toMatchObject({ updated: 2, invalid: 0, failed: 2, skipped: 1 });
    expect(summary.exitCode).toBe(1);
    expect(server.ledger.map((entry) => [entry.id, entry.fields])).toEqual([['c1', { Nombre: 'Ana María' }], ['c4', { Nombre: 'Dora Elena' }]]);
    const results = parse(fs.readFileSync(path.join(files.out, 'results.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(results.map((row) => [row._wvx_id, row._wvx_status, row._wvx_message, row._wvx_attempts])).toEqual([
      ['c1', 'updated', 'Succesfully edit record', '1'],
      ['', 'failed', 'no record has documento = 123', '0'],
      ['', 'failed', '2 records have documento = 89012: c2, c3', '0'],
      ['c4', 'updated', 'Succesfully edit record', '1'],
      // Nothing to send: its key is not looked up, and it names no record.
      ['', 'skipped', 'nothing to send: every mapped cell is empty', '0'],
    ]);
    expect(planOf(events)?.match).toEqual({ field: 'documento', compare: 'document', keys: 4, strategy: 'auto', queryCalls: 4, known: 0, pagesRead: 0 });
    expect(server.stats).toMatchObject({ queryDatesCalls: 1, queryCalls: 0, updateCalls: 2 });
    expect(summary.match).toEqual({ field: 'documento', compare: 'document', keys: 4, by: 'module', strategy: 'auto', calls: 1, queryCalls: 4, moduleCalls: 1, found: 2, none: 1, several: 1, notFound: 1, ambiguous: 1 });
    expect(summary.errors.map((error) => error.message).sort()).toEqual(['2 records have documento = 89012: c2, c3', 'no record has documento = 123']);
    // Nothing to resume: a key no record holds is no call to try again, but a row to fix.
    expect(summary.resumable).toBe(false);
    // failed.csv is the input's own lines: fixed in the CRM, it is sent again with the same mapping.
    const failed = fs.readFileSync(path.join(files.out, 'failed.csv'), 'utf8');
    expect(failed.split(/\r?\n/).filter(Boolean)).toEqual([
      'Documento,Nombre,_wvx_status,_wvx_error',
      '123,Nadie,failed,no record has documento = 123',
      '89.012,Beto o Carla,failed,"2 records have documento = 89012: c2, c3"',
    ]);
    const fixed = await mockServer({ records: [...crm.filter((record) => record.wolkvox_id !== 'c3'), { wolkvox_id: 'c5', documento: '123' }] });
    const again = await runUpdate({ file: path.join(files.out, 'failed.csv'), mapping: files.mapping, server: fixed.url, token: TOKEN, out: path.join(files.dir, 'again'), ...FAST });
    expect(again.counts).toMatchObject({ updated: 2, failed: 0 });
    expect(fixed.ledger.map((entry) => [entry.id, entry.fields])).toEqual([['c5', { Nombre: 'Nadie' }], ['c2', { Nombre: 'Beto o Carla' }]]);
  });

  it('finds emails written in another case', async () => {
    const server = await mockServer({ records: crm });
    const files = job(['ANA@example.com,Ana', 'Beto@Example.COM,Beto'], { ...byDocument, match: { column: 'Correo', field: 'email', compare: 'ignore-case' } }, 'Correo,Nombre');
    const summary = await runUpdate({ file: files.file, mapping: files.mapping, server: server.url, token: TOKEN, out: files.out, ...FAST });
    expect(summary.counts.updated).toBe(2);
    expect(server.ledger.map((entry) => entry.id)).toEqual(['c1', 'c2']);
  });

  it('--match-by query asks for each key, and trusts only records whose field is the key, whatever the CRM’s search returns', async () => {
    const server = await mockServer({ records: [{ wolkvox_id: 'x1', codigo: 'A1' }, { wolkvox_id: 'x2', codigo: 'A10' }, { wolkvox_id: 'x3', codigo: 'B2' }], reads: { search: 'contains' } });
    const files = job(['A1,Uno', 'B2,Dos'], { ...byDocument, match: { column: 'Codigo', field: 'codigo' } }, 'Codigo,Nombre');
    const events: JobEvent[] = [];
    const summary = await runUpdate({ file: files.file, mapping: files.mapping, server: server.url, token: TOKEN, out: files.out, matchBy: 'query', onEvent: (event) => events.push(event), ...FAST });
    expect(summary.counts.updated).toBe(2);
    expect(server.ledger.map((entry) => entry.id).sort()).toEqual(['x1', 'x3']);
    expect(planOf(events)?.match).toMatchObject({ strategy: 'query', queryCalls: 2 });
    expect(summary.match).toMatchObject({ by: 'query', strategy: 'query', calls: 2, queryCalls: 2 });
    expect(summary.match).not.toHaveProperty('moduleCalls');
    expect(server.stats).toMatchObject({ queryCalls: 2, queryDatesCalls: 0 });
  });

  it('reads the mapping’s module among several', async () => {
    const server = await mockServer({ records: crm, moduleRecords: { empresas: [{ wolkvox_id: 'e1', nit: '900.123.456-7' }, { wolkvox_id: 'e2', nit: '800.1' }] } });
    const files = job(['9001234567,Acme'], { ...byDocument, module: 'empresas', match: { column: 'NIT', field: 'nit', compare: 'document' } }, 'NIT,Nombre');
    const summary = await runUpdate({ file: files.file, mapping: files.mapping, server: server.url, token: TOKEN, out: files.out, ...FAST });
    expect(summary.counts.updated).toBe(1);
    expect(server.records('empresas')[0]).toMatchObject({ wolkvox_id: 'e1', Nombre: 'Acme' });
  });

  it('refuses what the check refuses before any read: an empty key, repeated keys', async () => {
    const server = await mockServer({ records: crm });
    const empty = job(['1234567,Ana', ',Beto']);
    await expectError(runUpdate({ file: empty.file, mapping: empty.mapping, server: server.url, token: TOKEN, out: empty.out, ...FAST }), {
      code: 'ROWS_INVALID',
      message: /line 3, column Documento: the key is empty; every row needs the documento of the record to update/,
    });
    const repeated = job(['1.234.567,Ana', '1234567,Ana B']);
    await expectError(runUpdate({ file: repeated.file, mapping: repeated.mapping, server: server.url, token: TOKEN, out: repeated.out, ...FAST }), {
      code: 'DUPLICATE_IDS',
      message: /^Duplicate keys: 1 documento key of clientes\.csv is on more than one row\. Nothing was sent\.\n {2}1234567: lines 2 and 3\n/,
    });
    expect(server.stats.calls).toBe(0);
    expect(fs.existsSync(empty.out) || fs.existsSync(repeated.out)).toBe(false);
  });

  it('repeated keys under --duplicates last: one update, to the key’s record', async () => {
    const server = await mockServer({ records: crm });
    const files = job(['1.234.567,Ana', '1234567,Ana B']);
    const summary = await runUpdate({ file: files.file, mapping: files.mapping, server: server.url, token: TOKEN, out: files.out, duplicates: 'last', ...FAST });
    expect(summary.counts).toMatchObject({ updated: 1, skipped: 1 });
    expect(server.ledger.map((entry) => [entry.id, entry.fields.Nombre])).toEqual([['c1', 'Ana B']]);
    const results = parse(fs.readFileSync(path.join(files.out, 'results.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(results[0]?._wvx_message).toBe('duplicate key: line 3 has the same documento and is sent instead (--duplicates last)');
  });

  it('--skip-unchanged takes its snapshot from the module read that found the keys: the module is read once', async () => {
    const server = await mockServer({ records: crm });
    const files = job(['1234567,Ana', '55 55,Dora Elena']);
    const events: JobEvent[] = [];
    const summary = await runUpdate({ file: files.file, mapping: files.mapping, server: server.url, token: TOKEN, out: files.out, skipUnchanged: true, onEvent: (event) => events.push(event), ...FAST });
    expect(summary.counts).toMatchObject({ updated: 1, unchanged: 1 });
    expect(server.stats).toMatchObject({ queryDatesCalls: 1, queryCalls: 0, updateCalls: 1 });
    // The key reads are the run's calls (journalled, under --max-calls): the module read and one update.
    expect(summary.calls).toBe(2);
    expect(planOf(events)?.snapshot).toMatchObject({ done: false, fromMatch: true });
    const before = parse(fs.readFileSync(path.join(files.out, 'before.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(before.map((row) => [row['wolkvox-id'], row._wvx_found, row.Nombre])).toEqual([['c1', 'yes', '"Ana"'], ['c4', 'yes', '"Dora"']]);
  });

  it('reads nothing before the plan is confirmed, and nothing at all when it is declined; the plan says what each way costs', async () => {
    const server = await mockServer({ records: crm });
    const files = job(['1234567,Ana', '55 55,Dora', '123,Nadie']);
    let shown: Plan | undefined;
    await expectError(
      runUpdate({ file: files.file, mapping: files.mapping, server: server.url, token: TOKEN, out: files.out, ...FAST, confirm: async (plan) => {
        shown = plan;
        expect(server.stats.calls).toBe(0);
        return false;
      } }),
      { code: 'CANCELLED', message: /nothing was sent/ },
    );
    expect(shown?.match).toEqual({ field: 'documento', compare: 'document', keys: 3, strategy: 'auto', queryCalls: 3, known: 0, pagesRead: 0 });
    expect(server.stats.calls).toBe(0);
  });

  it('--since an earlier run: once the keys give ids, the rows that run left in the CRM are unchanged (no update)', async () => {
    const server = await mockServer({ records: crm });
    const files = job(['1234567,Ana', '55 55,Dora', '123,Nadie']);
    await runUpdate({ file: files.file, mapping: files.mapping, server: server.url, token: TOKEN, out: files.out, ...FAST });
    expect(server.stats.updateCalls).toBe(2);
    const again = await runUpdate({ file: files.file, mapping: files.mapping, server: server.url, token: TOKEN, out: path.join(files.dir, 'again'), since: files.out, ...FAST });
    expect(again.counts).toMatchObject({ updated: 0, unchanged: 2, failed: 1 });
    expect(server.stats.updateCalls).toBe(2);
    const results = parse(fs.readFileSync(path.join(files.dir, 'again', 'results.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(results.map((row) => [row._wvx_id, row._wvx_status])).toEqual([['c1', 'unchanged'], ['c4', 'unchanged'], ['', 'failed']]);
  });

  it('a dry run is refused: keys need reads', async () => {
    const files = job(['1234567,Ana']);
    await expectError(runUpdate({ file: files.file, mapping: files.mapping, dryRun: true, out: files.out }), { code: 'USAGE', message: /^Not for a dry run: m\.json finds records by "match"/ });
  });

  it('a resume sends the rest to the records found before, reading nothing again', async () => {
    const records: MockRecord[] = Array.from({ length: 30 }, (_, n) => ({ wolkvox_id: `r${n}`, documento: `10.000.${String(n).padStart(3, '0')}` }));
    const server = await mockServer({ records });
    const files = job(Array.from({ length: 30 }, (_, n) => `10000${String(n).padStart(3, '0')},Cliente ${n}`));
    const first = await runUpdate({ file: files.file, mapping: files.mapping, server: server.url, token: TOKEN, out: files.out, limit: 10, ...FAST });
    expect(first.counts).toMatchObject({ updated: 10, not_sent: 20 });
    const reads = server.stats.queryDatesCalls + server.stats.queryCalls;
    expect(reads).toBe(1);
    const resumed = await resumeRun({ runDir: files.out, server: server.url, token: TOKEN, ...FAST });
    expect(resumed.counts).toMatchObject({ updated: 30 });
    expect(resumed.match).toMatchObject({ keys: 30, by: 'module', calls: 1, found: 30 });
    expect(server.stats.queryDatesCalls + server.stats.queryCalls).toBe(reads);
    expect(new Set(server.ledger.map((entry) => entry.id)).size).toBe(30);
    expect(server.records().every((record) => String(record.Nombre) === `Cliente ${String(record.wolkvox_id).slice(1)}`)).toBe(true);
  });
});

describe('wolkvox-bulk update with "match" (issue 19)', () => {
  it('shows how the keys were found and what the other way costs, in the plan; --match-by module', async () => {
    const server = await mockServer({ records: crm });
    const files = job(['1234567,Ana', '123,Nadie']);
    const result = await runCli(['update', files.file, '-m', files.mapping, '--server', server.url, '--out', files.out, '--match-by', 'module', '--yes'], { env: { WOLKVOX_TOKEN: TOKEN } });
    expect(result.stderr + result.stdout).toContain('match by documento (compared document): 2 keys to find once you confirm: query.php key by key 2 calls, or the module read 1 call per 250 records (--match-by module); a row whose key is on no record or on several fails, and nothing is sent for it');
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain("2 documento keys found by reading the module (1 call, of the run's): 1 on one record, 1 on none (their rows failed, not sent)");
    expect(result.stdout).toContain(`for the rows whose documento found no record or several: fix the key in failed.csv (or the records in the CRM), then send it as a new run: wolkvox-bulk update ${path.join(files.out, 'failed.csv')} --mapping ${files.mapping}`);
    expect(result.stdout).not.toContain('--retry-failed');
    expect(server.ledger.map((entry) => entry.id)).toEqual(['c1']);
  });

  it('without a terminal to confirm on and without --yes, it reads nothing', async () => {
    const server = await mockServer({ records: crm });
    const files = job(['1234567,Ana']);
    const result = await runCli(['update', files.file, '-m', files.mapping, '--server', server.url, '--out', files.out], { env: { WOLKVOX_TOKEN: TOKEN } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Confirmation needed');
    expect(server.stats.calls).toBe(0);
  });
});

describe('a "match" run stopped while its keys are read (issue 19)', () => {
  it('names no record in results.csv (its plan holds keys, not ids), and a resume reads only the keys left', async () => {
    const server = await mockServer({ records: crm });
    const files = job(['1.234.567,Ana', '55-55,Dora', '123,Nadie'], { ...byDocument, match: { column: 'Documento', field: 'documento' } });
    const first = await runUpdate({ file: files.file, mapping: files.mapping, server: server.url, token: TOKEN, out: files.out, matchBy: 'query', maxCalls: 1, ...FAST });
    expect(first).toMatchObject({ stopReason: 'max-calls', resumable: true, counts: { not_sent: 3 } });
    const results = parse(fs.readFileSync(path.join(files.out, 'results.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(results.map((row) => [row._wvx_id, row._wvx_status])).toEqual([['', 'not_sent'], ['', 'not_sent'], ['', 'not_sent']]);
    expect(server.stats.queryCalls).toBe(1);
    const resumed = await resumeRun({ runDir: files.out, server: server.url, token: TOKEN, maxCalls: 100, ...FAST });
    expect(resumed.counts).toMatchObject({ updated: 2, failed: 1 });
    expect(server.stats.queryCalls).toBe(3);
    expect(resumed.match).toMatchObject({ keys: 3, by: 'query', found: 2, none: 1, notFound: 1 });
  });
});
