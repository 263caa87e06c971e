// Issue 17 item 2: batches answered HTTP 200 with a body that could not be read. The CRM applied each
// record 4–6 times; the job stopped meanwhile and reported 150 rows `not_sent`, and `_wvx_attempts` was
// right on one row per batch only. A sent call whose answer cannot be read leaves the row's outcome
// unknown, never "not sent", and every row counts the calls it was sent in.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock/server.js';
import { runUpdate } from '../../src/run/update.js';
import { mockServer, TOKEN, until } from '../helpers.js';
import { csvJob, FAST } from './fixtures.js';

// results.csv read by a real CSV parser: these messages hold commas and quotes.
const readResults = (runDir: string): Record<string, string>[] => parse(fs.readFileSync(path.join(runDir, 'results.csv')), { bom: true, columns: true });

describe('batches whose answers cannot be read (issue 17, item 2)', () => {
  it('rows sent are never reported not sent, and each row counts the calls it was sent in', async () => {
    // Every answer unreadable (the records applied each time): each batch gives up after 4 tries, and the
    // budget of 10 calls (200 quota units: one a record while a batch call's cost is not measured) stops
    // the job while batches wait to try again.
    const server = await mockServer({ faults: { badJson: 1 } });
    const job = csvJob(100);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize: 20, retries: 3, maxCalls: 200, ...FAST });
    expect(summary.stopReason).toBe('max-calls');
    const applied = new Map<string, number>();
    for (const entry of server.ledger) applied.set(entry.id, (applied.get(entry.id) ?? 0) + 1);
    expect(applied.size).toBeGreaterThan(0);
    const results = readResults(job.out);
    for (const row of results) {
      const times = applied.get(row._wvx_id as string) ?? 0;
      expect(Number(row._wvx_attempts), `${row._wvx_id} attempts`).toBe(times);
      if (times === 0) expect(row._wvx_status).toBe('not_sent');
      else {
        expect(row._wvx_status, row._wvx_id).toBe('failed');
        expect(row._wvx_message).toMatch(/may have been applied/);
      }
    }
    // Calls are counted once, however many rows they carried: 10 calls, all but each batch's first retries.
    const batches = new Set<string>();
    const idsOfCall = new Map<number, string[]>();
    for (const entry of server.ledger) idsOfCall.set(entry.call, [...(idsOfCall.get(entry.call) ?? []), entry.id]);
    for (const ids of idsOfCall.values()) batches.add(ids.join());
    expect(summary.calls).toBe(10);
    expect(summary.retries).toBe(10 - batches.size);
    expect(summary.refused['bad-answer']).toBe(10);
    expect(summary.reapplied).toBe([...applied.values()].filter((times) => times > 1).length);
    expect(summary.reapplied).toBeGreaterThan(0);
  });

  it('a row alone whose answer could not be read, stopped before its retry, is not reported not sent', async () => {
    const server = await mockServer({ faults: { badJson: 1 } });
    const job = csvJob(3);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, concurrency: 1, maxCalls: 1, ...FAST });
    expect(summary.stopReason).toBe('max-calls');
    const [first, ...rest] = readResults(job.out);
    expect(server.ledger.map((entry) => entry.id)).toEqual([first?._wvx_id]);
    expect(first).toMatchObject({ _wvx_status: 'failed', _wvx_attempts: '1' });
    expect(first?._wvx_message).toMatch(/may have been applied/);
    for (const row of rest) expect(row).toMatchObject({ _wvx_status: 'not_sent', _wvx_attempts: '0' });
  });

  it('a row whose server went away after a try that may have applied it is not reported not sent', async () => {
    // The first call is held and never answered; the CRM then goes away, so the retry reaches nobody.
    const server = await startMockServer({ faults: { hang: 1 } });
    const job = csvJob(1);
    const running = runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, retries: 1, timeoutSeconds: 30, ...FAST });
    await until(() => server.stats.calls >= 1);
    await server.close();
    const summary = await running;
    expect(summary.calls).toBe(1);
    const [row] = readResults(job.out);
    expect(row?._wvx_status).toBe('failed');
    expect(row?._wvx_message).toMatch(/gave up after 2 tries; an earlier try may have been applied\)$/);
  });
});
