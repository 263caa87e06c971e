import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, mockServer, runCli, TOKEN, until } from '../helpers.js';
import { csvJob, readResults } from '../run/fixtures.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });
const ERASE_LINE = '\r\u001b[2K';

describe('the confirmation (issue 10, item 12)', () => {
  it('on a terminal, nothing overdraws the question while it waits; the progress starts after the answer', async () => {
    const server = await mockServer({ latencyMs: 20 });
    const job = csvJob(40);
    const command = [process.execPath, CLI, 'update', job.file, '-m', job.mapping, '--out', job.out].map((part) => `'${part}'`).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, ...env(server.url), NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(() => output.includes('Send 40 rows? [y/N]'));
    // The subject of this test is time passing with the question on screen: four redraw periods of the
    // progress line (250 ms each) go by, and the question must still be the last thing drawn.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(output.slice(output.indexOf('[y/N]'))).not.toContain(ERASE_LINE);
    expect(server.stats.calls).toBe(0);
    child.stdin.write('y\n');
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
    expect(output.slice(output.indexOf('[y/N]'))).toContain(ERASE_LINE);
    expect(server.ledger).toHaveLength(40);
  });

  it('without a terminal and without --yes, refuses after the check and before any call; a dry run needs no yes', async () => {
    const server = await mockServer();
    const job = csvJob(5);
    const refused = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out], { env: env(server.url) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Confirmation needed: this job sends updates to the CRM, and there is no terminal to ask on. Add --yes to send without asking. Nothing was sent.');
    expect(server.stats.calls).toBe(0);
    // --check-quota would spend a call before asking: refused before it.
    const quota = await runCli(['update', job.file, '-m', job.mapping, '--out', `${job.out}-q`, '--check-quota'], { env: env(server.url) });
    expect(quota.code).toBe(2);
    expect(server.stats.calls).toBe(0);
    expect(fs.existsSync(`${job.out}-q`)).toBe(false);
    const dry = await runCli(['update', job.file, '-m', job.mapping, '--out', `${job.out}-dry`, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
  });
});

describe('a "no" at the question (issue 17, item 5)', () => {
  it.each([
    ['n and Enter', 'n\r'],
    ['Ctrl-C', '\u0003'],
    ['Ctrl-D', '\u0004'],
  ])('%s: a short message, exit 2, nothing sent and no run folder left; the same command with --yes then runs', async (_name, keys) => {
    const server = await mockServer();
    const job = csvJob(4);
    const args = ['update', job.file, '-m', job.mapping, '--out', job.out];
    const command = [process.execPath, CLI, ...args].map((part) => `'${part}'`).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, ...env(server.url), NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(() => output.includes('Send 4 rows? [y/N]'));
    child.stdin.write(keys);
    const [code] = (await once(child, 'close')) as [number];
    const after = output.slice(output.indexOf('[y/N]'));
    expect({ code, after }).toEqual({ code: 2, after: expect.stringContaining('Cancelled: nothing was sent, and no run folder was kept.') });
    expect(after).not.toMatch(/Unexpected error|AbortError|\n\s+at /);
    expect(server.stats.calls).toBe(0);
    expect(fs.existsSync(job.out)).toBe(false);

    const again = await runCli([...args, '--yes'], { env: env(server.url) });
    expect(again.code, again.stderr).toBe(0);
    expect(server.ledger).toHaveLength(4);
  });

  it('a folder of the user\'s given to --out is left empty, with its mode', async () => {
    const server = await mockServer();
    const job = csvJob(2);
    fs.mkdirSync(job.out, { mode: 0o750 });
    fs.chmodSync(job.out, 0o750);
    const command = [process.execPath, CLI, 'update', job.file, '-m', job.mapping, '--out', job.out].map((part) => `'${part}'`).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, ...env(server.url), NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(() => output.includes('[y/N]'));
    child.stdin.write('\u0004');
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(2);
    expect(fs.readdirSync(job.out)).toEqual([]);
    expect(fs.statSync(job.out).mode & 0o777).toBe(0o750);
  });

  it('resume: the run folder stays as it was, and resume --yes goes on', async () => {
    const server = await mockServer();
    const job = csvJob(4);
    const canary = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--limit', '1', '--yes'], { env: env(server.url) });
    expect(canary.code).toBe(3);
    const files = fs.readdirSync(job.out).sort();
    const command = [process.execPath, CLI, 'resume', job.out].map((part) => `'${part}'`).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, ...env(server.url), NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(() => output.includes('Send 3 rows? [y/N]'));
    child.stdin.write('\u0003');
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(2);
    expect(output).toContain(`Cancelled: nothing was sent. The run folder ${job.out} is as it was: resume it when you are ready.`);
    expect(output).not.toMatch(/Unexpected error|AbortError/);
    expect(fs.readdirSync(job.out).sort()).toEqual(files);
    expect(server.ledger).toHaveLength(1);
    const rest = await runCli(['resume', job.out, '--yes'], { env: env(server.url) });
    expect(rest.code, rest.stderr).toBe(0);
    expect(server.ledger).toHaveLength(4);
  });
});

describe('a stop by signal: Ctrl-C, a service manager, a closed terminal or SSH session (issue 10, item 6)', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s: calls in flight finish, reports written, lock released, exit 3; resume applies nothing twice', async (name) => {
    const server = await mockServer({ latencyMs: 30 });
    const job = csvJob(200);
    const child = spawn(process.execPath, [CLI, 'update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: { ...process.env, ...env(server.url) } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await until(() => server.ledger.length >= 6);
    child.kill(name);
    const [code, signal] = (await once(child, 'close')) as [number | null, string | null];
    expect(signal).toBeNull();
    expect(code).toBe(3);
    expect(stdout).toContain(`wolkvox-bulk resume ${job.out}`);
    expect(fs.existsSync(path.join(job.out, 'lock'))).toBe(false);
    const updated = readResults(job.out).filter((row) => row._wvx_status === 'updated').length;
    expect(updated).toBe(server.ledger.length);

    const resumed = await runCli(['resume', job.out, '--yes', '--json'], { env: env(server.url) });
    expect(resumed.code).toBe(0);
    const ids = server.ledger.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(200);
    expect(ids).toHaveLength(200);
  });
});

describe('--json on failure (issue 10, item 23)', () => {
  it.each([
    ['a usage error', () => ['update', 'x.csv', '-m', 'm.json', '--concurrency', '0', '--json'], 'USAGE'],
    ['a missing input file', () => ['update', 'nope.csv', '-m', 'nope.json', '--json', '--yes'], 'MAPPING_NOT_FOUND'],
    ['invalid rows', () => {
      const job = csvJob(3, { edit: (n, row) => (n === 2 ? ['', ...row.slice(1)] : row) });
      return ['validate', job.file, '-m', job.mapping, '--json'];
    }, undefined],
  ])('%s: one JSON object on stdout with the error and the exit code', async (_name, args, code) => {
    const result = await runCli(args(), { env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: 'http://127.0.0.1:9' } });
    expect(result.code).toBe(2);
    const printed = JSON.parse(result.stdout);
    if (code === undefined) expect(printed.ok).toBe(false);
    else expect(printed).toMatchObject({ error: { code, message: expect.any(String) }, exitCode: 2 });
  });
});

describe('a reader that goes away (issue 10, item 24)', () => {
  it('keeps the exit code when stdout and stderr go into a pipe that closes at once', async () => {
    const server = await mockServer({ tokens: ['another'] });
    const job = csvJob(4);
    const command = [process.execPath, CLI, 'update', job.file, '-m', job.mapping, '--out', job.out, '--yes'].map((part) => `'${part}'`).join(' ');
    const child = spawn('bash', ['-c', `${command} 2>&1 | true; echo "exit=\${PIPESTATUS[0]}"`], { env: { ...process.env, ...env(server.url) } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await once(child, 'close');
    expect(output.trim()).toBe('exit=4');
  });
});
