import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob } from '../run/fixtures.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });
const summaryOf = (runDir: string) => JSON.parse(fs.readFileSync(path.join(runDir, 'summary.json'), 'utf8'));

// Issue 18: resume's settings are decided by the library's one resolveJobSettings: what may change between
// sessions (how rows are sent) is taken from the flags, what decides what is sent is refused naming the flag.
describe('resume: the settings it may change, and those it refuses', () => {
  it('honours --concurrency, --retries, --timeout and --max-failure-rate over what the run recorded', async () => {
    const job = csvJob(6);
    const first = await mockServer();
    const canary = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--limit', '2', '--concurrency', '3', '--yes', '--quiet'], { env: env(first.url) });
    // A canary stops at its limit, resumable: exit 3.
    expect(canary.code, canary.stderr).toBe(3);
    // Every call fails with a retryable answer: the recorded 5 retries would make 6 calls a row.
    const failing = await mockServer({ faults: { serverError: 1 }, latencyMs: 20 });
    const resumed = await runCli(['resume', job.out, '--concurrency', '1', '--retries', '0', '--timeout', '5', '--max-failure-rate', '0', '--yes', '--quiet'], { env: env(failing.url) });
    expect(resumed.code, resumed.stderr).toBe(1);
    expect(failing.stats.calls).toBe(4);
    expect(failing.stats.maxInFlight).toBe(1);
    expect(summaryOf(job.out)).toMatchObject({ counts: { updated: 2, failed: 4 }, sessions: 2 });
  });

  it.each([
    [['--duplicates', 'all'], '--duplicates is decided when a run is checked: a resume sends each row as the run\'s plan holds it. To send with another --duplicates, start a new run with update.'],
    [['--verify'], '--verify is decided when a run is checked: a resume sends each row as the run\'s plan holds it. To send with another --verify, start a new run with update.'],
    [['--limit', '3'], '--limit is for a run\'s first session (a canary): a resume sends every row the run has left. To send with another --limit, start a new run with update.'],
  ])('refuses %j, naming the flag, before anything is sent', async (flags, why) => {
    const job = csvJob(6);
    const server = await mockServer();
    expect((await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--limit', '2', '--yes', '--quiet'], { env: env(server.url) })).code).toBe(3);
    const calls = server.stats.calls;
    const resumed = await runCli(['resume', job.out, ...flags, '--yes'], { env: env(server.url) });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain(`Usage error: Not on resume: ${why}`);
    expect(server.stats.calls).toBe(calls);
  });
});
