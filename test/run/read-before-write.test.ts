import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/index.js';
import { resumeRun } from '../../src/run/resume.js';
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
