// Two bugs the batch bench (bench/scenarios/batches.js, figure 8d) found in issue 12's batch mode, fixed:
// these tests failed before the fix.
import { describe, expect, it } from 'vitest';
import { runUpdate } from '../../src/run/update.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor, readResults } from './fixtures.js';

describe('--batch: bugs the batch bench found (issue 12)', () => {
  // 1 % of the ids missing and a CRM that refuses a whole call for one of them: narrowing one batch makes
  // about log₂N refused calls, and the breaker (send-pass.ts, onAnswer) counts each as a failed row, so
  // "51 of the last 100 rows failed" while 1 row in 100 does.
  it('a CRM that refuses the whole call for a missing id: 1 % missing ids do not trip the failure-rate breaker', async () => {
    const rows = 1000;
    const missing = new Set(Array.from({ length: rows / 100 }, (_, index) => idFor(37 + index * 100)));
    const knownIds = Array.from({ length: rows }, (_, n) => idFor(n + 1)).filter((id) => !missing.has(id));
    const server = await mockServer({ knownIds, updateMany: { badRecord: 'refuse' } });
    const job = csvJob(rows);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize: 50, ...FAST });
    expect(summary.stopMessage).toBeUndefined();
    expect(summary.counts).toMatchObject({ updated: rows - missing.size, failed: missing.size });
  });

  // A batch the CRM applied and then refused (refuse-after-applying), or applied but for one record (a
  // lower count): when the job stops before the narrowing is done, its rows say `not_sent`, 0 attempts,
  // though they were sent and the CRM applied them.
  it('rows of a batch the CRM applied, left unconfirmed by a stop, are not reported as never sent', async () => {
    const server = await mockServer({ knownIds: Array.from({ length: 39 }, (_, n) => idFor(n + 1)), updateMany: { badRecord: 'refuse-after-applying' } });
    const job = csvJob(40);
    // One batch call: --max-calls counts a batch of unmeasured cost as one unit per record.
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize: 40, maxCalls: 40, ...FAST });
    expect(summary.stopReason).toBe('max-calls');
    expect(server.ledger).toHaveLength(39);
    const applied = new Set(server.ledger.map((entry) => entry.id));
    const sentAndApplied = readResults(job.out).filter((row) => applied.has(row._wvx_id as string));
    expect(sentAndApplied).toHaveLength(39);
    for (const row of sentAndApplied) expect([row._wvx_status, row._wvx_attempts]).not.toEqual(['not_sent', '0']);
  });
});
