import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/index.js';
import type { MockRecord } from '../../src/mock/index.js';
import { verifyRun } from '../../src/index.js';
import { runUpdate } from '../../src/run/update.js';
import { expectError, mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor } from './fixtures.js';

const records = (rows: number): MockRecord[] => Array.from({ length: rows }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: `Cliente ${index + 1}`, Ciudad: 'Bogotá' }));
const summaryOf = (runDir: string) => JSON.parse(fs.readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as RunSummary;
// Rows the CRM did not apply: their record does not hold the name the row sent.
const notApplied = (server: { records(): MockRecord[] }) => server.records().filter((record) => record.Nombre !== `Nuevo ${Number(String(record.wolkvox_id).slice(3))}`).map((record) => record.wolkvox_id);

describe('verify: its own reads, its own exit code (issue 17 item 5)', () => {
  it('keeps its reads apart from the run\'s calls and sessions in summary.json, and exits 5 when records differ', async () => {
    const server = await mockServer({ records: records(600), seed: 4, updateMany: { silentSkip: 0.01 } });
    const job = csvJob(600, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });
    const updated = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize: 100, ...FAST });
    expect(updated.exitCode).toBe(0);
    const skipped = notApplied(server);
    expect(skipped.length).toBeGreaterThan(0);
    const readsBefore = server.stats.queryDatesCalls + server.stats.queryCalls;
    const verified = await verifyRun({ runDir: job.out, token: TOKEN, ...FAST });
    // The module in 3 pages: the verify's own calls, not the run's.
    expect(server.stats.queryDatesCalls + server.stats.queryCalls - readsBefore).toBe(3);
    expect(verified.verify).toMatchObject({ checked: 600, differing: skipped.length, missing: 0, calls: 3 });
    expect(verified).toMatchObject({ calls: updated.calls, sessions: 1, exitCode: 5 });
    expect(summaryOf(job.out)).toMatchObject({ calls: updated.calls, sessions: 1, exitCode: 5, verify: { calls: 3, differing: skipped.length } });
  });

  it('update --verify: the reads are the verify\'s calls, not the run\'s, and the run exits 5 when records differ', async () => {
    const server = await mockServer({ records: records(600), seed: 4, updateMany: { silentSkip: 0.01 } });
    const job = csvJob(600, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize: 100, verify: true, ...FAST });
    const updateCalls = server.stats.updateManyCalls + server.stats.updateCalls;
    expect(summary).toMatchObject({ calls: updateCalls, exitCode: 5, verify: { calls: 3, differing: notApplied(server).length } });
  });

  it('every record as sent: exit 0', async () => {
    const server = await mockServer({ records: records(30) });
    const job = csvJob(30, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });
    await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, ...FAST });
    const verified = await verifyRun({ runDir: job.out, token: TOKEN, ...FAST });
    expect(verified).toMatchObject({ exitCode: 0, verify: { checked: 30, matched: 30, calls: 1 } });
  });

  it('records gone from the CRM since the run are missing: exit 5', async () => {
    const first = await mockServer({ records: records(20) });
    const job = csvJob(20, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });
    await runUpdate({ file: job.file, mapping: job.mapping, server: first.url, token: TOKEN, out: job.out, ...FAST });
    // The same CRM (same address), with two of the records deleted since.
    const kept = first.records().filter((record) => record.wolkvox_id !== idFor(3) && record.wolkvox_id !== idFor(17));
    await first.close();
    await mockServer({ port: Number(new URL(first.url).port), records: kept });
    const verified = await verifyRun({ runDir: job.out, token: TOKEN, ...FAST });
    expect(verified).toMatchObject({ exitCode: 5, verify: { checked: 20, matched: 18, missing: 2 } });
  });

  it('reads cut short by --max-calls: an error that says so, and summary.json left as it was', async () => {
    const server = await mockServer({ records: records(600) });
    const job = csvJob(600, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });
    await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize: 100, ...FAST });
    const before = fs.readFileSync(path.join(job.out, 'summary.json'), 'utf8');
    await expectError(verifyRun({ runDir: job.out, token: TOKEN, maxCalls: 1, ...FAST }), {
      code: 'QUOTA_EXCEEDED',
      message: /^Stopped while reading back the records: Call budget reached: 1 call made \(--max-calls\)\. Nothing was sent \(1 call spent on reads\)\. Run verify .* again/,
    });
    expect(server.stats.queryDatesCalls).toBe(1);
    expect(fs.readFileSync(path.join(job.out, 'summary.json'), 'utf8')).toBe(before);
    expect(fs.existsSync(path.join(job.out, 'verify.csv'))).toBe(false);
  });

  it('a run that updated nothing has nothing to verify: refused before any call', async () => {
    const server = await mockServer({ knownIds: [] });
    const job = csvJob(3);
    await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, ...FAST });
    const calls = server.stats.calls;
    await expectError(verifyRun({ runDir: job.out, token: TOKEN, ...FAST }), { code: 'INPUT_EMPTY', message: /^Nothing to verify: no row of .* was updated\./ });
    expect(server.stats.calls).toBe(calls);
  });
});
