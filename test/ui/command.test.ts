import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { startUi } from './browser.js';
import { raw, sessionCookie } from './raw-http.js';

it('ui: refuses a bad --port or an unreadable --token-file before starting, naming the flag', async () => {
  const port = await runCli(['ui', '--no-open', '--port', '70000']);
  expect(port.code).toBe(2);
  expect(port.stderr).toContain('--port must be a whole number from 0 to 65535, got 70000');
  const token = await runCli(['ui', '--no-open', '--token-file', '/nonexistent/token']);
  expect(token.code).toBe(2);
  expect(token.stderr).toContain('Cannot read the token file /nonexistent/token');
});

it('ui: takes the token from --token-file, and says only where it came from', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'token');
  fs.writeFileSync(file, 'file-token-55aa\n', { mode: 0o600 });
  const ui = await startUi({ args: ['--token-file', file, '--runs', 'runs-here'] });
  const { cookie } = await sessionCookie(ui.url);
  const state = JSON.parse((await raw(ui.port, { path: '/api/state', headers: { Cookie: cookie } })).body);
  expect(state.token).toEqual({ set: true, source: 'file' });
  expect(state.runsRoot).toBe(path.join(fs.realpathSync(ui.cwd), 'runs-here'));
  expect(JSON.stringify(state)).not.toContain('file-token-55aa');
  expect(await ui.stop()).toBe(0);
});
