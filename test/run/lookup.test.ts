import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/core/types.js';
import type { MockRecord } from '../../src/mock/record-store.js';
import { mockServer, runCli, tempDir, TOKEN } from '../helpers.js';
import { parse } from 'csv-parse/sync';

// A search field whose linked record is found by name (issue 19): the real CLI against a simulated CRM
// with two modules, contacts (updated) and empresas (read for the names).

const byName = (compare?: string) => ({ column: 'Empresa', type: 'search', lookup: { module: 'empresas', field: 'nombre', ...(compare ? { compare } : {}) } });

/** A folder with clientes.csv (`lines` under `header`) and m.json (`fields`, by id unless `match` is given). */
function job(lines: readonly string[], fields: object = { Nombre: 'Nombre', Empresa: byName() }, extra: object = { id: 'id' }, header = 'id,Nombre,Empresa') {
  const dir = tempDir();
  const file = path.join(dir, 'clientes.csv');
  fs.writeFileSync(file, `${[header, ...lines].join('\n')}\n`);
  const mapping = path.join(dir, 'm.json');
  fs.writeFileSync(mapping, JSON.stringify({ operation: 'op', module: 'contacts', ...extra, fields }));
  return { dir, file, mapping, out: path.join(dir, 'run') };
}

const empresas: MockRecord[] = [
  { wolkvox_id: 'e1', nombre: 'Acme' },
  { wolkvox_id: 'e2', nombre: 'Globex' },
  { wolkvox_id: 'e3', nombre: 'Initech' },
  { wolkvox_id: 'e4', nombre: 'Initech' },
  { wolkvox_id: 'e5', nombre: 'Umbrella' },
];
const contacts = (n: number): MockRecord[] => Array.from({ length: n }, (_, k) => ({ wolkvox_id: `c${k + 1}`, documento: String(1000 + k + 1), Nombre: 'antes' }));

async function crm(records: { contacts?: MockRecord[]; empresas?: MockRecord[] } = {}) {
  return mockServer({ moduleRecords: { contacts: records.contacts ?? contacts(6), empresas: records.empresas ?? empresas } });
}

const readResults = (out: string) => parse(fs.readFileSync(path.join(out, 'results.csv')), { bom: true, columns: true }) as Record<string, string>[];
const summaryOf = (out: string) => JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as RunSummary;
const envOf = (url: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: url });
const linkedIds = (server: Awaited<ReturnType<typeof crm>>) => Object.fromEntries(server.ledger.map((entry) => [entry.id, (entry.fields.Empresa as { value_id?: string } | undefined)?.value_id]));

describe('a search field\'s "lookup": the linked record found by name before any update (issue 19)', () => {
  it('sends the id of the one record holding a name; a name on none or on several fails its row with why, in results.csv and failed.csv', async () => {
    const server = await crm();
    const files = job(['c1,Ana,Acme', 'c2,Beto,Nadie', 'c3,Carla,Initech', 'c4,Dora,Globex', 'c5,Eva,', 'c6,Fede,acme']);
    const run = await runCli(['update', files.file, '-m', files.mapping, '--out', files.out, '--yes'], { env: envOf(server.url) });
    expect(run.code, run.stderr).toBe(1);
    // The plan, before anything is read, says what the names cost.
    expect(run.stderr).toContain('lookup Empresa in empresas by nombre (compared exact): 5 names to find once you confirm: query.php name by name 5 calls, or empresas read 1 call per 250 records');
    // The names read once, by the cheaper read (one page of empresas), before the first update.
    expect(server.stats).toMatchObject({ queryDatesCalls: 1, queryCalls: 0, updateCalls: 3 });
    expect(linkedIds(server)).toEqual({ c1: 'e1', c4: 'e2', c5: undefined });
    expect(server.ledger.find((entry) => entry.id === 'c1')?.fields.Empresa).toEqual({ type: 'search', value: 'Acme', value_id: 'e1', searchModuleName: 'empresas' });
    expect(readResults(files.out).map((row) => [row._wvx_id, row._wvx_status, row._wvx_message])).toEqual([
      ['c1', 'updated', 'Succesfully edit record'],
      ['c2', 'failed', "no record of empresas has nombre = 'Nadie'"],
      ['c3', 'failed', "2 records of empresas have nombre = 'Initech': e3, e4"],
      ['c4', 'updated', 'Succesfully edit record'],
      ['c5', 'updated', 'Succesfully edit record'],
      // Compared exactly, as the mapping says: another case is another name.
      ['c6', 'failed', "no record of empresas has nombre = 'acme'"],
    ]);
    const summary = summaryOf(files.out);
    expect(summary.counts).toMatchObject({ updated: 3, failed: 3 });
    expect(summary.lookups).toEqual([{ module: 'empresas', labels: ['Empresa'], field: 'nombre', compare: 'exact', keys: 5, by: 'module', strategy: 'auto', calls: 1, queryCalls: 5, moduleCalls: 1, found: 2, none: 2, several: 1, notFound: 2, ambiguous: 1 }]);
    expect(summary.resumable).toBe(false);
    // failed.csv is the input's own lines: the names fixed, it goes again with the same mapping.
    const failed = fs.readFileSync(path.join(files.out, 'failed.csv'), 'utf8').split(/\r?\n/).filter(Boolean);
    expect(failed).toEqual([
      'id,Nombre,Empresa,_wvx_status,_wvx_error',
      "c2,Beto,Nadie,failed,no record of empresas has nombre = 'Nadie'",
      'c3,Carla,Initech,failed,"2 records of empresas have nombre = \'Initech\': e3, e4"',
      "c6,Fede,acme,failed,no record of empresas has nombre = 'acme'",
    ]);
    const fixed = path.join(files.dir, 'failed-fixed.csv');
    fs.writeFileSync(fixed, `${failed.join('\n').replace(',Nadie,failed', ',Umbrella,failed').replace(',Initech,failed', ',Globex,failed').replace(',acme,failed', ',Acme,failed')}\n`);
    const again = await runCli(['update', fixed, '-m', files.mapping, '--out', path.join(files.dir, 'run2'), '--yes'], { env: envOf(server.url) });
    expect(again.code, again.stderr).toBe(0);
    expect(linkedIds(server)).toMatchObject({ c2: 'e5', c3: 'e2', c6: 'e1' });
  });

  it('"compare": "ignore-case" finds a name written in another case; the reason names the name as the row wrote it', async () => {
    const server = await crm({ empresas: [...empresas, { wolkvox_id: 'e6', nombre: 'ACME' }] });
    const files = job(['c1,Ana,globex', 'c2,Beto,ACME '], { Empresa: byName('ignore-case') });
    const run = await runCli(['update', files.file, '-m', files.mapping, '--out', files.out, '--yes'], { env: envOf(server.url) });
    expect(run.code, run.stderr).toBe(1);
    expect(linkedIds(server)).toEqual({ c1: 'e2' });
    expect(readResults(files.out).map((row) => row._wvx_message)).toEqual(['Succesfully edit record', "2 records of empresas have nombre = 'ACME': e1, e6"]);
  });

  it('many rows sharing a few names: each distinct name read once (query.php once a name when that is cheaper), and --batch sends the linked ids', async () => {
    // 1,000 companies (4 pages): for 2 names, reading them one by one is cheaper than the module.
    const big: MockRecord[] = Array.from({ length: 1000 }, (_, k) => ({ wolkvox_id: `e${k + 1}`, nombre: `Empresa ${k + 1}` }));
    const rows = 600;
    const server = await crm({ contacts: contacts(rows), empresas: big });
    const files = job(Array.from({ length: rows }, (_, k) => `c${k + 1},Cliente ${k + 1},Empresa ${k % 2 === 0 ? 7 : 900}`));
    const run = await runCli(['update', files.file, '-m', files.mapping, '--out', files.out, '--yes', '--batch', '100'], { env: envOf(server.url) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('2 names to find once you confirm: query.php name by name 2 calls');
    // auto reads the module while its pages stay fewer than the names (2 pages), then asks each name once.
    expect(server.stats).toMatchObject({ queryDatesCalls: 2, queryCalls: 2, updateCalls: 0, updateManyCalls: 6 });
    expect(server.ledger).toHaveLength(rows);
    expect(new Set(Object.values(linkedIds(server)))).toEqual(new Set(['e7', 'e900']));
    expect(summaryOf(files.out).lookups?.[0]).toMatchObject({ keys: 2, by: 'query', calls: 4, found: 2, notFound: 0 });
  });

  it('a stop during the lookups, then resume: what the first session read is not read again', async () => {
    const server = await mockServer({ moduleRecords: { contacts: contacts(4), empresas, ciudades: [{ wolkvox_id: 'k1', nombre: 'Bogotá' }, { wolkvox_id: 'k2', nombre: 'Cali' }] } });
    const fields = { Empresa: byName(), Ciudad: { column: 'Ciudad', type: 'search', lookup: { module: 'ciudades', field: 'nombre' } } };
    const files = job(['c1,Acme,Bogotá', 'c2,Globex,Cali', 'c3,Acme,Cali', 'c4,Nadie,Cali'], fields, { id: 'id' }, 'id,Empresa,Ciudad');
    // One call allowed: the first read (empresas) is made and journalled, the second (ciudades) is not.
    const first = await runCli(['update', files.file, '-m', files.mapping, '--out', files.out, '--yes', '--max-calls', '1'], { env: envOf(server.url) });
    expect(first.code, first.stderr).not.toBe(0);
    expect(server.stats).toMatchObject({ queryDatesCalls: 1, queryCalls: 0, updateCalls: 0 });
    expect(summaryOf(files.out).resumable).toBe(true);
    // Two calls more: ciudades read, and one update; the rest is left for the next resume.
    const second = await runCli(['resume', files.out, '--yes', '--max-calls', '2'], { env: { WOLKVOX_TOKEN: TOKEN } });
    expect(second.stderr).toContain('lookup Empresa in empresas by nombre (compared exact): 3 names to find once you confirm (3 found already, 1 module page read already)');
    expect(server.stats).toMatchObject({ queryDatesCalls: 2, queryCalls: 0, updateCalls: 1 });
    // The linked ids are in the plan now: a resume reads nothing, and sends the rest.
    const third = await runCli(['resume', files.out, '--yes', '--max-calls', '100'], { env: { WOLKVOX_TOKEN: TOKEN } });
    expect(third.code, third.stderr + third.stdout).toBe(1);
    expect(third.stderr).not.toContain('lookup Empresa');
    expect(server.stats).toMatchObject({ queryDatesCalls: 2, queryCalls: 0, updateCalls: 3 });
    expect(server.ledger.map((entry) => [entry.id, (entry.fields.Empresa as { value_id: string }).value_id, (entry.fields.Ciudad as { value_id: string }).value_id])).toEqual([
      ['c1', 'e1', 'k1'],
      ['c2', 'e2', 'k2'],
      ['c3', 'e1', 'k2'],
    ]);
    const summary = summaryOf(files.out);
    expect(summary.counts).toMatchObject({ updated: 3, failed: 1 });
    expect(summary.lookups?.map((lookup) => [lookup.module, lookup.calls, lookup.notFound])).toEqual([['empresas', 1, 1], ['ciudades', 1, 0]]);
    expect(readResults(files.out)[3]?._wvx_message).toBe("Empresa: no record of empresas has nombre = 'Nadie'");
  });

  it('with "match" by key: both read, each module once, and the row goes to the matched record with the linked id', async () => {
    const server = await crm();
    const files = job(['1.001,Ana,Acme', '1002,Beto,Globex', '9999,Nadie,Acme', '1003,Carla,Nadie'], { Nombre: 'Nombre', Empresa: byName() }, { match: { column: 'Documento', field: 'documento', compare: 'document' } }, 'Documento,Nombre,Empresa');
    const run = await runCli(['update', files.file, '-m', files.mapping, '--out', files.out, '--yes', '--check-quota'], { env: envOf(server.url) });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('match by documento (compared document): 4 keys to find');
    expect(run.stderr).toContain('lookup Empresa in empresas by nombre (compared exact): 3 names to find');
    // --check-quota counts the lookups' reads with the updates.
    expect(run.stderr).toContain("needs 4 calls, plus up to 3 calls to find the lookups' names first");
    // contacts read once for the keys, empresas once for the names.
    expect(server.stats).toMatchObject({ queryDatesCalls: 2, queryCalls: 0, updateCalls: 2 });
    expect(linkedIds(server)).toEqual({ c1: 'e1', c2: 'e2' });
    expect(readResults(files.out).map((row) => [row._wvx_status, row._wvx_message])).toEqual([
      ['updated', 'Succesfully edit record'],
      ['updated', 'Succesfully edit record'],
      ['failed', 'no record has documento = 9999'],
      ['failed', "no record of empresas has nombre = 'Nadie'"],
    ]);
    const summary = summaryOf(files.out);
    expect(summary.match).toMatchObject({ keys: 4, by: 'module', calls: 1, notFound: 1 });
    expect(summary.lookups?.[0]).toMatchObject({ keys: 3, by: 'module', calls: 1, notFound: 1 });
  });

  it('--since compares the bodies once their linked ids are in: the same file again sends nothing, a changed name goes', async () => {
    const server = await crm();
    const first = job(['c1,Ana,Acme', 'c2,Beto,Globex']);
    expect((await runCli(['update', first.file, '-m', first.mapping, '--out', first.out, '--yes'], { env: envOf(server.url) })).code).toBe(0);
    const second = job(['c1,Ana,Acme', 'c2,Beto,Umbrella']);
    const run = await runCli(['update', second.file, '-m', second.mapping, '--out', second.out, '--since', first.out, '--yes'], { env: envOf(server.url) });
    expect(run.code, run.stderr).toBe(0);
    expect(readResults(second.out).map((row) => row._wvx_status)).toEqual(['unchanged', 'updated']);
    expect(linkedIds(server)).toEqual({ c1: 'e1', c2: 'e5' });
    expect(server.stats).toMatchObject({ queryDatesCalls: 2, updateCalls: 3 });
  });

  it('validate (no token) says the reads update will make; a dry run is refused', async () => {
    const files = job(['c1,Ana,Acme', 'c2,Beto,Acme', 'c3,Carla,Globex']);
    const validate = await runCli(['validate', files.file, '-m', files.mapping]);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('Empresa: 2 names to find in empresas by nombre (compared exact): query.php 2 calls, or empresas read 1 call per 250 records, the cheaper');
    const dry = await runCli(['update', files.file, '-m', files.mapping, '--dry-run']);
    expect(dry.code).toBe(2);
    expect(dry.stderr).toContain('Not for a dry run: m.json finds the linked record of "Empresa" by name ("lookup")');
  });
});
