// Issue 17 item 5: a CRM that refuses a batch after applying the rest of it gets those records again from
// the narrowing (9,800 extra applications for 100 missing ids in 10,000), and a CRM workflow on updates
// runs each time. The tool cannot avoid it (it cannot tell that refusal from one that applied nothing),
// so it says so: summary.json's `reapplied` counts the records that may have been applied more than once,
// and the summary printed at the end says it.
import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../src/cli/render-summary.js';
import type { BadRecordPolicy } from '../../src/mock/update-many-options.js';
import { runUpdate } from '../../src/run/update.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor } from './fixtures.js';

const ROWS = 1000;
const BATCH = 50;
const MISSING = new Set(Array.from({ length: 10 }, (_, index) => idFor(index * 100 + 37)));

async function job(badRecord: BadRecordPolicy | undefined) {
  const knownIds = Array.from({ length: ROWS }, (_, n) => idFor(n + 1)).filter((id) => badRecord === undefined || !MISSING.has(id));
  const server = await mockServer({ knownIds, ...(badRecord ? { updateMany: { badRecord } } : {}) });
  const run = csvJob(ROWS);
  const summary = await runUpdate({ file: run.file, mapping: run.mapping, server: server.url, token: TOKEN, out: run.out, batchSize: BATCH, ...FAST });
  const times = new Map<string, number>();
  for (const entry of server.ledger) times.set(entry.id, (times.get(entry.id) ?? 0) + 1);
  return { summary, twice: [...times.values()].filter((count) => count > 1).length };
}

describe('records that may have been applied more than once (issue 17, item 5)', () => {
  it('refused after applying the rest: every record the narrowing applied again is counted, and the summary says so', async () => {
    const { summary, twice } = await job('refuse-after-applying');
    expect(summary.counts).toMatchObject({ updated: ROWS - MISSING.size, failed: MISSING.size });
    expect(twice).toBeGreaterThan(0);
    expect(summary.reapplied).toBeGreaterThanOrEqual(twice);
    // Only rows of the batches that held a missing id.
    expect(summary.reapplied).toBeLessThanOrEqual(MISSING.size * (BATCH - 1));
    expect(renderSummary(summary, {})).toContain(`${summary.reapplied?.toLocaleString('en-US')} records may have been applied more than once`);
  });

  it('refused with nothing applied: the tool cannot tell, and counts the same records', async () => {
    const refused = await job('refuse');
    const afterApplying = await job('refuse-after-applying');
    expect(refused.twice).toBe(0);
    expect(refused.summary.reapplied).toBe(afterApplying.summary.reapplied);
  });

  it('a count narrowed down: exactly the records sent again in the first halves', async () => {
    const { summary, twice } = await job('skip');
    expect(twice).toBeGreaterThan(0);
    expect(summary.reapplied).toBe(twice);
  });

  it('nothing missing: nothing applied twice, nothing said', async () => {
    const { summary, twice } = await job(undefined);
    expect(twice).toBe(0);
    expect(summary.reapplied).toBe(0);
    expect(renderSummary(summary, {})).not.toContain('more than once');
  });
});
