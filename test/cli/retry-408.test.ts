import { describe, expect, it } from 'vitest';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob, readResults } from '../run/fixtures.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });

describe('a 408 Request Timeout, end to end (issue 17 item 5)', () => {
  it('is retried like a 5xx and the row updated: the CLI against a CRM answering 408 to some calls', async () => {
    // About a third of the calls are answered 408 (nothing applied); the seed makes it the same each run.
    const server = await mockServer({ seed: 7, faults: { requestTimeout: 0.35 } });
    const job = csvJob(20);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--retries', '8', '--json', '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(server.stats.refused.requestTimeout).toBeGreaterThan(0);
    expect(summary.counts).toMatchObject({ updated: 20, failed: 0 });
    // Each 408 was one retry, counted as a server error; every record applied once.
    expect(summary.refused['server-error']).toBe(server.stats.refused.requestTimeout);
    expect(summary.retries).toBe(server.stats.refused.requestTimeout);
    expect(server.ledger.map((entry) => entry.id).sort()).toEqual(readResults(job.out).map((row) => row._wvx_id).sort());
    expect(readResults(job.out).every((row) => row._wvx_status === 'updated')).toBe(true);
  });
});
