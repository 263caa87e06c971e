import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/index.js';
import type { RunRecord } from '../../src/run/runs.js';
import { RUNS_INDEX } from '../../src/store/runs-index.js';
import { CLI, mockServer, runCli, tempDir, TOKEN, until } from '../helpers.js';
import { csvJob, idFor } from '../run/fixtures.js';

// Issue 21, run history: `runs` over run folders made by real CLI runs, from the index beside them, and
// the index written again from the folders when it is missing or damaged.

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });
const records = (rows: number): MockRecord[] => Array.from({ length: rows }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: `Antes ${index + 1}`, Ciudad: 'Pasto' }));

async function listed(runs: string, ...more: string[]): Promise<RunRecord[]> {
  const result = await runCli(['runs', runs, '--json', ...more]);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { runs: RunRecord[] }).runs;
}

/** A folder of runs: finished, stopped by the quota, undone (and its undo), a dry run, and one killed mid-run. */
async function runsFolder() {
  const runs = tempDir();
  const at = (name: string) => path.join(runs, name);
  const job = csvJob(6);
  const plain = await mockServer({ records: records(6) });
  const update = (server: string, out: string, ...more: string[]) => runCli(['update', job.file, '-m', job.mapping, '--out', at(out), '--yes', '--quiet', ...more], { env: env(server) });
  expect((await update(plain.url, 'a-finished')).code).toBe(0);
  const quota = await mockServer({ quota: 4 });
  expect((await update(quota.url, 'b-stopped')).code).toBe(3);
  expect((await update(plain.url, 'c-undone', '--snapshot')).code).toBe(0);
  expect((await runCli(['undo', at('c-undone'), '--out', at('d-undo'), '--yes', '--quiet'], { env: env(plain.url) })).code).toBe(0);
  expect((await runCli(['update', job.file, '-m', job.mapping, '--out', at('e-dry'), '--dry-run', '--quiet'])).code).toBe(0);
  // Killed once its first rows are applied: a start with no end.
  const slow = await mockServer({ latencyMs: 200 });
  const big = csvJob(200);
  const child = spawn(process.execPath, [CLI, 'update', big.file, '-m', big.mapping, '--out', at('f-killed'), '--quiet', '--yes'], { env: { ...process.env, ...env(slow.url) } });
  const closed = once(child, 'close');
  await until(() => slow.ledger.length >= 2);
  child.kill('SIGKILL');
  await closed;
  return runs;
}

describe('wolkvox-bulk runs (issue 21, run history)', () => {
  it('lists real runs newest first with their state, counts, calls and exit code, and rebuilds a deleted or damaged index the same', async () => {
    const runs = await runsFolder();
    const index = path.join(runs, RUNS_INDEX);
    const lines = fs.readFileSync(index, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { event: string; run: string });
    // Written by the runs themselves as they started and ended (the killed one only started).
    expect(lines.filter((line) => line.event === 'start').map((line) => line.run)).toEqual(['a-finished', 'b-stopped', 'c-undone', 'd-undo', 'e-dry', 'f-killed']);
    expect(lines.filter((line) => line.event === 'end').map((line) => line.run)).toEqual(['a-finished', 'b-stopped', 'c-undone', 'd-undo', 'e-dry']);
    expect(lines.filter((line) => line.event === 'undone')).toEqual([expect.objectContaining({ run: 'c-undone', by: 'd-undo' })]);

    const first = await listed(runs);
    expect(first.map((run) => [run.name, run.state, run.resumable, run.exitCode])).toEqual([
      ['f-killed', 'interrupted', true, undefined],
      ['e-dry', 'dry-run', false, 0],
      ['d-undo', 'finished', false, 0],
      ['c-undone', 'undone', false, 0],
      ['b-stopped', 'stopped', true, 3],
      ['a-finished', 'finished', false, 0],
    ]);
    expect(first.find((run) => run.name === 'a-finished')).toMatchObject({ file: 'datos.csv', rows: 6, counts: { updated: 6 }, calls: 6, sessions: 1 });
    expect(first.find((run) => run.name === 'b-stopped')).toMatchObject({ counts: { updated: 4, not_sent: 2 }, stopReason: 'quota' });
    expect(first.find((run) => run.name === 'c-undone')?.undoneBy).toBe('d-undo');

    // Deleted: written again from the folders, and the listing reads the same (but when a run that never
    // ended was last started: its folder tells only when it was made).
    const withoutLast = (list: RunRecord[]) => list.map(({ lastAt: _lastAt, ...run }) => run);
    fs.rmSync(index);
    expect(withoutLast(await listed(runs))).toEqual(withoutLast(first));
    expect(fs.existsSync(index)).toBe(true);
    // Damaged (a line in the middle unreadable, not only a cut last line): the same again.
    const text = fs.readFileSync(index, 'utf8').split('\n');
    text.splice(1, 0, '{"v":1,"event":"sta');
    fs.writeFileSync(index, text.join('\n'));
    expect(withoutLast(await listed(runs))).toEqual(withoutLast(first));
    expect(fs.readFileSync(index, 'utf8')).not.toContain('"sta\n');

    // Resumed to the end: finished, two sessions, the new line appended.
    expect((await runCli(['resume', path.join(runs, 'f-killed'), '--yes', '--quiet'], { env: env((await mockServer()).url) })).code).toBe(0);
    expect((await listed(runs))[0]).toMatchObject({ name: 'f-killed', state: 'finished', resumable: false, sessions: 2, counts: { updated: 200 }, exitCode: 0 });
  });

  it('says each run on a line in the person\'s language, and --since leaves out older runs', async () => {
    const runs = tempDir();
    const job = csvJob(3);
    const server = await mockServer();
    expect((await runCli(['update', job.file, '-m', job.mapping, '--out', path.join(runs, 'hoy'), '--yes', '--quiet'], { env: env(server.url) })).code).toBe(0);
    const english = await runCli(['runs', runs]);
    expect(english.stdout).toMatch(new RegExp(`^1 run in ${runs}, newest first:\\n  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  datos\\.csv  finished  3 updated  3 calls  exit 0  ${path.join(runs, 'hoy')}\\n$`));
    const spanish = await runCli(['runs', runs, '--lang', 'es']);
    expect(spanish.stdout).toContain('datos.csv  terminada  3 actualizadas  3 solicitudes  salida 0');
    expect(await listed(runs, '--since', '1h')).toHaveLength(1);
    // A run whose only lines are older than --since is left out.
    const index = path.join(runs, RUNS_INDEX);
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replaceAll(/"at":"\d{4}/g, '"at":"2020').replaceAll(/"createdAt":"\d{4}/g, '"createdAt":"2020'));
    expect(await listed(runs, '--since', '7d')).toEqual([]);
    expect((await runCli(['runs', runs, '--since', '7d'])).stdout).toBe(`No runs in ${runs} since 7d.\n`);
    const bad = await runCli(['runs', runs, '--since', 'ayer']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--since ayer: expected a time back from now');
    const missing = await runCli(['runs', path.join(runs, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`No runs folder at ${path.join(runs, 'nope')}`);
  });
});

describe('the run history writes through no link (issue 21)', () => {
  it('appends nothing to a file an index link points to, and still lists the run from its folder', async () => {
    const runs = tempDir();
    const elsewhere = path.join(tempDir(), 'profile.sh');
    fs.writeFileSync(elsewhere, '');
    fs.symlinkSync(elsewhere, path.join(runs, RUNS_INDEX));
    const job = csvJob(2);
    const server = await mockServer();
    expect((await runCli(['update', job.file, '-m', job.mapping, '--out', path.join(runs, 'r1'), '--yes', '--quiet'], { env: env(server.url) })).code).toBe(0);
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('');
    // The link reads as no index: it is written again from the folders, in place of the link.
    expect((await listed(runs)).map((run) => [run.name, run.state])).toEqual([['r1', 'finished']]);
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('');
    expect(fs.lstatSync(path.join(runs, RUNS_INDEX)).isFile()).toBe(true);
  });
});
