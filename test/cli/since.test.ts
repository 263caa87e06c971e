import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob, idFor, readResults } from '../run/fixtures.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });

describe('wolkvox-bulk update --since', () => {
  it('day two sends only the changed rows, shows the unchanged count in the plan and the summary, and makes no read', async () => {
    const server = await mockServer();
    const dayOne = csvJob(100);
    expect((await runCli(['update', dayOne.file, '-m', dayOne.mapping, '--out', dayOne.out, '--yes'], { env: env(server.url) })).code).toBe(0);
    const dayTwo = csvJob(100, { edit: (n, row) => (n === 50 || n === 100 ? [row[0] as string, row[1] as string, 'Cartagena'] : row) });
    const result = await runCli(['update', dayTwo.file, '-m', dayTwo.mapping, '--out', dayTwo.out, '--since', dayOne.out, '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Ready to send 2 rows of datos.csv (100 rows; 0 invalid, 0 skipped, 98 unchanged)');
    expect(result.stdout).toContain('Done: every row updated or unchanged.');
    expect(result.stdout).toMatch(/updated\s+2\n\s+unchanged\s+98\n/);
    expect(result.stdout).toContain('2 calls (1.00 per updated row)');
    expect(server.ledger.slice(100).map((entry) => entry.id)).toEqual([idFor(50), idFor(100)]);
    expect(server.stats.queryCalls + server.stats.queryDatesCalls).toBe(0);
    expect(readResults(dayTwo.out).filter((row) => row._wvx_status === 'unchanged')).toHaveLength(98);
    expect(fs.statSync(path.join(dayTwo.out, 'baseline.bin')).size).toBe(16 + 100 * 16);
  });

  it.each([
    ['a folder that is not a run', (dir: string) => dir, /^Not a run folder: .* \(given as --since\) has no run\.json/m],
    ['a folder that does not exist', (dir: string) => path.join(dir, 'ayer'), /^Not a run folder: .*ayer \(given as --since\)/m],
  ])('refuses %s: exit 2, the folder named, nothing sent', async (_name, since, message) => {
    const server = await mockServer();
    const job = csvJob(3);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--since', since(job.dir), '--yes'], { env: env(server.url) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('leave out --since to send every row');
    expect(server.stats.calls).toBe(0);
    expect(fs.existsSync(job.out)).toBe(false);
  });

  it('refuses a dry run\'s folder as a baseline (exit 2)', async () => {
    const server = await mockServer();
    const dry = csvJob(3);
    expect((await runCli(['update', dry.file, '-m', dry.mapping, '--out', dry.out, '--dry-run', '--yes'])).code).toBe(0);
    const result = await runCli(['update', dry.file, '-m', dry.mapping, '--out', `${dry.out}-2`, '--since', dry.out, '--yes'], { env: env(server.url) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`No baseline: ${dry.out} (given as --since) was a dry run, which sent nothing.`);
    expect(server.stats.calls).toBe(0);
  });

  it('refuses a run made against another server (exit 2, nothing sent; it was taken, every row "unchanged")', async () => {
    const other = await mockServer();
    const server = await mockServer();
    const dayOne = csvJob(20);
    expect((await runCli(['update', dayOne.file, '-m', dayOne.mapping, '--out', dayOne.out, '--yes'], { env: env(other.url) })).code).toBe(0);
    const result = await runCli(['update', dayOne.file, '-m', dayOne.mapping, '--out', `${dayOne.out}-2`, '--since', dayOne.out, '--yes'], { env: env(server.url) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Another server: ${dayOne.out} (given as --since) updated ${other.url}; this run updates ${server.url}`);
    expect(server.stats.calls).toBe(0);
  });

  it('an empty --since is a usage error naming the flag', async () => {
    const job = csvJob(2);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--dry-run', '--since', '']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--since "": expected the folder of an earlier run.');
  });
});
