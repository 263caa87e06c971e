// Issue 17 item 4: a batch refused as too large only ever halved, so a CRM that takes 99 records a call
// settled at 50 (202 calls for 10,000 rows where 102 do). The size is searched upward between the
// largest batch taken and the smallest refused.
import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/core/events.js';
import { runUpdate } from '../../src/run/update.js';
import { createBatchSizer } from '../../src/send/batch-size.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST } from './fixtures.js';

describe('the batch size after a too-large refusal (issue 17, item 4)', () => {
  it.each([
    [99, '413'],
    [37, '400'],
    [61, '413'],
  ] as const)('a CRM that takes at most %i records (refused with %s): --batch 100 ends at exactly that size, with few calls', async (cap, tooManyAnswer) => {
    const rows = 4000;
    const server = await mockServer({ updateMany: { maxRecords: cap, tooManyAnswer } });
    const job = csvJob(rows);
    const events: JobEvent[] = [];
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize: 100, onEvent: (event) => events.push(event), ...FAST });
    expect(summary.counts.updated).toBe(rows);
    expect(summary.batch).toEqual({ size: 100, used: cap });
    // The rest at the cap, but for the batches gathered before each answer came (the send pass keeps a dozen
    // units in progress), which go at the size of their time, some cut in two, and one refused call per size
    // tried: measured 60, 137 and 80 calls (halving alone: 80, 160 and 80; the cap alone: 41, 109 and 66).
    expect(summary.calls).toBeLessThanOrEqual(Math.ceil(rows / cap) + 36);
    expect(server.stats.refused.tooMany).toBeLessThanOrEqual(Math.ceil(Math.log2(100)) + 2);
    // Said when refused and when settled, not at each step of the search.
    expect(events.filter((event) => event.type === 'batch-size').length).toBeLessThanOrEqual(2);
  });

  it('searches between the largest size taken and the smallest refused, never above the size asked for', () => {
    const events: JobEvent[] = [];
    const sizer = createBatchSizer(100, (event) => events.push(event));
    sizer.tooLarge(100, 'HTTP 413');
    expect(sizer.size).toBe(50);
    const tried = [];
    // A CRM whose cap is 99: every size below 100 is taken.
    while (sizer.size !== 99 && tried.length < 20) {
      tried.push(sizer.size);
      sizer.took(sizer.size);
    }
    expect(tried).toEqual([50, 75, 87, 93, 96, 98]);
    sizer.took(99);
    expect(sizer.size).toBe(99);
    // A batch gathered before the refusal, taken late, says nothing new; one refused late lowers the top.
    sizer.took(40);
    expect(sizer.size).toBe(99);
    expect(events.map((event) => event.type === 'batch-size' && event.to)).toEqual([50, 99]);
  });

  it('after batches that only time out, the size is halved, never searched upward (each try costs the timeouts again)', () => {
    const sizer = createBatchSizer(100, () => undefined);
    sizer.tooLarge(100, 'no answer in time', true);
    expect(sizer.size).toBe(50);
    sizer.took(50);
    expect(sizer.size).toBe(50);
  });
});
