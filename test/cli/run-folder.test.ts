import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockServer, runCli, TOKEN, unprivileged } from '../helpers.js';
import { csvJob, idFor, readResults } from '../run/fixtures.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });
const as = unprivileged();

/** A CLI failure a person can act on: one message, no stack trace, no "Unexpected error". */
function expectPlainError(stderr: string, ...parts: string[]) {
  for (const part of parts) expect(stderr).toContain(part);
  expect(stderr).not.toMatch(/\n\s+at |Unexpected error/);
}

describe('run folder problems stop before any call, with exit 2 and the path (issue 10, item 9)', () => {
  it('--out naming a file', async () => {
    const server = await mockServer();
    const job = csvJob(3);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.file, '--yes'], { env: env(server.url) });
    expect(result.code).toBe(2);
    expectPlainError(result.stderr, `Not a folder: ${job.file} is a file`);
    expect(server.stats.calls).toBe(0);
  });

  it('--out given empty', async () => {
    const server = await mockServer();
    const job = csvJob(3);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', '', '--yes'], { env: env(server.url) });
    expect(result.code).toBe(2);
    expectPlainError(result.stderr, '--out');
    expect(server.stats.calls).toBe(0);
  });

  it.each([
    ['a parent folder that is not writable', (dir: string) => ({ args: ['--out', path.join(dir, 'locked', 'run')], cwd: dir }), 'locked'],
    ['a current folder that is not writable (the default run folder)', (dir: string) => ({ args: [], cwd: path.join(dir, 'locked') }), 'wolkvox-runs'],
  ])('%s', async (_name, place, named) => {
    const server = await mockServer();
    const job = csvJob(3);
    as.chown(job.dir);
    const locked = path.join(job.dir, 'locked');
    fs.mkdirSync(locked, { mode: 0o555 });
    as.chown(locked);
    const { args, cwd } = place(job.dir);
    const result = await runCli(['update', job.file, '-m', job.mapping, ...args, '--yes'], { env: env(server.url), cwd, ...(as.user ? { user: as.user } : {}) });
    expect(result.code, result.stderr).toBe(2);
    expectPlainError(result.stderr, 'Cannot write the run folder', named, 'permission denied', 'Nothing was sent');
    expect(server.stats.calls).toBe(0);
  });

  it.each([
    ['a run folder that is not writable', (run: string) => fs.chmodSync(run, 0o555)],
    ['a journal that is not writable', (run: string) => fs.chmodSync(path.join(run, 'journal.ndjson'), 0o444)],
  ])('resume on %s', async (_name, lock) => {
    const server = await mockServer();
    const job = csvJob(4);
    as.chown(job.dir);
    const user = as.user ? { user: as.user } : {};
    const first = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--limit', '2', '--yes'], { env: env(server.url), ...user });
    expect(first.code, first.stderr).toBe(3);
    lock(job.out);
    const calls = server.stats.calls;
    const result = await runCli(['resume', job.out, '--yes'], { env: env(server.url), ...user });
    expect(result.code, result.stderr).toBe(2);
    expectPlainError(result.stderr, 'Cannot write the run folder', job.out, 'permission denied');
    expect(server.stats.calls).toBe(calls);
  });
});

describe('--out into a folder that is not the tool\'s (issue 10, item 10)', () => {
  it('refuses a folder holding other files, and leaves them and its mode as they were', async () => {
    const server = await mockServer();
    const job = csvJob(3);
    const out = path.join(job.dir, 'mine');
    fs.mkdirSync(out, { mode: 0o755 });
    fs.chmodSync(out, 0o755);
    fs.writeFileSync(path.join(out, 'results.csv'), 'my own work\n');
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', out, '--yes'], { env: env(server.url) });
    expect(result.code).toBe(2);
    expectPlainError(result.stderr, `Folder not empty: ${out} holds other files (results.csv)`);
    expect(fs.readFileSync(path.join(out, 'results.csv'), 'utf8')).toBe('my own work\n');
    expect(fs.statSync(out).mode & 0o777).toBe(0o755);
    expect(server.stats.calls).toBe(0);
  });

  it('uses an empty folder of the user\'s without changing its mode; a folder it creates is private', async () => {
    const server = await mockServer();
    const job = csvJob(3);
    const out = path.join(job.dir, 'empty');
    fs.mkdirSync(out);
    fs.chmodSync(out, 0o750);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', out, '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o750);
    const created = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: env(server.url) });
    expect(created.code).toBe(0);
    expect(fs.statSync(job.out).mode & 0o777).toBe(0o700);
  });
});

describe('a disk that fills up mid-run (issue 10, item 8)', () => {
  // The limit is on each file (see journal-full.test.ts): the plan, written whole before the first call, is
  // larger than the journal a few hundred rows in, so the disk fills up in a resume.
  it('while checking: the plan cannot be written whole, so nothing is sent (exit 2) and no run folder is kept', async () => {
    const server = await mockServer();
    const job = csvJob(1500);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: env(server.url), fileSizeLimitKib: 48 });
    expect(result.code, result.stderr).toBe(2);
    expectPlainError(result.stderr, `Cannot write the run folder: ${job.out}`, 'the file grew beyond the size this system allows', 'Nothing was sent.');
    expect(server.stats.calls).toBe(0);
    expect(fs.existsSync(job.out)).toBe(false);
  });

  it('while journaling: stops with exit 3 and a message naming the folder, whole journal lines only, lock released; resume finishes', async () => {
    const server = await mockServer();
    const job = csvJob(1500);
    const first = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--limit', '10', '--yes'], { env: env(server.url) });
    expect(first.code, first.stderr).toBe(3);
    // The journal outgrows 48 KiB a few hundred rows in.
    const result = await runCli(['resume', job.out, '--yes'], { env: env(server.url), fileSizeLimitKib: 48 });
    expect(result.code, result.stderr).toBe(3);
    expectPlainError(result.stderr, `Cannot write to the run folder ${job.out}`, 'the file grew beyond the size this system allows', `wolkvox-bulk resume ${job.out}`);
    expect(fs.existsSync(path.join(job.out, 'lock'))).toBe(false);
    const journal = fs.readFileSync(path.join(job.out, 'journal.ndjson'), 'utf8');
    expect(journal.endsWith('\n')).toBe(true);
    for (const line of journal.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    expect(server.stats.calls).toBeLessThan(1500);

    const resumed = await runCli(['resume', job.out, '--yes', '--json'], { env: env(server.url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).counts.updated).toBe(1500);
    // Nothing lost: every id reached the CRM, and the report says so.
    const applied = new Set(server.ledger.map((entry) => entry.id));
    for (let n = 1; n <= 1500; n += 1) expect(applied.has(idFor(n))).toBe(true);
    expect(readResults(job.out).every((row) => row._wvx_status === 'updated')).toBe(true);
  });

  it('while writing the reports: exit 3, no half-written report, nothing sent again by resume', async () => {
    const server = await mockServer();
    // A wide column nobody maps: the reports carry it, the journal does not.
    const job = csvJob(60, { edit: (_n, row) => [...row, 'x'.repeat(2000)] });
    fs.writeFileSync(job.file, fs.readFileSync(job.file, 'utf8').replace('id,Nombre,Ciudad', 'id,Nombre,Ciudad,Notas'));
    const first = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--limit', '1', '--yes'], { env: env(server.url) });
    expect(first.code, first.stderr).toBe(3);
    const before = fs.readFileSync(path.join(job.out, 'results.csv'));
    const result = await runCli(['resume', job.out, '--yes'], { env: env(server.url), fileSizeLimitKib: 64 });
    expect(result.code, result.stderr).toBe(3);
    expectPlainError(result.stderr, `Cannot write to the run folder ${job.out}`, 'only the reports are missing', `wolkvox-bulk resume ${job.out}`);
    const files = fs.readdirSync(job.out);
    // The first session's report is left as it was, whole.
    expect(fs.readFileSync(path.join(job.out, 'results.csv'))).toEqual(before);
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(files).not.toContain('lock');
    const calls = server.stats.calls;
    expect(calls).toBe(60);

    const resumed = await runCli(['resume', job.out, '--yes', '--json'], { env: env(server.url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(server.stats.calls).toBe(calls);
    expect(readResults(job.out)).toHaveLength(60);
  });
});

describe('a run folder the user cannot read (issue 17, item 5)', () => {
  it.each([
    ['the folder', (run: string) => fs.chmodSync(run, 0o000)],
    ['its run.json', (run: string) => fs.chmodSync(path.join(run, 'run.json'), 0o000)],
  ])('%s: says permission denied and names the path, not "has no run.json"', async (_name, lock) => {
    const server = await mockServer();
    const job = csvJob(3);
    as.chown(job.dir);
    const user = as.user ? { user: as.user } : {};
    const first = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--limit', '1', '--yes'], { env: env(server.url), ...user });
    expect(first.code, first.stderr).toBe(3);
    lock(job.out);
    try {
      const result = await runCli(['resume', job.out, '--yes'], { env: env(server.url), ...user });
      expect(result.code).toBe(2);
      expectPlainError(result.stderr, `Cannot read the run folder: ${path.join(job.out, 'run.json')}: permission denied.`);
      expect(result.stderr).not.toContain('has no run.json');
      expect(server.ledger).toHaveLength(1);
    } finally {
      fs.chmodSync(job.out, 0o700);
    }
  });

  it('a folder without run.json is still "not a run folder"', async () => {
    const job = csvJob(1);
    fs.mkdirSync(job.out);
    const result = await runCli(['resume', job.out, '--yes'], { env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: 'http://127.0.0.1:9' } });
    expect(result.code).toBe(2);
    expectPlainError(result.stderr, `Not a run folder: ${job.out} has no run.json.`);
  });
});
