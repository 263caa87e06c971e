import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob } from '../run/fixtures.js';

const env = (server: string, token = TOKEN) => ({ WOLKVOX_TOKEN: token, WOLKVOX_SERVER: server });

/** The commands under "Next:" in the summary. */
function nextSteps(stdout: string): string[] {
  const start = stdout.indexOf('\nNext:\n');
  expect(start, stdout).toBeGreaterThan(-1);
  return stdout.slice(start + 7).split('\n').filter((line) => line.startsWith('  ')).map((line) => line.trim());
}

/** The argv of the wolkvox-bulk command in a step, its placeholders filled in. */
function commandOf(step: string, fill: Record<string, string> = {}): string[] {
  const text = /wolkvox-bulk (.*?)(?: {3}\(|\)|$)/.exec(step)?.[1];
  expect(text, step).toBeDefined();
  return (text ?? '').replace(/<([^>]+)>/g, (_all, name: string) => fill[name.split(',')[0] ?? ''] ?? `<${name}>`).split(' ');
}

async function htmlServer() {
  const server = http.createServer((_request, response) => {
    response.writeHead(404, { 'Content-Type': 'text/html' });
    response.end('<html><head><title>404 Not Found</title></head><body>Not Found</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('every stop says a command that works once the cause is fixed (issue 10, item 11)', () => {
  it('a refused token: set the right one, then the plain resume', async () => {
    const server = await mockServer({ tokens: ['good-token'] });
    const job = csvJob(5);
    const stopped = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: env(server.url, 'bad-token') });
    expect(stopped.code).toBe(4);
    const [step = ''] = nextSteps(stopped.stdout);
    expect(step).toContain('put the right token in WOLKVOX_TOKEN');
    const resumed = await runCli([...commandOf(step), '--yes'], { env: env(server.url, 'good-token') });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(server.ledger).toHaveLength(5);
  });

  it('a server that is not the API: resume with --server', async () => {
    const wrong = await htmlServer();
    const server = await mockServer();
    try {
      const job = csvJob(5);
      const stopped = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: env(wrong.url) });
      expect(stopped.code).toBe(4);
      const [step = ''] = nextSteps(stopped.stdout);
      const resumed = await runCli([...commandOf(step, { 'your CRM host': server.url }), '--yes'], { env: env(wrong.url) });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(server.ledger).toHaveLength(5);
    } finally {
      await wrong.close();
    }
  });

  it.each([
    ['with --operation and --module', (step: string) => commandOf(step, { operation: 'op', module: 'contacts' })],
    ['after correcting the mapping', (step: string, mapping: string) => {
      fs.writeFileSync(mapping, fs.readFileSync(mapping, 'utf8').replace('"wrong-op"', '"op"'));
      return commandOf(step.slice(step.indexOf('correct them in the mapping')));
    }],
  ])('an unknown operation: resume %s', async (_name, fix) => {
    const server = await mockServer({ operations: ['op'] });
    const job = csvJob(5, { mapping: { operation: 'wrong-op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre' } } });
    const stopped = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: env(server.url) });
    expect(stopped.code).toBe(4);
    const [step = ''] = nextSteps(stopped.stdout);
    const resumed = await runCli([...fix(step, job.mapping), '--yes', '--json'], { env: env(server.url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ operation: 'op', counts: { updated: 5 } });
    expect(server.ledger.every((entry) => entry.operation === 'op')).toBe(true);
  });

  it('a mapping that fails most rows (failure rate): fix it and send failed.csv as a new run', async () => {
    const server = await mockServer({ knownFields: { contacts: ['Nombre'] } });
    const job = csvJob(30, { mapping: { operation: 'op', module: 'contacts', id: 'id', fields: { Nmbre: 'Nombre' } } });
    const stopped = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: env(server.url) });
    expect(stopped.code).toBe(4);
    const step = nextSteps(stopped.stdout).find((line) => line.includes('if the mapping is wrong')) ?? '';
    fs.writeFileSync(job.mapping, fs.readFileSync(job.mapping, 'utf8').replace('"Nmbre"', '"Nombre"'));
    const fixed = await runCli([...commandOf(step), '--out', path.join(job.dir, 'again'), '--yes', '--json'], { env: env(server.url) });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout).counts.updated).toBe(30);
    expect(new Set(server.ledger.map((entry) => entry.id)).size).toBe(30);
  });

  it.each([
    ['--max-calls', ['--max-calls', '3']],
    ['--limit', ['--limit', '3']],
  ])('a stop at %s: the plain resume', async (_name, flags) => {
    const server = await mockServer();
    const job = csvJob(8);
    const stopped = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, ...flags, '--yes'], { env: env(server.url) });
    expect(stopped.code).toBe(3);
    const [step = ''] = nextSteps(stopped.stdout);
    const resumed = await runCli([...commandOf(step), '--max-calls', '0', '--yes'], { env: env(server.url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(server.ledger).toHaveLength(8);
  });

  // Issue 18: the stop message said what to check for a server never reached, the next step did not (it
  // said "fix the cause above"): one table of advice (send/fatal-advice.ts) now says both.
  it('a server never reached (connection refused): check --server and the network, then the plain resume', async () => {
    const down = await mockServer();
    const url = down.url;
    await down.close();
    const job = csvJob(5);
    const stopped = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--retries', '0', '--yes'], { env: env(url) });
    expect(stopped.code).toBe(4);
    expect(stopped.stdout).toContain('Check --server and your network.');
    const [step = ''] = nextSteps(stopped.stdout);
    expect(step).toContain('once the server can be reached (check --server and your network)');
    const up = await mockServer({ port: Number(new URL(url).port) });
    const resumed = await runCli([...commandOf(step), '--yes'], { env: env(url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(up.ledger).toHaveLength(5);
  });

  // Issue 18: the CLI offered the plain resume only after a stop, though resume also sends the rows that
  // gave up after their retries (the library's rule, store/resumable.ts): it said --retry-failed instead.
  it('a run that finished with rows that gave up after their retries: the plain resume, which sends them', async () => {
    const server = await mockServer({ faults: { serverError: 1 } });
    const job = csvJob(5);
    const finished = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--retries', '0', '--yes'], { env: env(server.url) });
    expect(finished.code).toBe(1);
    const [step = ''] = nextSteps(finished.stdout);
    expect(commandOf(step)).toEqual(['resume', job.out]);
    expect(JSON.parse(fs.readFileSync(path.join(job.out, 'summary.json'), 'utf8'))).toMatchObject({ counts: { failed: 5 }, resumable: true });
    const fresh = await mockServer();
    const resumed = await runCli([...commandOf(step), '--server', fresh.url, '--yes'], { env: env(fresh.url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(fresh.ledger).toHaveLength(5);
  });

  it('the daily quota: resume once it restarts', async () => {
    const server = await mockServer({ quota: 3 });
    const job = csvJob(5);
    const stopped = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: env(server.url) });
    expect(stopped.code).toBe(3);
    const [step = ''] = nextSteps(stopped.stdout);
    expect(step).toContain('once the daily quota restarts');
    const fresh = await mockServer();
    const resumed = await runCli([...commandOf(step), '--server', fresh.url, '--yes'], { env: env(fresh.url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(server.ledger.length + fresh.ledger.length).toBe(5);
  });
});
