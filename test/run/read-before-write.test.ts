import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/index.js';
import type { JobEvent } from '../../src/core/events.js';
import { resumeRun } from '../../src/run/resume.js';
import { undoRun } from '../../src/run/undo.js';
import { runUpdate } from '../../src/run/update.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor, readResults } from './fixtures.js';

/** The CRM's records as they stand before the job: row n's values, as csvJob writes them. */
const records = (rows: number, edit: (n: number, record: MockRecord) => MockRecord = (_n, record) => record): MockRecord[] =>
  Array.from({ length: rows }, (_, index) => edit(index + 1, { wolkvox_id: idFor(index + 1), Nombre: `Cliente ${index + 1}`, Ciudad: 'Bogotá' }));

const changed = (n: number) => n % 10 === 0;

describe('read before write (issue 13)', () => {
  it('--skip-unchanged: a module read, then only the rows whose values differ are sent; the rest are unchanged at no call', async () => {
    const server = await mockServer({ records: records(120) });
    const job = csvJob(120, { edit: (n, row) => (changed(n) ? [row[0] as string, `Cliente ${n} (nuevo)`, 'Cali'] : row) });
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, skipUnchanged: true, ...FAST });
    expect(summary.counts).toMatchObject({ updated: 12, unchanged: 108 });
    expect(server.stats.queryDatesCalls).toBe(1);
    expect(server.stats.queryCalls).toBe(0);
    expect(summary.calls).toBe(13);
    expect(server.ledger.map((entry) => entry.id).sort()).toEqual(Array.from({ length: 12 }, (_, index) => idFor((index + 1) * 10)).sort());
    const results = readResults(job.out);
    expect(results.filter((row) => row._wvx_status === 'unchanged')).toHaveLength(108);
    expect(results[0]?._wvx_message).toBe('the CRM already holds these values (--skip-unchanged)');
  });

  it('--snapshot by-id reads each id once (one call each) and writes before.csv with the values before the update', async () => {
    const server = await mockServer({ records: records(5, (n, record) => (n === 3 ? { wolkvox_id: record.wolkvox_id, Nombre: 'Viejo' } : record)) });
    const job = csvJob(6);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, snapshot: 'by-id', ...FAST });
    expect(server.stats.queryCalls).toBe(6);
    expect(summary.counts).toMatchObject({ updated: 5, failed: 1 });
    const before = parse(fs.readFileSync(path.join(job.out, 'before.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(before).toHaveLength(6);
    expect(before[2]).toEqual({ _wvx_row: '4', 'wolkvox-id': idFor(3), _wvx_found: 'yes', Nombre: '"Viejo"', Ciudad: '' });
    expect(before[5]).toMatchObject({ 'wolkvox-id': idFor(6), _wvx_found: 'no', Nombre: '' });
  });

  it('auto: reads the module while that costs less than the ids left, then those ids one by one', async () => {
    // 600 records in the module (3 pages); the 2 rows to send are the module's last two records.
    const server = await mockServer({ records: records(600) });
    const job = csvJob(2, { edit: (n, row) => [idFor(598 + n), ...row.slice(1)] });
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, snapshot: 'auto', ...FAST });
    expect(summary.counts.updated).toBe(2);
    // Two pages (as many as the ids still unknown), then the two ids by id: never more than twice the cheaper way.
    expect(server.stats.queryDatesCalls).toBe(2);
    expect(server.stats.queryCalls).toBe(2);
  });

  it('compares per type: a number equals its text with other decimals, a date its text, text after the field\'s trim and case', async () => {
    const mapping = { operation: 'op', module: 'contacts', id: 'id', fields: { Saldo: { column: 'Nombre', type: 'number', decimal: ',' }, Ciudad: { column: 'Ciudad', case: 'upper' } } };
    const server = await mockServer({ records: [{ wolkvox_id: idFor(1), Saldo: '1500000.50', Ciudad: 'BOGOTÁ' }, { wolkvox_id: idFor(2), Saldo: 7, Ciudad: 'CALI' }] });
    const job = csvJob(2, { mapping, edit: (n, row) => [row[0] as string, n === 1 ? '"1500000,5"' : '8', 'Bogotá'] });
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, skipUnchanged: true, ...FAST });
    expect(summary.counts).toMatchObject({ unchanged: 1, updated: 1 });
    expect(server.ledger.map((entry) => entry.id)).toEqual([idFor(2)]);
  });

  it('a stop during the snapshot: resume goes on from the reads made, never reads the module twice, and the snapshot ends complete', async () => {
    const server = await mockServer({ records: records(800), latencyMs: 5 });
    const job = csvJob(800);
    const controller = new AbortController();
    const first = await runUpdate({
      file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, snapshot: 'module', signal: controller.signal, ...FAST,
      onEvent: (event) => event.type === 'reading' && event.done === 2 && controller.abort(),
    });
    expect(first.stopReason).toBe('interrupted');
    expect(server.ledger).toHaveLength(0);
    const pagesBefore = server.stats.queryDatesCalls;
    expect(pagesBefore).toBeGreaterThanOrEqual(2);
    const second = await resumeRun({ runDir: job.out, token: TOKEN, ...FAST });
    expect(second.counts.updated).toBe(800);
    // 800 records: 4 pages in all, each read once.
    expect(server.stats.queryDatesCalls).toBe(4);
    expect(fs.readFileSync(path.join(job.out, 'before.csv'), 'utf8').trim().split('\n')).toHaveLength(801);
  });
});

describe('undo and verify (issue 13)', () => {
  it('undo round trip: 1,000 records updated with a snapshot, then undone: the store is back as it was, field by field; a typed field read back as text is listed and left alone', async () => {
    const mapping = {
      operation: 'op', module: 'contacts', id: 'id',
      fields: { Nombre: 'Nombre', Saldo: { column: 'Saldo', type: 'number' }, Alta: { column: 'Alta', type: 'date', inputFormat: 'DD/MM/YYYY' }, Nota: { column: 'Nota', empty: 'clear' }, Dirección: { column: 'Dirección', type: 'address' } },
    };
    const seed = records(1000, (n, record) => ({ wolkvox_id: record.wolkvox_id, Nombre: `Antes ${n}`, Saldo: n * 10.5, Alta: '2023-05-01', ...(n % 3 === 0 ? { Nota: `nota ${n}` } : {}), Dirección: `Calle ${n}` }));
    // The CRM reads typed fields back as their bare value: an address cannot be sent back as it was.
    const server = await mockServer({ records: seed, reads: { typedFields: 'value' } });
    const before = structuredClone(server.records());
    const dir = csvJob(1, { mapping }).dir;
    const file = path.join(dir, 'nuevo.csv');
    fs.writeFileSync(file, ['id,Nombre,Saldo,Alta,Nota,Dirección', ...Array.from({ length: 1000 }, (_, index) => `${idFor(index + 1)},Nuevo ${index + 1},${index},15/01/2024,${index % 2 === 0 ? '' : 'nueva'},Cra ${index + 1}`)].join('\r\n'));
    const mappingFile = path.join(dir, 'm.json');
    const updated = await runUpdate({ file, mapping: mappingFile, server: server.url, token: TOKEN, out: path.join(dir, 'run'), snapshot: 'auto', batchSize: 100, ...FAST });
    expect(updated.counts.updated).toBe(1000);
    expect(server.records()).not.toEqual(before);
    const events: JobEvent[] = [];
    const undone = await undoRun({ runDir: path.join(dir, 'run'), token: TOKEN, out: path.join(dir, 'undo'), server: server.url, onEvent: (event) => events.push(event), ...FAST });
    expect(undone.counts.updated).toBe(1000);
    // The undone run's baseline is gone: a later --since it cannot take its values for the CRM's.
    expect(fs.existsSync(path.join(dir, 'run', 'baseline.bin'))).toBe(false);
    const plan = events.find((event) => event.type === 'plan');
    expect(plan?.type === 'plan' && plan.plan.warnings).toContain(
      `'Dirección' is left alone on 1,000 records: its value read back in a form that cannot be sent back as a typed field (address); it is never guessed (listed in ${path.join(dir, 'undo', 'left-alone.csv')})`,
    );
    expect(undone.undo).toMatchObject({ records: 1000, reads: 4, leftAlone: 1000 });
    // Every field back as it was (strings, numbers, dates, a note cleared back to nothing); the address
    // keeps the value the run gave it.
    const after = server.records();
    for (const [index, record] of before.entries()) {
      const now = after.find((candidate) => candidate.wolkvox_id === record.wolkvox_id) as MockRecord;
      expect(now.Nombre).toBe(record.Nombre);
      expect(now.Saldo).toBe(record.Saldo);
      expect(now.Alta).toBe(record.Alta);
      expect(now.Nota ?? '').toBe(record.Nota ?? '');
      expect(now.Dirección).toEqual({ type: 'address', value: `Cra ${index + 1}` });
    }
  });

  it('verify after a --batch run against a CRM that silently skips about 1 % of the records: exactly those rows are in verify.csv', async () => {
    const server = await mockServer({ records: records(600), seed: 4, updateMany: { silentSkip: 0.01 } });
    const job = csvJob(600, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize: 100, verify: true, ...FAST });
    expect(summary.counts.updated).toBe(600);
    const skipped = new Set(server.records().filter((record) => record.Nombre !== `Nuevo ${Number(String(record.wolkvox_id).slice(3))}`).map((record) => record.wolkvox_id));
    expect(skipped.size).toBe(server.stats.silentlySkipped);
    expect(skipped.size).toBeGreaterThan(0);
    const listed = parse(fs.readFileSync(path.join(job.out, 'verify.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(new Set(listed.map((line) => line['wolkvox-id']))).toEqual(skipped);
    expect(summary.verify).toMatchObject({ checked: 600, differing: skipped.size, matched: 600 - skipped.size, missing: 0 });
    // The reads were calls of the run: the module in 3 pages.
    expect(server.stats.queryDatesCalls).toBe(3);
  });
});
