import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';
import { CLI, mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob } from '../run/fixtures.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });

/** Starts the CLI and resolves with what it wrote on stderr once a line matches `pattern` (or it exited). */
async function stderrUntil(child: ChildProcess, pattern: RegExp): Promise<string> {
  let stderr = '';
  const exited = once(child, 'exit');
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  while (!pattern.test(stderr)) {
    const more = once(child.stderr as NodeJS.ReadableStream, 'data');
    if ((await Promise.race([more.then(() => 'data'), exited.then(() => 'exit')])) === 'exit') break;
  }
  return stderr;
}

describe('--wait-for-quota with stderr not a terminal (issue 10 item 7)', () => {
  it('prints one plain line per wait (how long, until when, in which zone) and one when sending goes on', async () => {
    const server = await mockServer({ quota: 3, quotaResetMs: 1500 });
    const job = csvJob(8);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--wait-for-quota'], { env: { ...env(server.url), TZ: 'Asia/Kolkata' } });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.split('\n');
    const waits = lines.filter((line) => line.startsWith('Quota used up:'));
    const resumes = lines.filter((line) => line.startsWith('Quota wait over: sending again'));
    expect(waits.length).toBeGreaterThanOrEqual(2);
    for (const line of waits) expect(line).toMatch(/^Quota used up: waiting \d+s, until \d{4}-\d\d-\d\d \d\d:\d\d \(local time, UTC\+05:30\)\.$/);
    expect(resumes).toHaveLength(waits.length);
    expect(resumes[0]).toMatch(/^Quota wait over: sending again \(\d+ quota units available\)\.$/);
    expect(lines.indexOf(waits[0] ?? '')).toBeLessThan(lines.indexOf(resumes[0] ?? ''));
    expect(server.ledger).toHaveLength(8);
  });

  it('waits the 15 h the CRM announced, even when the CRM refuses the information call once the quota is spent', async () => {
    // The check before the start reads "15 h"; once the quota is spent this CRM refuses the information
    // call too. The wait used to fall back to a blind hour ("until 2:25 PM").
    const server = await mockServer({ quota: 3, hoursToReset: 15, tokenInfoWhenSpent: 'refuse' });
    const job = csvJob(6);
    const child = spawn(process.execPath, [CLI, 'update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--check-quota', '--wait-for-quota'], {
      env: { ...process.env, ...env(server.url), TZ: 'UTC' },
    });
    const stderr = await stderrUntil(child, /Quota used up: .*\n/);
    const line = /Quota used up: .*/.exec(stderr)?.[0] ?? '';
    child.kill('SIGTERM');
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(3);
    const match = /^Quota used up: waiting (1[45]h\d\dm), until (\d{4}-\d\d-\d\d \d\d:\d\d) \(local time, UTC\+00:00\)\.$/.exec(line);
    expect(match, stderr).not.toBeNull();
    // The time printed is the reset announced 15 hours after the check, not an hour.
    const until = Date.parse(`${(match?.[2] ?? '').replace(' ', 'T')}:00Z`);
    expect(Math.abs(until - (Date.now() + 15 * 3_600_000))).toBeLessThan(5 * 60_000);
    expect(server.stats.refused.quota).toBeGreaterThanOrEqual(1);
  });

  it('says so when the CRM never said when the quota restarts, and tries again in an hour', async () => {
    const server = await mockServer({ quota: 2, tokenInfoWhenSpent: 'refuse' });
    const job = csvJob(4);
    const child = spawn(process.execPath, [CLI, 'update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--wait-for-quota'], { env: { ...process.env, ...env(server.url) } });
    const stderr = await stderrUntil(child, /Quota used up: .*\n/);
    child.kill('SIGTERM');
    expect((await once(child, 'close'))[0]).toBe(3);
    expect(stderr).toMatch(/Quota used up: the CRM does not say when it restarts; trying again in 1h00m, at \d{4}-\d\d-\d\d \d\d:\d\d \(local time, UTC[+-]\d\d:\d\d\)\./);
  });
});

describe('the progress line during a quota wait, on a terminal', () => {
  it('shows how long and until when (not a bare clock time), and drops the note when sending goes on', () => {
    const now = Date.parse('2026-12-02T14:25:00Z');
    const written: string[] = [];
    const progress = createProgress({ write: (text: string) => written.push(text) }, true, 'en', () => now);
    progress.onEvent({ type: 'quota-wait', until: new Date(now + 15 * 3_600_000).toISOString() });
    expect(progress.state.note).toMatch(/^daily quota used up: waiting 15h00m, until 2026-12-0[23] \d\d:\d\d \(local time, UTC[+-]\d\d:\d\d\)$/);
    progress.onEvent({ type: 'quota', info: { limit: 10, usedToday: 0, available: 10, hoursToReset: 24 } });
    expect(progress.state.note).toBeUndefined();
    progress.stop();
    // On a terminal the note is the whole story: no plain lines.
    expect(written.filter((text) => text.startsWith('Quota'))).toEqual([]);
  });
});

describe('wolkvox-bulk quota against a CRM that takes one HTTP method (issue 10 item 25)', () => {
  it.each(['GET', 'POST'] as const)('only %s: the figures are shown, the other method tried at most once', async (method) => {
    const server = await mockServer({ tokenInfoMethod: method, quota: 4800, usedToday: 100, hoursToReset: 9 });
    const text = await runCli(['quota', '--operation', 'op'], { env: env(server.url) });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/available\s+4,699/);
    expect(text.stdout).toMatch(/resets in\s+9 h/);
    const json = await runCli(['quota', '--operation', 'op', '--json'], { env: env(server.url) });
    expect(JSON.parse(json.stdout)).toEqual({ limit: 4800, usedToday: 102, available: 4698, hoursToReset: 9 });
    expect(server.stats.tokenInfoCalls).toBe(2);
    // POST first: a GET-only CRM refuses it once per command (each command is a new client).
    expect(server.stats.refused.route).toBe(method === 'GET' ? 2 : 0);
  });
});

describe('wolkvox-bulk quota --json once the day is used up (issue 10 item 23)', () => {
  it('prints the figures when the CRM still answers the information call', async () => {
    const server = await mockServer({ quota: 10, usedToday: 10, hoursToReset: 3 });
    const json = await runCli(['quota', '--operation', 'op', '--json'], { env: env(server.url) });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ limit: 10, usedToday: 10, available: 0, hoursToReset: 3 });
  });

  it('prints one JSON error with exit code 3 when the CRM refuses it too', async () => {
    const server = await mockServer({ quota: 10, usedToday: 10, hoursToReset: 3, tokenInfoWhenSpent: 'refuse' });
    const json = await runCli(['quota', '--operation', 'op', '--json'], { env: env(server.url) });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: 'QUOTA_EXCEEDED',
        message: 'The CRM did not give the quota: TOKEN LIMIT EXCEEDED (HTTP 403).',
        messageCode: 'quota.not-given',
        params: { answer: 'TOKEN LIMIT EXCEEDED', httpStatus: 403 },
      },
      exitCode: 3,
    });
  });
});
