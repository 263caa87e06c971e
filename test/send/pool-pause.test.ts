import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoggedCall } from '../../src/mock/server.js';
import { runUpdate } from '../../src/run/update.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob } from '../run/fixtures.js';

// Issue 18: what a pause answer does to the pool is its rule's (api/classify.ts), and the pacer does that
// alone. Here the simulated CRM answers over real HTTP, and its own log of arrivals shows the spacing.

/** For each call the server refused as `kind`, the time until the next call arrived. */
function gapsAfter(log: readonly LoggedCall[], kind: LoggedCall['refused']): number[] {
  return log.flatMap((call, index) => {
    const next = log[index + 1];
    return call.refused === kind && next ? [next.at - call.at] : [];
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a pause answer spaces the calls as its rule says', () => {
  it('429 with Retry-After 1 (rule: backoff over the unit\'s pauses, Retry-After a floor): no call within 1 s of each 429', async () => {
    const server = await mockServer({ rateLimit: 4 });
    const job = csvJob(12);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, concurrency: 1, backoff: { baseMs: 5, capMs: 40 } });
    expect(summary.counts.updated).toBe(12);
    const gaps = gapsAfter(server.callLog, 'rate');
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(1000);
      // The backoff (at most 40 ms) is under the floor: the wait is Retry-After's, not more.
      expect(gap).toBeLessThan(2500);
    }
  });

  it('maintenance pages (rule: backoff over the pool\'s pages in a row): each wait doubles the last', async () => {
    // The full-jitter draw at its top: each wait is the backoff's ceiling, 150·2^(n−1) ms for the n-th page in a row.
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
    const server = await mockServer({ faults: { maintenance: { after: 2, calls: 3 } } });
    const job = csvJob(6);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, concurrency: 1, backoff: { baseMs: 150, capMs: 10_000 } });
    expect(summary.counts.updated).toBe(6);
    const gaps = gapsAfter(server.callLog, 'maintenance');
    expect(gaps).toHaveLength(3);
    gaps.forEach((gap, index) => {
      const wait = 150 * 2 ** index;
      expect(gap).toBeGreaterThanOrEqual(wait);
      expect(gap).toBeLessThan(wait + 1000);
    });
  });
});
