import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../../src/mock/routes.js';
import { CLI, mockServer, runCli, tempDir, TOKEN } from '../helpers.js';
import { receiver } from '../run/receiver.js';
import { csvJob } from '../run/fixtures.js';

// Issue 21's leftover: a flag of one value given twice became a list in yargs, and every command ended in an
// internal error (exit 70). It is a usage error naming the flag, in the person's language; lists stay lists.

describe('a flag of one value given twice (issue 21)', () => {
  // Every command, a flag of its own given twice; nothing is read, sent or started.
  it.each([
    [['update', 'a.csv', '-m', 'a.json', '-m', 'b.json'], '--mapping'],
    [['update', 'a.csv', '--mapping', 'a.json', '--out', 'x', '--out', 'y'], '--out'],
    [['update', 'a.csv', '--mapping', 'a.json', '--token-file', 'x', '--token-file=y'], '--token-file'],
    // yargs added a number given again as 1 to the first (4 + 1 = 5 requests at once).
    [['update', 'a.csv', '--mapping', 'a.json', '--concurrency', '4', '--concurrency', '1'], '--concurrency'],
    [['resume', 'run', '--operation', 'a', '--operation', 'b'], '--operation'],
    [['undo', 'run', '--out', 'x', '--out', 'y'], '--out'],
    [['verify', 'run', '--token-file', 'x', '--token-file', 'y'], '--token-file'],
    [['validate', 'a.csv', '-m', 'a.json', '-m', 'b.json'], '--mapping'],
    [['init', 'a.csv', '--out', 'x', '--out', 'y'], '--out'],
    [['quota', '--operation', 'a', '--operation', 'b'], '--operation'],
    [['probe', '--id', '1', '--id', '2'], '--id'],
    [['demo', '--out', 'x', '--out', 'y'], '--out'],
    [['ui', '--port', '0', '--port', '1'], '--port'],
    [['watch', 'in', '-m', 'a.json', '--done', 'd', '--failed', 'f', '--runs', 'r', '--runs', 's'], '--runs'],
    [['schedule', '--daily', '06:00', '--daily', '07:00', '--', 'wolkvox-bulk', 'runs'], '--daily'],
    [['runs', '--since', '1d', '--since', '2d'], '--since'],
    [['mock-server', '--port', '0', '--port', '1'], '--port'],
  ] as const)('%j: exit 2 naming %s, in English and in Spanish', async (args, flag) => {
    const cwd = tempDir();
    const english = await runCli(args, { cwd });
    expect(english.stderr).toBe(`Usage error: ${flag} was given 2 times: give it once (it takes one value).\nRun with --help to see the options and examples.\n`);
    expect(english.code).toBe(2);
    const spanish = await runCli(args, { cwd, env: { LANG: 'es_CO.UTF-8' } });
    expect(spanish.stderr).toMatch(new RegExp(`^Error de uso: ${flag} se indicó 2 veces: indíquelo una sola vez \\(admite un solo valor\\)\\.\\n`));
    expect(spanish.code).toBe(2);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('--json says it as a usage error too, and three times is counted', async () => {
    const result = await runCli(['update', 'a.csv', '-m', 'a.json', '-m', 'b.json', '--mapping', 'c.json', '--json'], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'USAGE', message: expect.stringMatching(/^Usage error: --mapping was given 3 times: give it once/) }, exitCode: 2 });
  });

  it('--notify given twice still posts to both, and a switch given twice is still the switch', async () => {
    const server = await mockServer();
    const [first, second] = [await receiver(), await receiver()];
    const job = csvJob(3);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--yes', '--notify', first.url, '--notify', second.url], { env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url } });
    expect(result.code, result.stderr).toBe(0);
    expect(first.received).toHaveLength(1);
    expect(second.received).toHaveLength(1);
    expect(fs.existsSync(path.join(job.out, 'summary.json'))).toBe(true);
  });

  it("an array flag (mock-server's --token) still takes every value given", async () => {
    const child = spawn(process.execPath, [CLI, 'mock-server', '--port', '0', '--token', 'first-token', '--token', 'second-token']);
    const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const info = (token: string) => fetch(`${url}${PATHS.tokenInfo}?operation=op`, { headers: { 'Wolkvox-Token': token } }).then((response) => response.json() as Promise<{ code: number }>);
    expect(await info('first-token')).toMatchObject({ code: 200 });
    expect(await info('second-token')).toMatchObject({ code: 200 });
    child.kill('SIGTERM');
    await once(child, 'close');
  });
});
