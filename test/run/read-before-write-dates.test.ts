import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadMockRecords } from '../../src/mock/records-file.js';
import { resumeRun } from '../../src/run/resume.js';
import { undoRun } from '../../src/run/undo.js';
import { runUpdate } from '../../src/run/update.js';
import { verifyRun } from '../../src/index.js';
import { mockServer, tempDir, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor } from './fixtures.js';

// Records whose creation dates lie far from today's: a CRM that imported old data, a default of 1970, a
// far-future placeholder. The last two are outside any range a read by dates can name ("23:59" is
// 23:59:00; year 0000 is before year 1): only a read by id finds them.
const ODD_DATES: Readonly<Record<number, string>> = {
  7: '1899-07-01 08:00:00',
  70: '1970-01-01 00:00:00',
  300: '9999-12-31 23:59:00',
  450: '9999-12-31 23:59:30',
  599: '0000-06-15 12:00:00',
};

/** A records file of `rows` records (JSON lines, as `mock-server --records` reads), a few with odd creation dates. */
function recordsFile(rows: number): string {
  const file = path.join(tempDir(), 'records.jsonl');
  const lines = Array.from({ length: rows }, (_, index) => {
    const n = index + 1;
    return JSON.stringify({ wolkvox_id: idFor(n), Nombre: `Antes ${n}`, Ciudad: 'Pasto', ...(ODD_DATES[n] ? { wolkvox_fecha_creacion: ODD_DATES[n] } : {}) });
  });
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const beforeCsv = (runDir: string) => parse(fs.readFileSync(path.join(runDir, 'before.csv')), { bom: true, columns: true }) as Record<string, string>[];

describe('module reads cover every creation date the CRM can hold (issue 17 item 1)', () => {
  it('a module snapshot finds records created in 1899, 1970 and 9999; those no date range can name are read by id, never called missing', async () => {
    const server = await mockServer({ records: await loadMockRecords(recordsFile(600)) });
    const job = csvJob(600, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, snapshot: 'module', batchSize: 100, ...FAST });
    expect(summary.counts.updated).toBe(600);
    const before = beforeCsv(job.out);
    expect(before.filter((row) => row._wvx_found !== 'yes')).toEqual([]);
    for (const n of Object.keys(ODD_DATES).map(Number)) expect(before[n - 1]).toMatchObject({ 'wolkvox-id': idFor(n), Nombre: `"Antes ${n}"` });
    // 598 records in three pages of the module (250, 250, 98), then the two outside every range, one call each.
    // Each of the two ids outside every range read once, across both sessions.
    expect(server.stats.queryDatesCalls).toBe(3);
    expect(server.stats.queryCalls).toBe(2);
  });

  it('an id the module read did not return is read by id before it is called missing: only then is it "no"', async () => {
    const server = await mockServer({ records: await loadMockRecords(recordsFile(300)) });
    // Rows 301 and 302 name ids the CRM does not have.
    const job = csvJob(302);
    await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, snapshot: 'auto', ...FAST });
    const before = beforeCsv(job.out);
    expect(before.filter((row) => row._wvx_found === 'no').map((row) => row['wolkvox-id'])).toEqual([idFor(301), idFor(302)]);
    expect(before.filter((row) => row._wvx_found === 'yes')).toHaveLength(300);
    // Two pages (the second short: the module's end), then the two ids it did not return, one call each.
    expect(server.stats.queryDatesCalls).toBe(2);
    expect(server.stats.queryCalls).toBe(2);
  });

  it('a stop during the reads by id after the module\'s end: resume reads no module page again', async () => {
    const server = await mockServer({ records: await loadMockRecords(recordsFile(600)) });
    const job = csvJob(600);
    const controller = new AbortController();
    const first = await runUpdate({
      file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, snapshot: 'module', signal: controller.signal, concurrency: 1, ...FAST,
      onEvent: (event) => event.type === 'reading' && event.what === 'ids' && controller.abort(),
    });
    expect(first.stopReason).toBe('interrupted');
    expect(server.stats.queryDatesCalls).toBe(3);
    expect(server.ledger).toHaveLength(0);
    const second = await resumeRun({ runDir: job.out, token: TOKEN, ...FAST });
    expect(second.counts.updated).toBe(600);
    // Each of the two ids outside every range read once, across both sessions.
    expect(server.stats.queryDatesCalls).toBe(3);
    expect(server.stats.queryCalls).toBe(2);
  });

  it('verify finds every record as sent, and undo puts every one back, old and future creation dates included', async () => {
    const server = await mockServer({ records: await loadMockRecords(recordsFile(600)) });
    const job = csvJob(600, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });
    await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, snapshot: 'auto', batchSize: 100, ...FAST });
    const verified = await verifyRun({ runDir: job.out, token: TOKEN, ...FAST });
    expect(verified.verify).toMatchObject({ checked: 600, matched: 600, differing: 0, missing: 0 });
    const undone = await undoRun({ runDir: job.out, token: TOKEN, out: path.join(job.dir, 'undo'), ...FAST });
    expect(undone.counts.updated).toBe(600);
    for (const record of server.records()) expect(record).toMatchObject({ Nombre: `Antes ${Number(record.wolkvox_id.slice(3))}`, Ciudad: 'Pasto' });
  });
});
