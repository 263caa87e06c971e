import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/index.js';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob, idFor } from '../run/fixtures.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });
const records = (rows: number): MockRecord[] => Array.from({ length: rows }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: `Cliente ${index + 1}`, Ciudad: 'Bogotá' }));
const newNames = (rows: number) => csvJob(rows, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });

describe('wolkvox-bulk verify: a scheduled job can tell (issue 17 item 5)', () => {
  it('records that differ: exit 5, said in verify\'s own words, with the command that sends those rows again', async () => {
    const server = await mockServer({ records: records(600), seed: 4, updateMany: { silentSkip: 0.01 } });
    const job = newNames(600);
    expect((await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--batch', '100', '--yes', '--quiet'], { env: env(server.url) })).code).toBe(0);
    const differing = server.stats.silentlySkipped;
    expect(differing).toBeGreaterThan(0);
    const result = await runCli(['verify', job.out, '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(5);
    expect(result.stderr).toContain(`Ready to read back 600 records that ${job.out} updated, and compare them with what was sent`);
    expect(result.stderr).not.toContain('Ready to send');
    expect(result.stdout).toMatch(new RegExp(`^Not as sent: ${differing} of 600 records differ from what was sent\\.\\n`));
    expect(result.stdout).toMatch(/\n {2}3 calls to read them back \(not counted in the run's own calls\)\n/);
    expect(result.stdout).toContain(`listed in ${path.join(job.out, 'verify.csv')}`);
    expect(result.stdout).toContain(`wolkvox-bulk update ${fs.realpathSync(job.file)} --mapping ${fs.realpathSync(job.mapping)} --since ${job.out}`);
    expect(result.stdout).not.toContain('Done: every row updated');
    expect(result.stdout).not.toContain('--retry-failed');
  });

  it('update --verify with records that differ: exit 5, not "Done: every row updated."', async () => {
    const server = await mockServer({ records: records(600), seed: 4, updateMany: { silentSkip: 0.01 } });
    const job = newNames(600);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--batch', '100', '--verify', '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(5);
    expect(result.stdout).not.toContain('Done: every row updated');
    expect(result.stdout).toMatch(new RegExp(`^Not as sent: ${server.stats.silentlySkipped} of 600 records read back differ from what was sent\\.`));
    expect(result.stdout).toContain('verified 600 records by reading them back (3 calls, apart from the run\'s)');
  });

  it('every record as sent: exit 0', async () => {
    const server = await mockServer({ records: records(40) });
    const job = newNames(40);
    expect((await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--quiet'], { env: env(server.url) })).code).toBe(0);
    const result = await runCli(['verify', job.out, '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Verified: every record reads back as sent\.\n/);
    expect(result.stdout).toMatch(/\n {2}1 call to read them back/);
  });
});
