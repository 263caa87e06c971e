import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../../src/mock/routes.js';
import { CLI } from '../helpers.js';

const { update: UPDATE_PATH, tokenInfo: TOKEN_INFO_PATH } = PATHS;

describe('wolkvox-bulk mock-server: the misbehaviour flags (issue 10 items 3, 5, 7, 25; issue 17 item 2)', () => {
  it('--echo-token, --error-text, --fail-drip/--drip-ms, --token-info-method and --token-info-spent reach the server', async () => {
    const child = spawn(process.execPath, [
      CLI, 'mock-server', '--port', '0', '--token', 'abc-secret-token', '--quota', '2', '--known-ids', '/dev/null',
      '--echo-token', '--error-text', '\u001b[2J', '--fail-drip', '1', '--drip-ms', '300', '--token-info-method', 'POST', '--token-info-spent', 'refuse',
    ]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const headers = { 'Wolkvox-Token': 'abc-secret-token' };
    const update = (id: string) =>
      fetch(`${url}${UPDATE_PATH}`, { method: 'POST', headers, body: JSON.stringify({ operation: 'op', module: 'contacts', 'wolkvox-id': id, fields: { A: 'b' } }) });
    const info = (method: string) => fetch(`${url}${TOKEN_INFO_PATH}?operation=op`, { method, headers });

    // --known-ids /dev/null: no record exists, so the refusal echoes the token.
    const refusal = await (await update('x')).text();
    expect(refusal.toLowerCase()).toContain('abc-secret-token');
    expect(JSON.parse(refusal).msg).toMatch(/\u001b\[2J$/);
    expect(((await (await info('GET')).json()) as { msg: string }).msg).toMatch(/^THE API YOU WANT TO CONSULT DOES NOT EXIST/);
    // The second unit of the quota goes on this call; the information call is then refused.
    expect(await (await info('POST')).json()).toMatchObject({ code: 200 });
    expect(((await (await info('POST')).json()) as { msg: string }).msg).toMatch(/^TOKEN LIMIT EXCEEDED/);
    child.kill('SIGTERM');
    await once(child, 'close');
    expect(JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ refused: { notFound: 1, route: 1, quota: 1 }, tokenInfoCalls: 1 });
  });

  it('--fail-drip sends the answer slowly but whole', async () => {
    const child = spawn(process.execPath, [CLI, 'mock-server', '--port', '0', '--fail-drip', '1', '--drip-ms', '300']);
    const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const response = await fetch(`${url}${UPDATE_PATH}`, {
      method: 'POST',
      headers: { 'Wolkvox-Token': 'test-token' },
      body: JSON.stringify({ operation: 'op', module: 'contacts', 'wolkvox-id': '1', fields: { A: 'b' } }),
    });
    expect(await response.json()).toMatchObject({ code: 200, msg: 'Succesfully edit record' });
    child.kill('SIGTERM');
    await once(child, 'close');
  });
});
