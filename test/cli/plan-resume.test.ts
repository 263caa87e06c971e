import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, mockServer, runCli, TOKEN, until } from '../helpers.js';
import { csvJob, idFor, readResults } from '../run/fixtures.js';

const ROWS = 80;
const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });

/** Starts `update` in the real CLI and stops it with Ctrl-C (SIGINT) once `after` records are applied. */
async function stoppedRun(server: Awaited<ReturnType<typeof mockServer>>, job: ReturnType<typeof csvJob>, after: number) {
  const child = spawn(process.execPath, [CLI, 'update', job.file, '-m', job.mapping, '--out', job.out, '--concurrency', '1', '--quiet', '--yes'], { env: { ...process.env, ...env(server.url) } });
  const closed = once(child, 'close');
  await until(() => server.ledger.length >= after);
  child.kill('SIGINT');
  const [code] = (await closed) as [number | null];
  return code;
}

const summaryOf = (runDir: string) => JSON.parse(fs.readFileSync(path.join(runDir, 'summary.json'), 'utf8'));

const appliedCounts = (server: Awaited<ReturnType<typeof mockServer>>) => {
  const counts = new Map<string, number>();
  for (const entry of server.ledger) counts.set(entry.id, (counts.get(entry.id) ?? 0) + 1);
  return counts;
};

describe('the run folder holds the checked plan: resume reads it, never the input (issue 18)', () => {
  it('a run is stopped, its input moved away, and resume finishes it with every row applied once', async () => {
    const server = await mockServer({ latencyMs: 5 });
    const job = csvJob(ROWS);
    expect(await stoppedRun(server, job, 10)).not.toBe(0);
    const stoppedAt = server.ledger.length;
    expect(stoppedAt).toBeLessThan(ROWS);
    // The input goes elsewhere (and the mapping with it): the run folder alone is enough.
    const moved = path.join(path.dirname(job.file), 'archivados');
    fs.mkdirSync(moved);
    fs.renameSync(job.file, path.join(moved, 'datos.csv'));
    fs.renameSync(job.mapping, path.join(moved, 'm.json'));

    const resumed = await runCli(['resume', job.out, '--yes'], { env: env(server.url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(summaryOf(job.out)).toMatchObject({ rows: ROWS, counts: { updated: ROWS }, sessions: 2, resent: 0 });
    expect(resumed.stderr).toContain(`warning: the input datos.csv is no longer at ${job.file}: nothing is read from it, the rows go as the run checked them (its plan)`);
    const counts = appliedCounts(server);
    expect(counts.size).toBe(ROWS);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    // The reports still carry each row's own cells, from the plan.
    const results = readResults(job.out);
    expect(results.map((row) => [row._wvx_status, row.id, row.Nombre])).toEqual(Array.from({ length: ROWS }, (_, n) => ['updated', idFor(n + 1), `Cliente ${n + 1}`]));
  });

  it('an input rewritten after the check changes nothing that is sent: resume sends the checked values and says the file changed', async () => {
    const server = await mockServer({ latencyMs: 5 });
    const job = csvJob(ROWS);
    expect(await stoppedRun(server, job, 10)).not.toBe(0);
    // Other ids, other values, more rows: none of it was checked.
    const lines = ['id,Nombre,Ciudad', ...Array.from({ length: ROWS + 20 }, (_, n) => `otro${n},Otro ${n},Cali`)];
    fs.writeFileSync(job.file, `${lines.join('\r\n')}\r\n`);

    const resumed = await runCli(['resume', job.out, '--yes'], { env: env(server.url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(summaryOf(job.out)).toMatchObject({ rows: ROWS, counts: { updated: ROWS } });
    expect(resumed.stderr).toMatch(/warning: the input datos\.csv changed since the run checked it \(\d+ bytes then, \d+ now\): the rows go as the run checked them \(its plan\), not as the file is now/);
    const counts = appliedCounts(server);
    expect([...counts.keys()].sort()).toEqual(Array.from({ length: ROWS }, (_, n) => idFor(n + 1)));
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    for (const entry of server.ledger) expect(entry.fields).toEqual({ Nombre: `Cliente ${Number(entry.id.slice(3))}`, Ciudad: 'Bogotá' });
    expect(readResults(job.out).map((row) => row.id)).toEqual(Array.from({ length: ROWS }, (_, n) => idFor(n + 1)));
  });

  it.each([
    ['deleted', (file: string) => fs.rmSync(file), 'is missing'],
    ['edited (a value changed, still valid JSON)', (file: string) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"Cliente 25"', '"Cliente 52"')), 'was changed since the run wrote it'],
    ['cut short', (file: string) => fs.truncateSync(file, fs.statSync(file).size - 40), 'ends in the middle of a line'],
  ])('a plan %s: resume refuses it (exit 2, Damaged run), with no call', async (_name, tamper, says) => {
    const server = await mockServer();
    const job = csvJob(30);
    const first = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--limit', '20', '--yes'], { env: env(server.url) });
    expect(first.code, first.stderr).toBe(3);
    tamper(path.join(job.out, 'plan.ndjson'));
    const resumed = await runCli(['resume', job.out, '--yes'], { env: env(server.url) });
    expect(resumed.code, resumed.stderr).toBe(2);
    expect(resumed.stderr).toContain(`Damaged run: ${path.join(job.out, 'plan.ndjson')} ${says}`);
    expect(server.stats.calls).toBe(20);
  });
});
