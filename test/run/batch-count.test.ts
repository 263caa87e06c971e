// Issue 17 item 3: updateMany.php answered "Succesfully edit record 57" for 50 records sent. A count above
// the records sent cannot be true, so no answer of this CRM can confirm a batch; narrowing such a batch
// down half by half made 396 calls and 1,344 applications for 200 rows.
import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/core/events.js';
import { runUpdate } from '../../src/run/update.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, readResults } from './fixtures.js';
import { message } from '../../src/core/say.js';

describe('a count larger than the records sent (issue 17, item 3)', () => {
  it('rows go one by one at once, and the summary says why', async () => {
    const rows = 200;
    const server = await mockServer({ latencyMs: 5, updateMany: { overCount: 7 } });
    const job = csvJob(rows);
    const events: JobEvent[] = [];
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize: 50, onEvent: (event) => events.push(event), ...FAST });
    expect(summary.counts.updated).toBe(rows);
    expect(readResults(job.out).every((row) => row._wvx_status === 'updated')).toBe(true);
    // Only the batches in flight when the first count came went out; every row then went alone.
    expect(server.stats.updateManyCalls).toBeLessThanOrEqual(2);
    expect(server.stats.updateCalls).toBe(rows);
    expect(summary.calls).toBe(server.stats.updateManyCalls + rows);
    // Each row applied once by update.php, and once more at most by the batch that could not confirm it.
    expect(server.ledger.length).toBeLessThanOrEqual(rows + 2 * 50);
    expect(summary.batch).toEqual({ size: 50, used: 1, unconfirmable: true, why: 'updateMany.php counted 57 records edited for 50 sent', whySaid: message('note.batch-why', { count: 57, sent: 50 }) });
    const said = events.filter((event) => event.type === 'batch-size');
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ to: 1, reason: expect.stringMatching(/^updateMany\.php answered that it edited 57 records for 50 sent: a count that cannot be true/) });
  });

  it('a CRM that gives no count says so in the summary', async () => {
    const server = await mockServer({ updateMany: { countInMessage: false } });
    const job = csvJob(40);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize: 10, ...FAST });
    expect(summary.counts.updated).toBe(40);
    expect(summary.batch).toEqual({ size: 10, used: 1, unconfirmable: true, why: 'updateMany.php gave no count', whySaid: message('note.batch-why', {}) });
  });
});
