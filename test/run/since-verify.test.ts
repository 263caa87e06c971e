import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/index.js';
import { verifyRun } from '../../src/index.js';
import { runUpdate } from '../../src/run/update.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor } from './fixtures.js';

const records = (rows: number): MockRecord[] => Array.from({ length: rows }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: `Cliente ${index + 1}`, Ciudad: 'Bogotá' }));
const notApplied = (server: { records(): MockRecord[] }) => server.records().filter((record) => record.Nombre !== `Nuevo ${Number(String(record.wolkvox_id).slice(3))}`).map((record) => record.wolkvox_id).sort();
const newNames = (rows: number) => csvJob(rows, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });
const baselineEntries = (runDir: string) => (fs.statSync(path.join(runDir, 'baseline.bin')).size - 16) / 16;

describe('--since after verify: a row found not applied is no baseline row (issue 17 item 3)', () => {
  it('update --verify: the rows the CRM silently skipped leave the baseline, and the next --since run sends exactly them', async () => {
    const server = await mockServer({ records: records(600), seed: 4, updateMany: { silentSkip: 0.01 } });
    const dayOne = newNames(600);
    const first = await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: server.url, token: TOKEN, out: dayOne.out, batchSize: 100, verify: true, ...FAST });
    const skipped = notApplied(server);
    expect(skipped.length).toBeGreaterThan(0);
    expect(first.verify?.differing).toBe(skipped.length);
    expect(baselineEntries(dayOne.out)).toBe(600 - skipped.length);
    // Day two: the same file. Only the rows the CRM does not hold as sent go.
    const applied = server.ledger.length;
    const dayTwo = await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: server.url, token: TOKEN, out: path.join(dayOne.dir, 'day-two'), since: dayOne.out, ...FAST });
    expect(dayTwo).toMatchObject({ counts: { updated: skipped.length, unchanged: 600 - skipped.length }, calls: skipped.length });
    expect(server.ledger.slice(applied).map((entry) => entry.id).sort()).toEqual(skipped);
    expect(notApplied(server)).toEqual([]);
  });

  it('verify after the run: differing and missing records leave that run\'s baseline', async () => {
    const first = await mockServer({ records: records(600), seed: 4, updateMany: { silentSkip: 0.01 } });
    const dayOne = newNames(600);
    await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: first.url, token: TOKEN, out: dayOne.out, batchSize: 100, ...FAST });
    const skipped = notApplied(first);
    expect(baselineEntries(dayOne.out)).toBe(600);
    // The same CRM, with record 5 deleted since.
    const kept = first.records().filter((record) => record.wolkvox_id !== idFor(5));
    await first.close();
    const server = await mockServer({ port: Number(new URL(first.url).port), records: kept });
    const verified = await verifyRun({ runDir: dayOne.out, token: TOKEN, ...FAST });
    const gone = skipped.includes(idFor(5)) ? 0 : 1;
    expect(verified.verify).toMatchObject({ differing: skipped.length - (1 - gone), missing: 1 });
    expect(baselineEntries(dayOne.out)).toBe(600 - skipped.length - gone);
    const dayTwo = await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: server.url, token: TOKEN, out: path.join(dayOne.dir, 'day-two'), since: dayOne.out, ...FAST });
    expect(dayTwo.counts).toMatchObject({ updated: skipped.length - (1 - gone), failed: 1, unchanged: 600 - skipped.length - gone });
  });
});
