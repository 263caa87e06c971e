import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { openBrowser, startUi } from './browser.js';

it('opens the page in the default browser through a private redirect file: the key is never on a command line', async () => {
  // The default browser, as the desktop's opener starts it: a stand-in for xdg-open that records what it
  // was given and keeps a copy of the file (the tool removes its own when it stops).
  const dir = tempDir();
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const seen = path.join(dir, 'seen');
  fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\ncp "$1" "${seen}.html"\nstat -c %a "$1" > "${seen}.mode"\nprintf '%s\\n' "$@" > "${seen}.args"\n`, { mode: 0o755 });
  const ui = await startUi({ open: true, env: { PATH: `${bin}:${process.env.PATH ?? ''}` } });
  await expect.poll(() => fs.existsSync(`${seen}.args`) && fs.readFileSync(`${seen}.args`, 'utf8').endsWith('\n')).toBe(true);

  const args = fs.readFileSync(`${seen}.args`, 'utf8').trim().split('\n');
  const key = new URL(ui.url).searchParams.get('key') ?? '';
  expect(key.length).toBeGreaterThan(16);
  expect(args).toHaveLength(1);
  expect(args[0]).not.toContain(key);
  expect(path.dirname(args[0] as string)).toBe(path.join(fs.realpathSync(ui.cwd), 'wolkvox-runs', '.ui'));
  expect(fs.readFileSync(`${seen}.mode`, 'utf8').trim()).toBe('600');

  // The real browser, given that file, lands on the page with a session.
  const { page } = await openBrowser('en-US');
  await page.goto(`file://${seen}.html`);
  await page.getByRole('heading', { name: '1. File' }).waitFor();
  expect(page.url()).toBe(`${ui.origin}/`);
  expect(await ui.stop()).toBe(0);
  expect(fs.existsSync(args[0] as string)).toBe(false);
});

it("says in the person's language that no browser could be opened, and keeps serving the page (issue 20's leftover)", async () => {
  // No opener on the PATH: starting it fails, which is no error — the address is printed anyway.
  const empty = tempDir();
  const ui = await startUi({ open: true, env: { PATH: empty, LANG: 'es_CO.UTF-8' } });
  await expect.poll(() => ui.output()).toContain('No se pudo abrir un navegador (spawn xdg-open ENOENT): abra usted la dirección de arriba.');
  expect(ui.output()).not.toContain('Could not open');
  expect((await fetch(ui.url)).status).toBe(200);
  expect(await ui.stop()).toBe(0);
});
