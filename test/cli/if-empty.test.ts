import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/index.js';
import { mockServer, runCli, tempDir, TOKEN } from '../helpers.js';
import { call } from '../mock/calls.js';

// Issue 19, "fill only what is empty": `"write": "if-empty"` fields are sent only where the CRM's field is
// empty (missing, null, "" or spaces), decided from the one read before the first update.
const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });

const crm = (): MockRecord[] => [
  { wolkvox_id: 'r1', documento: '1.001', Nombre: '', Ciudad: 'Pasto' },
  { wolkvox_id: 'r2', documento: '1.002', Nombre: 'Ana', Email: '   ', Ciudad: 'Pasto' },
  { wolkvox_id: 'r3', documento: '1.003', Nombre: 'Beto', Email: 'beto@x.co', Ciudad: 'Pasto' },
  { wolkvox_id: 'r4', documento: '1.004', Nombre: null, Email: 'dora@x.co', Ciudad: 'Pasto' },
];

const FIELDS = { Nombre: { column: 'Nombre', write: 'if-empty' }, Email: { column: 'Email', write: 'if-empty' }, Ciudad: 'Ciudad' };

/** What each record is sent: r1 everything, r2 all but Nombre, r3 nothing (unchanged), r4 all but Email. */
const EXPECTED_SENT = [
  ['r1', { Nombre: 'Nora', Email: 'nora@x.co', Ciudad: 'Cali' }],
  ['r2', { Email: 'ana@x.co', Ciudad: 'Cali' }],
  ['r4', { Nombre: 'Dora', Ciudad: 'Cali' }],
];

/** clientes.csv (r3's Ciudad empty: its every field is if-empty and filled in the CRM) and m.json. */
function job(mapping: object = { operation: 'op', module: 'contacts', id: 'id', fields: FIELDS }) {
  const dir = tempDir();
  const file = path.join(dir, 'clientes.csv');
  fs.writeFileSync(file, 'id,Documento,Nombre,Email,Ciudad\nr1,1001,Nora,nora@x.co,Cali\nr2,1002,Ana María,ana@x.co,Cali\nr3,1003,Roberto,roberto@x.co,\nr4,1004,Dora,dora@nuevo.co,Cali\n');
  const mappingFile = path.join(dir, 'm.json');
  fs.writeFileSync(mappingFile, JSON.stringify(mapping));
  return { dir, file, mapping: mappingFile, out: path.join(dir, 'run') };
}

const results = (runDir: string) => parse(fs.readFileSync(path.join(runDir, 'results.csv')), { bom: true, columns: true }) as Record<string, string>[];
// In the order of the ids: two calls in flight may be applied in either order.
const byId = (entries: readonly { id: string; fields: Readonly<Record<string, unknown>> }[]) => entries.map((entry) => [entry.id, entry.fields]).sort(([a], [b]) => String(a).localeCompare(String(b)));
const sent = (server: { ledger: readonly { id: string; fields: Readonly<Record<string, unknown>> }[] }) => byId(server.ledger);

describe('update with "write": "if-empty" fields (issue 19)', () => {
  it('fills an empty CRM field, keeps a filled one, leaves a row with nothing to write unchanged (no call); verify agrees; undo puts back only what changed', async () => {
    const server = await mockServer({ records: crm() });
    const files = job();
    const result = await runCli(['update', files.file, '-m', files.mapping, '--out', files.out, '--verify', '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    // The plan says what the read is for, and what it costs.
    expect(result.stderr).toContain("written only where the CRM's field is empty (if-empty): Nombre, Email");
    expect(result.stderr).toMatch(/snapshot first \(--snapshot auto\): by id 4 calls/);
    expect(sent(server)).toEqual(EXPECTED_SENT);
    // One read before writing (the module, 1 page), and one call per row with something to write.
    expect(server.stats.updateCalls).toBe(3);
    expect(results(files.out).map((row) => [row._wvx_id, row._wvx_status, row._wvx_message])).toEqual([
      ['r1', 'updated', 'Succesfully edit record'],
      ['r2', 'updated', 'Succesfully edit record; Nombre kept as the CRM has them (write: if-empty); the other fields sent'],
      ['r3', 'unchanged', 'nothing to write: Nombre, Email kept as the CRM has them (write: if-empty)'],
      ['r4', 'updated', 'Succesfully edit record; Email kept as the CRM has them (write: if-empty); the other fields sent'],
    ]);
    // verify reads back what was sent: a kept field is not a difference.
    const summary = JSON.parse(fs.readFileSync(path.join(files.out, 'summary.json'), 'utf8'));
    expect(summary.verify).toMatchObject({ checked: 3, matched: 3, differing: 0, missing: 0 });
    expect(server.records().map((record) => [record.wolkvox_id, record.Nombre, record.Email])).toEqual([
      ['r1', 'Nora', 'nora@x.co'],
      ['r2', 'Ana', 'ana@x.co'],
      ['r3', 'Beto', 'beto@x.co'],
      ['r4', 'Dora', 'dora@x.co'],
    ]);

    // Undo puts back what the run changed, and only that: r2's Nombre and r4's Email were never written.
    const before = server.ledger.length;
    const undo = await runCli(['undo', files.out, '--out', path.join(files.dir, 'undo'), '--yes'], { env: env(server.url) });
    expect(undo.code, undo.stderr).toBe(0);
    const undone = server.ledger.slice(before).map((entry) => [entry.id, Object.keys(entry.fields).sort()]);
    expect(undone.find(([id]) => id === 'r2')?.[1]).not.toContain('Nombre');
    expect(undone.find(([id]) => id === 'r4')?.[1]).not.toContain('Email');
    expect(undone.map(([id]) => id)).not.toContain('r3');
    expect(server.records().find((record) => record.wolkvox_id === 'r2')).toMatchObject({ Nombre: 'Ana', Ciudad: 'Pasto' });
  });

  it('with --batch 100: the rows share one updateMany.php call, each record with its own fields', async () => {
    const server = await mockServer({ records: crm() });
    const files = job();
    const result = await runCli(['update', files.file, '-m', files.mapping, '--out', files.out, '--batch', '100', '--verify', '--yes', '--quiet'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(sent(server)).toEqual(EXPECTED_SENT);
    expect(server.stats).toMatchObject({ updateManyCalls: 1, updateCalls: 0 });
    expect(new Set(server.ledger.map((entry) => entry.call)).size).toBe(1);
    expect(results(files.out).map((row) => row._wvx_status)).toEqual(['updated', 'updated', 'unchanged', 'updated']);
    expect(JSON.parse(fs.readFileSync(path.join(files.out, 'summary.json'), 'utf8')).verify).toMatchObject({ differing: 0 });
  });

  it('with "match": the module read that finds the keys is the read if-empty decides from (never a second one)', async () => {
    const server = await mockServer({ records: crm() });
    const files = job({ operation: 'op', module: 'contacts', match: { column: 'Documento', field: 'documento', compare: 'document' }, fields: FIELDS });
    const result = await runCli(['update', files.file, '-m', files.mapping, '--out', files.out, '--yes', '--quiet'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(sent(server)).toEqual(EXPECTED_SENT);
    expect(server.stats).toMatchObject({ queryDatesCalls: 1, queryCalls: 0, updateCalls: 3 });
    expect(results(files.out).map((row) => [row._wvx_id, row._wvx_status])).toEqual([['r1', 'updated'], ['r2', 'updated'], ['r3', 'unchanged'], ['r4', 'updated']]);
  });

  it('a resume after a stop sends what the first session decided, reading nothing again, though the CRM changed since', async () => {
    const server = await mockServer({ records: crm() });
    const files = job();
    // One unit for the module read, one for r1's update: then the budget stops the run.
    const stopped = await runCli(['update', files.file, '-m', files.mapping, '--out', files.out, '--max-calls', '2', '--concurrency', '1', '--yes', '--quiet'], { env: env(server.url) });
    expect(stopped.code, stopped.stderr).toBe(3);
    expect(sent(server)).toEqual(EXPECTED_SENT.slice(0, 1));
    const reads = server.stats.queryDatesCalls + server.stats.queryCalls;
    // Someone fills r4's Nombre in the CRM between the sessions.
    expect((await call(server.url, 'update', { operation: 'op', module: 'contacts', 'wolkvox-id': 'r4', fields: { Nombre: 'Otra' } })).status).toBe(200);
    const ledgerBefore = server.ledger.length;

    const resumed = await runCli(['resume', files.out, '--max-calls', '0', '--yes', '--quiet'], { env: env(server.url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(server.stats.queryDatesCalls + server.stats.queryCalls).toBe(reads);
    expect(byId(server.ledger.slice(ledgerBefore))).toEqual(EXPECTED_SENT.slice(1));
    expect(results(files.out).map((row) => row._wvx_status)).toEqual(['updated', 'updated', 'unchanged', 'updated']);
  });

  it('a dry run reads nothing, and says its bodies show every if-empty field', async () => {
    const files = job();
    const result = await runCli(['update', files.file, '-m', files.mapping, '--out', files.out, '--dry-run', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('warning: a dry run reads nothing: the bodies show every "if-empty" field, which the real run sends only where the CRM\'s field is empty');
  });

  it('validate says which fields are written only where the CRM is empty; a wrong "write" names the field and what to write', async () => {
    const files = job();
    const valid = await runCli(['validate', files.file, '-m', files.mapping]);
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stdout).toContain("Written only where the CRM's field is empty (if-empty): Nombre, Email. update reads the records first");
    fs.writeFileSync(files.mapping, JSON.stringify({ operation: 'op', module: 'contacts', id: 'id', fields: { ...FIELDS, Email: { column: 'Email', write: 'ifempty' } } }));
    const wrong = await runCli(['validate', files.file, '-m', files.mapping]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/fields\.\W*Email\W*\.write: must be "always" or "if-empty", got "ifempty".*; did you mean "if-empty"\?/);
  });
});
