import { describe, expect, it } from 'vitest';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob } from '../run/fixtures.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });
const applied = (server: { ledger: readonly { id: string }[] }) => new Set(server.ledger.map((entry) => entry.id)).size;

describe('--check-quota --batch N with fewer than N units left (issue 17 item 1)', () => {
  it('a CRM where a batch call costs 1 unit: the first batch is cut to what is left, measured, and the rest goes 1 unit a batch', async () => {
    // 60 units: the plan's reading leaves 59, far fewer than a batch of 100 records, but 12 calls will do.
    const server = await mockServer({ quota: 60, updateMany: { quotaCost: 'call' } });
    const job = csvJob(1000);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--check-quota', '--batch', '100', '--json', '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.counts.updated).toBe(1000);
    expect(applied(server)).toBe(1000);
    expect(summary.batch).toMatchObject({ size: 100, cost: 'call' });
    expect(server.stats.refused.quota).toBe(0);
    // One batch cut to fit the 58 units left beside the measuring read, then ten more.
    expect(server.stats.updateManyCalls).toBe(11);
    expect(summary.quotaUnits).toBe(11);
  });

  it('a CRM where a batch call costs 1 unit per record: batches are cut to the units left, then the job stops at the quota without a refusal', async () => {
    const server = await mockServer({ quota: 60, updateMany: { quotaCost: 'record' } });
    const job = csvJob(300);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--check-quota', '--batch', '100', '--json', '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(3);
    const summary = JSON.parse(result.stdout);
    // 60 units: 2 readings of the quota, and 58 records.
    expect(summary.counts.updated).toBe(58);
    expect(applied(server)).toBe(58);
    expect(server.usedToday()).toBe(60);
    expect(server.stats.refused.quota).toBe(0);
    expect(summary).toMatchObject({ stopReason: 'quota', batch: { cost: 'record' }, calls: 1, quotaUnits: 58, quotaChecks: 2 });
    expect(summary.stopMessage).toMatch(/^Daily quota reached/);
  });

  it('resume is not stuck either: a run whose batch cost was never measured goes on with the units left', async () => {
    const server = await mockServer({ quota: 50, updateMany: { quotaCost: 'call' } });
    const job = csvJob(300);
    const first = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--batch', '100', '--limit', '40', '--json', '--yes'], { env: env(server.url) });
    expect(first.code, first.stderr).toBe(3);
    // 48 units left after resume's reading: fewer than a batch of 100.
    const resumed = await runCli(['resume', job.out, '--check-quota', '--json', '--yes'], { env: env(server.url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary.counts.updated).toBe(300);
    expect(applied(server)).toBe(300);
    expect(server.stats.refused.quota).toBe(0);
  });
});

describe('a per-record batch cost in the budget, end to end (issue 17 item 5)', () => {
  it('--check-quota counts a batch as one unit per record: the quota is spent to the last unit and never overspent', async () => {
    const server = await mockServer({ quota: 50, updateMany: { quotaCost: 'record' } });
    const job = csvJob(100);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--check-quota', '--batch', '20', '--json', '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(3);
    const summary = JSON.parse(result.stdout);
    // 50 units: 2 readings and 48 records (batches of 20, 20 and 8).
    expect(server.stats.refused.quota).toBe(0);
    expect(applied(server)).toBe(48);
    expect(summary).toMatchObject({ stopReason: 'quota', counts: { updated: 48 }, calls: 3, quotaUnits: 48 });
  });

  it('--max-calls counts quota units: a batch counts one unit per record until its cost is known to be one a call', async () => {
    const server = await mockServer({ updateMany: { quotaCost: 'record' } });
    const job = csvJob(100);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--max-calls', '30', '--batch', '20', '--json', '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(3);
    const summary = JSON.parse(result.stdout);
    expect(applied(server)).toBe(30);
    expect(server.usedToday()).toBe(30);
    expect(summary).toMatchObject({ stopReason: 'max-calls', counts: { updated: 30 }, calls: 2 });
    expect(summary.stopMessage).toBe('Call budget reached: 2 calls made, 30 quota units counted (--max-calls 30 counts quota units: an updateMany.php call counts 1 per record, unless --check-quota measured that it costs 1).');
  });
});

describe('what the plan and the summary say a batch job costs (issue 17 item 4)', () => {
  it('the plan counts calls in batches, and the quota units beside them', async () => {
    const server = await mockServer({ quota: 4800, hoursToReset: 15, updateMany: { quotaCost: 'record' } });
    const job = csvJob(1000);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--check-quota', '--batch', '100', '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('  needs about 10 calls in batches of 100: 10 quota units if an updateMany.php call costs 1, 1,000 if it costs 1 per record (measured after the first batch); 4,799 available today, resets in 15 h\n');
    // Measured per record: the summary gives the calls made and the units they spent.
    expect(result.stdout).toMatch(/^ {2}10 calls \(0\.01 per updated row\), 1,000 quota units, 0 retries;/m);
  });
});
