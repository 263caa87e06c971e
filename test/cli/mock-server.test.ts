import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../../src/mock/routes.js';
import { CLI } from '../helpers.js';

const UPDATE_PATH = PATHS.update;

describe('wolkvox-bulk mock-server', () => {
  it('prints its URL, serves the API with the given limits, and prints its stats on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'mock-server', '--port', '0', '--quota', '1', '--token', 'abc']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const send = () =>
      fetch(`${url}${UPDATE_PATH}`, {
        method: 'POST',
        headers: { 'Wolkvox-Token': 'abc' },
        body: JSON.stringify({ operation: 'op', module: 'contacts', 'wolkvox-id': '1', fields: { A: 'b' } }),
      });
    expect((await send()).status).toBe(200);
    expect(await (await send()).json()).toMatchObject({ msg: 'TOKEN LIMIT EXCEEDED' });
    child.kill('SIGTERM');
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
    const stats = JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}');
    expect(stats).toMatchObject({ updateCalls: 1, applied: 1, refused: { quota: 1 } });
  });
});
