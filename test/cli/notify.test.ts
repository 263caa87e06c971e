import { describe, expect, it } from 'vitest';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob, idFor } from '../run/fixtures.js';
import { closedPort, receiver } from '../run/receiver.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });

describe('update --notify, resume --notify (issue 21)', () => {
  it('posts what came of the run to each address, never the token, and keeps the run\'s exit code', async () => {
    const server = await mockServer({ knownIds: [idFor(1), idFor(2), idFor(4)] });
    const job = csvJob(4);
    const first = await receiver();
    const second = await receiver();
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--notify', first.url, '--notify', second.url], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(1);
    for (const hook of [first, second]) {
      expect(hook.received).toHaveLength(1);
      const body = hook.received[0]?.body ?? '';
      expect(body).not.toContain(TOKEN);
      expect(JSON.parse(body)).toMatchObject({ event: 'finished', command: 'update', runDir: job.out, file: job.file, counts: { updated: 3, failed: 1 }, calls: 4, exitCode: 1, errors: [{ message: 'RECORD NOT FOUND', count: 1 }] });
    }
    expect(result.stderr).toContain(`Notified ${new URL(first.url).origin}/…`);
  });

  it('a receiver that fails (500s) and one that is not there: reported on stderr, the exit code unchanged', async () => {
    const server = await mockServer();
    const job = csvJob(3);
    const failing = await receiver([500]);
    const closed = `http://127.0.0.1:${await closedPort()}/hook`;
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--notify', failing.url, '--notify', closed], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Done: every row updated.');
    expect(failing.received).toHaveLength(4);
    expect(result.stderr).toContain(`Notification not delivered to ${new URL(failing.url).origin}/… after 4 attempts: the receiver answered HTTP 500. The run and its exit code are not affected.`);
    expect(result.stderr).toContain(`Notification not delivered to ${new URL(closed).origin}/… after 4 attempts: network error ECONNREFUSED.`);
  });

  it('a job refused before its summary is told too (its error and exit code), in the person\'s language', async () => {
    const server = await mockServer();
    const job = csvJob(2);
    const hook = await receiver();
    // Nobody to confirm and no --yes: refused before any update.
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--notify', hook.url, '--lang', 'es'], { env: env(server.url) });
    expect(result.code).toBe(2);
    const body = JSON.parse(hook.received[0]?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ event: 'failed', exitCode: 2, file: job.file, stop: { reason: 'USAGE', code: 'cli.confirmation-needed' }, lang: 'es' });
    expect(body.headline).toBe('wolkvox-bulk · datos.csv: falló (código de salida 2)');
    expect(result.stderr).toContain('Se notificó a');
  });

  it('a token file gone missing before a nightly run is told too (TOKEN_MISSING, exit 2)', async () => {
    const server = await mockServer();
    const job = csvJob(2);
    const hook = await receiver();
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--token-file', `${job.dir}/no-such-token`, '--notify', hook.url], { env: { WOLKVOX_SERVER: server.url } });
    expect(result.code).toBe(2);
    expect(JSON.parse(hook.received[0]?.body ?? '{}')).toMatchObject({ event: 'failed', exitCode: 2, stop: { reason: 'TOKEN_MISSING' } });
  });

  it('resume --notify with --notify-format slack, and --json keeps stdout to the summary', async () => {
    const server = await mockServer();
    const job = csvJob(5);
    const canary = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--limit', '2'], { env: env(server.url) });
    expect(canary.code).toBe(3);
    const hook = await receiver();
    const result = await runCli(['resume', job.out, '--yes', '--json', '--notify', hook.url, '--notify-format', 'slack'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ counts: { updated: 5 } });
    const body = JSON.parse(hook.received[0]?.body ?? '{}') as { text: string; blocks: unknown[] };
    expect(body.text).toBe('wolkvox-bulk · datos.csv: finished (exit code 0)');
    expect(body.blocks.length).toBeGreaterThan(1);
    expect(result.stderr).not.toContain('Notified');
  });

  it.each([
    [['--notify', 'ftp://example.com/hook'], '--notify "ftp://example.com/hook": expected an http:// or https:// address'],
    [['--notify', 'https://example.com/ok', '--notify', 'hooks.slack.com/services/x'], '--notify "hooks.slack.com/services/x": expected an http:// or https:// address'],
  ])('refuses %j at the flag, naming what was typed', async (flags, expected) => {
    const job = csvJob(1);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--dry-run', ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(expected);
  });
});
