import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/core/events.js';
import { resumeRun } from '../../src/run/resume.js';
import { runUpdate } from '../../src/run/update.js';
import { expectError, mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor, readResults } from './fixtures.js';

const counts = (ids: readonly string[]) => {
  const map = new Map<string, number>();
  for (const id of ids) map.set(id, (map.get(id) ?? 0) + 1);
  return map;
};

describe('resume', () => {
  it('a canary run with --limit, then resume sends the rest; the reports cover both sessions', async () => {
    const server = await mockServer();
    const job = csvJob(12);
    const canary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, limit: 5, ...FAST });
    expect(canary).toMatchObject({ stopReason: 'limit', counts: { updated: 5, not_sent: 7 } });
    const events: JobEvent[] = [];
    const rest = await resumeRun({ runDir: job.out, token: TOKEN, onEvent: (event) => events.push(event), ...FAST });
    expect(rest).toMatchObject({ sessions: 2, counts: { updated: 12, not_sent: 0 }, calls: 12, callsPerUpdated: 1, exitCode: 0 });
    expect(events[0]).toMatchObject({ type: 'plan', plan: { toSend: 7, alreadyDone: 5 } });
    expect([...counts(server.ledger.map((entry) => entry.id)).values()].every((n) => n === 1)).toBe(true);
    expect(readResults(job.out).map((row) => row._wvx_status)).toEqual(Array(12).fill('updated'));
  });

  it('after an interrupt, sends only what was not done', async () => {
    const server = await mockServer({ latencyMs: 10 });
    const job = csvJob(40);
    const controller = new AbortController();
    let seen = 0;
    const first = await runUpdate({
      file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, signal: controller.signal, ...FAST,
      onEvent: (event) => event.type === 'row' && ++seen === 7 && controller.abort(),
    });
    expect(first.stopReason).toBe('interrupted');
    const done = server.ledger.length;
    const second = await resumeRun({ runDir: job.out, token: TOKEN, ...FAST });
    expect(second.counts.updated).toBe(40);
    expect(server.ledger).toHaveLength(40);
    expect(second.calls).toBe(40);
    expect(done).toBeLessThan(40);
  });

  it('--retry-failed sends the refused rows again once the CRM is fixed; a plain resume does not', async () => {
    const job = csvJob(6);
    const broken = await mockServer({ knownIds: [1, 2, 4, 5, 6].map(idFor) });
    const first = await runUpdate({ file: job.file, mapping: job.mapping, server: broken.url, token: TOKEN, out: job.out, ...FAST });
    expect(first.counts).toMatchObject({ updated: 5, failed: 1 });
    const fixed = await mockServer();
    const plain = await resumeRun({ runDir: job.out, token: TOKEN, server: fixed.url, ...FAST });
    expect(plain.counts).toMatchObject({ updated: 5, failed: 1 });
    expect(fixed.stats.calls).toBe(0);
    const retried = await resumeRun({ runDir: job.out, token: TOKEN, server: fixed.url, retryFailed: true, ...FAST });
    expect(retried).toMatchObject({ counts: { updated: 6, failed: 0 }, sessions: 3, exitCode: 0 });
    expect(fixed.ledger.map((entry) => entry.id)).toEqual([idFor(3)]);
  });

  it('refuses when another live process holds the folder, and takes over a lock its owner left', async () => {
    const server = await mockServer();
    const job = csvJob(5);
    await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, limit: 2, ...FAST });
    // The parent of this test process is alive: its pid in the lock means the folder is busy.
    fs.writeFileSync(path.join(job.out, 'lock'), `${process.ppid}\n`);
    await expectError(resumeRun({ runDir: job.out, token: TOKEN }), { code: 'RUN_LOCKED', message: new RegExp(`another wolkvox-bulk process \\(pid ${process.ppid}\\)`) });
    // A lock left by a process that has exited is taken over.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    fs.writeFileSync(path.join(job.out, 'lock'), `${gone}\n`);
    const resumed = await resumeRun({ runDir: job.out, token: TOKEN, server: server.url, ...FAST });
    expect(resumed.counts.updated).toBe(5);
    expect(fs.existsSync(path.join(job.out, 'lock'))).toBe(false);
  });

  it('treats a known quota as a budget: stops before a refusal, and resume after the reset finishes with no call wasted', async () => {
    const server = await mockServer({ quota: 10 });
    const job = csvJob(15);
    const first = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, checkQuota: true, ...FAST });
    expect(first).toMatchObject({ stopReason: 'quota', exitCode: 3, counts: { updated: 9, not_sent: 6 }, quotaChecks: 1 });
    expect(server.stats.refused.quota).toBe(0);
    server.resetQuota();
    const second = await resumeRun({ runDir: job.out, token: TOKEN, checkQuota: true, ...FAST });
    expect(second).toMatchObject({ exitCode: 0, counts: { updated: 15 }, calls: 15, quotaChecks: 2 });
    expect(server.stats.updateCalls + server.stats.tokenInfoCalls).toBe(15 + 2);
    expect(server.stats.refused.quota).toBe(0);
  });

  it('--wait-for-quota sleeps until the reset and finishes by itself', async () => {
    const server = await mockServer({ quota: 6, quotaResetMs: 1500 });
    const job = csvJob(9);
    const events: JobEvent[] = [];
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, waitForQuota: true, onEvent: (event) => events.push(event), ...FAST });
    expect(summary).toMatchObject({ exitCode: 0, counts: { updated: 9 } });
    expect(events.some((event) => event.type === 'quota-wait')).toBe(true);
    expect(server.ledger).toHaveLength(9);
  });

  it('stops a run whose every row is refused after 20 calls, naming the error (exit 4)', async () => {
    const server = await mockServer({ knownFields: { contacts: ['Nombre'] } });
    const job = csvJob(300);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, ...FAST });
    expect(summary).toMatchObject({ stopReason: 'failure-rate', exitCode: 4 });
    // The 20th answer stops the job at once; only the call already in flight beside it (concurrency 2) still goes.
    expect(summary.counts.failed).toBeGreaterThanOrEqual(20);
    expect(summary.counts.failed).toBeLessThanOrEqual(21);
    expect(summary.stopMessage).toContain("20 of 20: Field 'Ciudad' does not exist in module contacts");
    expect(server.stats.updateCalls).toBe(summary.counts.failed);
  });

  it('--max-calls stops cleanly at the budget, resumable', async () => {
    const server = await mockServer();
    const job = csvJob(10);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, maxCalls: 4, ...FAST });
    expect(summary).toMatchObject({ stopReason: 'max-calls', exitCode: 3, calls: 4, counts: { updated: 4, not_sent: 6 } });
    expect(server.stats.updateCalls).toBe(4);
  });
});

describe('fixes from review', () => {
  it('--duplicates all holds a row when the row before it with the same id was not updated', async () => {
    const server = await mockServer({ knownFields: { contacts: ['Nombre'] } });
    const job = csvJob(3, { edit: (n, row) => (n === 1 ? [idFor(7), 'viejo', 'Cali'] : n === 2 ? [idFor(7), 'nuevo', ''] : row) });
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, duplicates: 'all', maxFailureRate: 0, ...FAST });
    expect(summary.counts).toMatchObject({ failed: 2, not_sent: 1 });
    const results = readResults(job.out);
    expect(results[1]).toMatchObject({ _wvx_status: 'not_sent', _wvx_message: 'not sent: the row before it with the same id (2) was not updated' });
    expect(server.ledger.filter((entry) => entry.id === idFor(7))).toEqual([]);
  });

  it('spends the known quota exactly, waiting for the reset, with no refused call', async () => {
    const server = await mockServer({ quota: 8, quotaResetMs: 1200 });
    const job = csvJob(14);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, checkQuota: true, waitForQuota: true, concurrency: 2, ...FAST });
    expect(summary).toMatchObject({ exitCode: 0, counts: { updated: 14 }, calls: 14 });
    expect(server.stats.refused.quota).toBe(0);
    expect(server.stats.updateCalls).toBe(14);
  });

  it('counts the call the CRM refused for the quota', async () => {
    const server = await mockServer({ quota: 5, quotaResetMs: 800 });
    const job = csvJob(8);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, waitForQuota: true, concurrency: 1, ...FAST });
    expect(summary.counts.updated).toBe(8);
    // The server counts a call refused for the quota apart from the update calls it handled.
    expect(server.stats.refused.quota).toBeGreaterThan(0);
    expect(summary.calls).toBe(server.stats.updateCalls + server.stats.refused.quota);
  });

  it('stops when rows keep failing after their retries (a server that never answers right)', async () => {
    const server = await mockServer({ faults: { bodyError: 1 } });
    const job = csvJob(200);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, retries: 1, ...FAST });
    expect(summary).toMatchObject({ stopReason: 'failure-rate', exitCode: 4 });
    expect(summary.stopMessage).toContain('SERVICE TEMPORARILY UNAVAILABLE');
    // 20 rows gave up after 2 calls each; rows already started beside them (a window of 12 at
    // concurrency 2) may have made their 2 calls too. Without the stop, all 200 rows would cost 400.
    expect(summary.calls).toBeGreaterThanOrEqual(40);
    expect(summary.calls).toBeLessThanOrEqual(2 * 20 + 2 * 12);
  });

  it('does not fail a row for pacing refusals, even with --retries 0', async () => {
    const server = await mockServer({ rateLimit: 3 });
    const job = csvJob(8);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, retries: 0, ...FAST });
    expect(summary.counts).toMatchObject({ updated: 8, failed: 0 });
    expect(server.stats.refused.rate).toBeGreaterThan(0);
  });

  it('accepts a fractional --rate', async () => {
    const server = await mockServer();
    const job = csvJob(3);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, rate: 2.5, ...FAST });
    expect(summary.counts.updated).toBe(3);
  });

  it('an interrupt during the check sends nothing and says so', async () => {
    const server = await mockServer();
    const job = csvJob(3);
    await expectError(runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, signal: AbortSignal.abort() }), {
      code: 'CANCELLED',
      message: /Interrupted while checking the file: nothing was sent/,
    });
    expect(server.stats.calls).toBe(0);
  });

  it('removes a stale failed.csv once its rows have gone through, and neutralises formulas in ids', async () => {
    const job = csvJob(3, { edit: (n, row) => (n === 2 ? ['=2+5', ...row.slice(1)] : row) });
    const broken = await mockServer({ knownIds: [idFor(1), idFor(3)] });
    await runUpdate({ file: job.file, mapping: job.mapping, server: broken.url, token: TOKEN, out: job.out, ...FAST });
    expect(fs.existsSync(path.join(job.out, 'failed.csv'))).toBe(true);
    expect(readResults(job.out)[1]).toMatchObject({ _wvx_id: "'=2+5", id: "'=2+5" });
    const fixed = await mockServer();
    const retried = await resumeRun({ runDir: job.out, token: TOKEN, server: fixed.url, retryFailed: true, ...FAST });
    expect(retried.counts.updated).toBe(3);
    expect(fs.existsSync(path.join(job.out, 'failed.csv'))).toBe(false);
  });

  it('waits out a maintenance window as a whole pool, without using up the rows\' retries', async () => {
    const server = await mockServer({ faults: { maintenance: { after: 3, calls: 25 } } });
    const job = csvJob(12);
    const events: JobEvent[] = [];
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, retries: 2, onEvent: (event) => events.push(event), ...FAST });
    expect(summary.counts).toMatchObject({ updated: 12, failed: 0 });
    expect(summary.calls).toBe(12 + 25);
    expect(events.some((event) => event.type === 'pause' && event.reason === 'maintenance')).toBe(true);
  });
});
