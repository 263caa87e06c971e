import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob, readResults } from '../run/fixtures.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });

describe('wolkvox-bulk update', () => {
  it('updates every row and prints a summary; --json prints only the summary object on stdout', async () => {
    const server = await mockServer();
    const job = csvJob(15);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: env(server.url) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Done: every row updated.');
    expect(result.stdout).toMatch(/updated\s+15/);
    expect(result.stdout).toContain(`Run folder: ${job.out}`);
    const json = await runCli(['update', job.file, '-m', job.mapping, '--out', `${job.out}-json`, '--json', '--yes'], { env: env(server.url) });
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout);
    expect(summary).toMatchObject({ rows: 15, counts: { updated: 15 }, exitCode: 0, runDir: `${job.out}-json` });
    expect(json.stdout.trim().split('\n')).toHaveLength(1);
    expect(fs.readFileSync(path.join(`${job.out}-json`, 'log.ndjson'), 'utf8')).toContain('"msg":"session finished"');
  });

  it.each([
    ['some rows failed', { knownIds: ['rec00001'] }, 1],
    ['a fatal answer (bad token)', { tokens: ['another'] }, 4],
    ['the quota ran out', { quota: 2 }, 3],
  ] as const)('exits with the documented code when %s', async (_name, options, code) => {
    const server = await mockServer(options);
    const job = csvJob(4);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--retries', '0', '--yes'], { env: env(server.url) });
    expect(result.code).toBe(code);
    if (code === 3) expect(result.stdout).toContain(`wolkvox-bulk resume ${job.out}`);
    if (code === 4) expect(result.stdout).toContain('PLEASE VALIDATE TOKEN');
  });

  // The process has only its own event loop here (the CRM runs in the test's): a pool paused with no call
  // in flight must still keep it alive until the pause ends.
  it.each([
    ['a maintenance window', { faults: { maintenance: { after: 2, calls: 2 } } }, 'maintenance'],
    ['a 429 with Retry-After', { rateLimit: 2 }, 'rate-limited'],
  ] as const)('waits out a pool pause with nothing in flight (%s) and finishes with its reports', async (_name, options, reason) => {
    const server = await mockServer(options);
    const job = csvJob(6);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--concurrency', '1', '--json', '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.counts.updated).toBe(6);
    expect(summary.refused[reason]).toBeGreaterThan(0);
    // Every call the CRM received, refused ones included (each may cost quota).
    expect(summary.calls).toBe(server.stats.calls);
    expect(readResults(job.out).map((row) => row._wvx_status)).toEqual(Array(6).fill('updated'));
  });

  it('exits 2 and sends nothing when rows are invalid', async () => {
    const server = await mockServer();
    const job = csvJob(4, { edit: (n, row) => (n === 2 ? ['', ...row.slice(1)] : row) });
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: env(server.url) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Invalid rows: 1 of 4 rows in datos\.csv cannot be sent\. Nothing was sent\./);
    expect(server.stats.calls).toBe(0);
  });

  it('refuses a token given as a flag, and explains where the token comes from when it is missing', async () => {
    const flag = await runCli(['update', 'x.csv', '-m', 'm.json', '--server', 'crm0001.wolkvox.com', '--token', 'abc', '--yes']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('the token is not accepted as a flag');
    const job = csvJob(1);
    const missing = await runCli(['update', job.file, '-m', job.mapping, '--server', 'crm0001.wolkvox.com', '--yes']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing token: set the WOLKVOX_TOKEN environment variable, or pass --token-file');
  });

  it('reads the token from --token-file', async () => {
    const server = await mockServer({ tokens: ['from-file'] });
    const job = csvJob(2);
    const tokenFile = path.join(job.dir, 'token.txt');
    fs.writeFileSync(tokenFile, 'from-file\n', { mode: 0o600 });
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--server', server.url, '--token-file', tokenFile, '--yes']);
    expect(result.code).toBe(0);
    expect(server.ledger).toHaveLength(2);
  });
});

describe('wolkvox-bulk quota', () => {
  it('shows the limit, used today, available and hours to reset, saying the check costs a call', async () => {
    const server = await mockServer({ quota: 4800, usedToday: 1200, hoursToReset: 9 });
    const job = csvJob(1);
    const text = await runCli(['quota', '--mapping', job.mapping], { env: env(server.url) });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/limit\s+4,800 calls a day/);
    expect(text.stdout).toMatch(/used today\s+1,201 \(this check included\)/);
    expect(text.stdout).toMatch(/available\s+3,599/);
    expect(text.stdout).toMatch(/resets in\s+9 h/);
    const json = await runCli(['quota', '--operation', 'op', '--json'], { env: env(server.url) });
    expect(JSON.parse(json.stdout)).toEqual({ limit: 4800, usedToday: 1202, available: 3598, hoursToReset: 9 });
    const noOperation = await runCli(['quota'], { env: env(server.url) });
    expect(noOperation.code).toBe(2);
    expect(noOperation.stderr).toContain('Missing operation');
  });
});

describe('wolkvox-bulk update --check-quota', () => {
  it('shows what the job needs against what the day allows, and how it will go', async () => {
    const server = await mockServer({ quota: 10, hoursToReset: 7 });
    const job = csvJob(15);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--check-quota', '--yes'], { env: env(server.url) });
    expect(result.stderr).toContain('needs 15 calls, 9 available today, resets in 7 h — the job stops cleanly when they are used up');
    expect(result.code).toBe(3);
    expect(server.stats.refused.quota).toBe(0);
  });
});

describe('wolkvox-bulk update: what a new user meets (issue 10, items 14–16)', () => {
  it('a file with a header and no data rows: exit 2, nothing to send (item 14)', async () => {
    const server = await mockServer();
    const job = csvJob(0);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: env(server.url) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No data rows: datos.csv has a header but no rows under it, so there is nothing to send.');
    expect(result.stdout).not.toContain('Done');
    expect(server.stats.calls).toBe(0);
  });

  it('--dry-run says what it would send, writes no failed file, and shows the first bodies exactly (item 15)', async () => {
    const job = csvJob(4);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--dry-run', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.counts).toMatchObject({ would_send: 4, not_sent: 0, failed: 0 });
    expect(summary.preview[0]).toEqual({ operation: 'op', module: 'contacts', 'wolkvox-id': 'rec00001', fields: { Nombre: 'Cliente 1', Ciudad: 'Bogotá' } });
    expect(readResults(job.out).map((row) => row._wvx_status)).toEqual(Array(4).fill('would_send'));
    expect(fs.existsSync(path.join(job.out, 'failed.csv'))).toBe(false);
    const text = await runCli(['update', job.file, '-m', job.mapping, '--out', `${job.out}-text`, '--dry-run']);
    expect(text.stdout).toContain('would_send');
    expect(text.stdout).toContain('First 3 bodies exactly as they would be sent:\n  {"operation":"op","module":"contacts","wolkvox-id":"rec00001"');
    expect(text.stdout).not.toContain('failed rows');
  });

  it('--concurrency above 2 is allowed, with a warning in the plan (item 16)', async () => {
    const server = await mockServer();
    const job = csvJob(3);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--concurrency', '4', '--yes'], { env: env(server.url) });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning: concurrency 4: the CRM allows 2 calls in flight per token and refuses the rest');
    const two = await runCli(['update', job.file, '-m', job.mapping, '--out', `${job.out}-2`, '--yes'], { env: env(server.url) });
    expect(two.stderr).not.toContain('warning');
  });
});

describe('wolkvox-bulk validate on a file with no data rows (issue 10, item 14)', () => {
  it('says so and exits 2', async () => {
    const job = csvJob(0);
    const result = await runCli(['validate', job.file, '-m', job.mapping]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Not ready: the file has a header but no data rows');
  });
});
