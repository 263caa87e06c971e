import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/core/events.js';
import type { BadRecordPolicy, MockServerOptions } from '../../src/mock/index.js';
import { resumeRun } from '../../src/run/resume.js';
import { runUpdate } from '../../src/run/update.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor, readResults } from './fixtures.js';
import { message } from '../../src/core/say.js';

/** Runs a --batch job against a simulated CRM and checks the ledger against results.csv. */
async function batchJob(rows: number, batchSize: number, crm: MockServerOptions, extra: Record<string, unknown> = {}) {
  const server = await mockServer(crm);
  const job = csvJob(rows);
  const events: JobEvent[] = [];
  const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize, onEvent: (event) => events.push(event), ...FAST, ...extra });
  const results = readResults(job.out);
  // Every row reported updated was applied by the CRM; every row the CRM never applied is not reported updated.
  const applied = new Set(server.ledger.map((entry) => entry.id));
  for (const row of results) expect(applied.has(row._wvx_id as string), `${row._wvx_id} ${row._wvx_status}`).toBe(row._wvx_status === 'updated');
  return { server, job, summary, results, events };
}

describe('--batch: many records per updateMany.php call, every row accounted for (issue 12)', () => {
  it('sends rows in batches confirmed by their count: one call per batch, the rows of a batch share its call number', async () => {
    const { server, summary, results } = await batchJob(200, 50, {});
    expect(summary.counts.updated).toBe(200);
    expect(summary.calls).toBe(4);
    expect(server.stats.updateManyCalls).toBe(4);
    expect(server.stats.updateCalls).toBe(0);
    expect(new Set(results.map((row) => row._wvx_call))).toEqual(new Set(['1', '2', '3', '4']));
    expect(results.filter((row) => row._wvx_call === results[0]?._wvx_call)).toHaveLength(50);
    expect(summary.batch).toEqual({ size: 50, used: 50 });
  });

  const policies: BadRecordPolicy[] = ['skip', 'refuse', 'refuse-after-applying'];
  it.each(policies.flatMap((badRecord) => [false, true].map((refusalNamesId) => [badRecord, refusalNamesId] as const)))(
    'a missing id in a batch (%s, id named: %s): the missing rows fail with the CRM\'s message, every other row is updated, within the bisection bound',
    async (badRecord, refusalNamesId) => {
      const rows = 64;
      const missing = new Set([idFor(9), idFor(40)]);
      const knownIds = Array.from({ length: rows }, (_, n) => idFor(n + 1)).filter((id) => !missing.has(id));
      const { summary, results } = await batchJob(rows, 32, { knownIds, updateMany: { badRecord, refusalNamesId } });
      expect(summary.counts).toMatchObject({ updated: rows - 2, failed: 2 });
      for (const row of results.filter((result) => result._wvx_status === 'failed')) {
        expect(missing.has(row._wvx_id as string)).toBe(true);
        expect(row._wvx_message).toMatch(/RECORD NOT FOUND/);
      }
      // Two batches of 32, each with one missing id (k = 1 a batch): a count finds it in log2 N + 1 calls
      // (one half a level); a whole-call refusal in 2·log2 N (both halves); a refusal naming it in 2.
      const extra = badRecord === 'skip' ? Math.log2(32) + 1 : refusalNamesId ? 2 : 2 * Math.log2(32);
      expect(summary.calls).toBeLessThanOrEqual(2 * (1 + extra));
    },
  );

  it('a CRM whose answers give no count: rows are confirmed one by one, and the summary says why', async () => {
    const { summary, server, events } = await batchJob(200, 10, { latencyMs: 5, updateMany: { countInMessage: false } });
    expect(summary.counts.updated).toBe(200);
    expect(summary.batch).toEqual({ size: 10, used: 1, unconfirmable: true, why: 'updateMany.php gave no count', whySaid: message('note.batch-why', {}) });
    // Only the batches already in flight when the first answer came went out; the rest went one by one.
    expect(server.stats.updateManyCalls).toBeLessThanOrEqual(2);
    expect(server.stats.updateCalls).toBe(200);
    expect(events.filter((event) => event.type === 'batch-size')).toHaveLength(1);
  });

  it.each(['413', '400'] as const)('a CRM that takes at most 37 records (refused with %s): a --batch 100 job updates every row and says the size it used', async (tooManyAnswer) => {
    const { summary, events } = await batchJob(300, 100, { updateMany: { maxRecords: 37, tooManyAnswer } });
    expect(summary.counts.updated).toBe(300);
    expect(summary.batch?.used).toBeLessThanOrEqual(37);
    expect(summary.batch?.size).toBe(100);
    expect(events.some((event) => event.type === 'batch-size')).toBe(true);
  });

  it('a CRM that never answers batches over 20: the timeouts halve the batch, and every row is updated', async () => {
    const { summary } = await batchJob(60, 40, { updateMany: { hangAbove: 20 } }, { timeoutSeconds: 0.3, retries: 1 });
    expect(summary.counts.updated).toBe(60);
    expect(summary.batch?.used).toBeLessThanOrEqual(20);
  });

  it('retries a batch answered with a 5xx as a whole', async () => {
    const { summary, server } = await batchJob(400, 25, { seed: 3, faults: { serverError: 0.3 } }, { retries: 10 });
    expect(summary.counts.updated).toBe(400);
    expect(server.stats.refused.serverError).toBeGreaterThan(0);
    // Each refused call counted once, not once per row of its batch.
    expect(summary.refused['server-error']).toBe(server.stats.refused.serverError);
    expect(summary.calls).toBe(server.stats.updateManyCalls);
  });

  it('sends rows of an id sent more than once (--duplicates all) alone and in order', async () => {
    const server = await mockServer();
    const job = csvJob(30, { edit: (n, row) => (n === 12 || n === 20 ? [idFor(5), `Cliente ${n}`, 'Cali'] : row) });
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize: 10, duplicates: 'all', ...FAST });
    expect(summary.counts.updated).toBe(30);
    const singles = server.ledger.filter((entry) => entry.endpoint === 'update').map((entry) => entry.fields.Nombre);
    expect(singles).toEqual(['Cliente 5', 'Cliente 12', 'Cliente 20']);
  });

  it.each(['call', 'record'] as const)('--check-quota learns what one updateMany call costs on this token (%s), records it and budgets with it', async (quotaCost) => {
    const { summary, job, server } = await batchJob(100, 20, { quota: 1000, updateMany: { quotaCost } }, { checkQuota: true });
    expect(summary.counts.updated).toBe(100);
    expect(summary.batch?.cost).toBe(quotaCost);
    // The plan's reading, and one more after the first batch.
    expect(summary.quotaChecks).toBe(2);
    expect(server.stats.tokenInfoCalls).toBe(2);
    const run = JSON.parse(fs.readFileSync(path.join(job.out, 'run.json'), 'utf8'));
    expect(run.batchCost).toBe(quotaCost);
  });

  it('with an unmeasured cost and a known quota, budgets one unit per record and stops before overspending', async () => {
    // 1 unit for the plan's reading leaves 49: two batches of 20 records fit, a third does not.
    const { summary, server } = await batchJob(100, 20, { quota: 50, updateMany: { quotaCost: 'record' } }, { checkQuota: true, batchSize: 20 });
    expect(summary.stopReason).toBe('quota');
    expect(server.stats.refused.quota).toBe(0);
    expect(summary.counts.updated).toBeGreaterThanOrEqual(20);
  });

  it('a dry run with --batch shows the updateMany.php body exactly as it would be sent', async () => {
    const job = csvJob(5);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, out: job.out, dryRun: true, batchSize: 10 });
    expect(summary.preview).toEqual([
      { operation: 'op', module: 'contacts', fields: [1, 2, 3].map((n) => ({ 'wolkvox-id': idFor(n), Nombre: `Cliente ${n}`, Ciudad: 'Bogotá' })) },
    ]);
  });

  it('resume keeps the run\'s batch size', async () => {
    const server = await mockServer();
    const job = csvJob(100);
    const first = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize: 20, limit: 40, ...FAST });
    expect(first.stopReason).toBe('limit');
    const second = await resumeRun({ runDir: job.out, token: TOKEN, ...FAST });
    expect(second.counts.updated).toBe(100);
    expect(server.stats.updateManyCalls).toBe(5);
  });
});
