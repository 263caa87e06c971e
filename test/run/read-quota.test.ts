import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { isWolkvoxBulkError } from '../../src/core/errors.js';
import type { JobEvent } from '../../src/core/events.js';
import { resumeRun } from '../../src/run/resume.js';
import { runUpdate } from '../../src/run/update.js';
import { verifyRun } from '../../src/run/verify.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor } from './fixtures.js';

// Reads spend the daily quota like updates. A read the CRM refuses for the quota is a stop on the quota
// (resumable, exit 3), not the CRM refusing the job for good (exit 4): the reads already made are kept.
const records = (rows: number) => Array.from({ length: rows }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: `Antes ${index + 1}`, Ciudad: 'Pasto' }));

describe('the quota runs out during reads', () => {
  it('during a snapshot: the job stops on the quota, nothing is sent, and resume reads only what was not read', async () => {
    const spent = await mockServer({ records: records(10), quota: 4 });
    const job = csvJob(10);
    const first = await runUpdate({ file: job.file, mapping: job.mapping, server: spent.url, token: TOKEN, out: job.out, snapshot: 'by-id', concurrency: 1, ...FAST });
    expect(first.stopReason).toBe('quota');
    expect(first.resumable).toBe(true);
    expect(spent.ledger).toHaveLength(0);
    expect(spent.stats.queryCalls).toBe(4);

    // The next day (another server holding the same records, its quota new).
    const fresh = await mockServer({ records: records(10) });
    const second = await resumeRun({ runDir: job.out, server: fresh.url, token: TOKEN, ...FAST });
    expect(second.counts.updated).toBe(10);
    expect(fresh.stats.queryCalls).toBe(6);
    const before = parse(fs.readFileSync(path.join(job.out, 'before.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(before.filter((row) => row._wvx_found === 'yes')).toHaveLength(10);
  });

  it('during a snapshot with --wait-for-quota: the reads wait for the reset and the job finishes by itself', async () => {
    const server = await mockServer({ records: records(6), quota: 4, quotaResetMs: 1500 });
    const job = csvJob(6);
    const events: JobEvent[] = [];
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, snapshot: 'by-id', waitForQuota: true, concurrency: 1, onEvent: (event) => events.push(event), ...FAST });
    expect(summary).toMatchObject({ exitCode: 0, counts: { updated: 6 } });
    expect(events.some((event) => event.type === 'quota-wait')).toBe(true);
    // Each record read once: the refused read is made again after the reset, no other.
    expect(server.stats.queryCalls).toBe(6);
    expect(server.ledger).toHaveLength(6);
  });

  it('during verify: it stops saying the quota is spent (QUOTA_EXCEEDED), not that the CRM refused the reads', async () => {
    const server = await mockServer({ records: records(10), quota: 10 });
    const job = csvJob(10);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, concurrency: 1, ...FAST });
    expect(summary.counts.updated).toBe(10);
    const error = await verifyRun({ runDir: job.out, token: TOKEN, concurrency: 1, ...FAST }).then(() => undefined, (caught: unknown) => caught);
    expect(isWolkvoxBulkError(error) && error.code).toBe('QUOTA_EXCEEDED');
    expect(String((error as Error).message)).toMatch(/quota/i);
  });
});
