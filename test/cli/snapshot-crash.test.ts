import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, mockServer, runCli, TOKEN, until } from '../helpers.js';
import { csvJob, idFor, readResults } from '../run/fixtures.js';

const ROWS = 1000;
const records = Array.from({ length: ROWS }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: `Antes ${index + 1}`, Ciudad: 'Pasto' }));

describe('SIGKILL during the snapshot and during the send (issue 13)', () => {
  it('resume completes the snapshot from the reads made (the module is read once) and loses no row', async () => {
    const server = await mockServer({ records, latencyMs: 15 });
    const job = csvJob(ROWS);
    const env = { ...process.env, WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url };
    const start = () => spawn(process.execPath, [CLI, 'update', job.file, '-m', job.mapping, '--out', job.out, '--snapshot', 'module', '--yes', '--quiet'], { env });

    // Killed in the middle of the module read: 4 pages of 250, killed after the second.
    const first = start();
    await until(() => server.stats.queryDatesCalls >= 2);
    first.kill('SIGKILL');
    await once(first, 'close');
    expect(server.ledger).toHaveLength(0);

    // Resumed, and killed again once some updates are in.
    const second = spawn(process.execPath, [CLI, 'resume', job.out, '--yes', '--quiet'], { env });
    await until(() => server.ledger.length >= 50);
    second.kill('SIGKILL');
    await once(second, 'close');
    expect(server.stats.queryDatesCalls).toBeLessThanOrEqual(5);

    const third = await runCli(['resume', job.out, '--yes', '--json'], { env: { WOLKVOX_TOKEN: TOKEN } });
    expect(third.code, third.stderr).toBe(0);
    expect(JSON.parse(third.stdout).counts.updated).toBe(ROWS);
    // The module's 4 pages read once each, plus at most the page in flight at the first kill.
    expect(server.stats.queryDatesCalls).toBeLessThanOrEqual(5);
    expect(new Set(server.ledger.map((entry) => entry.id)).size).toBe(ROWS);
    expect(readResults(job.out).every((row) => row._wvx_status === 'updated')).toBe(true);
    // The snapshot is complete: every row, with the values before the run.
    const before = fs.readFileSync(path.join(job.out, 'before.csv'), 'utf8').trim().split('\r\n');
    expect(before).toHaveLength(ROWS + 1);
    expect(before[1]).toContain('"""Antes 1"""');
  });
});
