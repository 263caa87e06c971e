import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openInput } from '../src/input/open.js';
import type { MockRecord } from '../src/mock/index.js';
import { CLI, mockServer, ROOT, runCli, tempDir } from './helpers.js';

// Every command in the README is run here, in README order, in one folder holding the samples, against
// the simulated CRM: the docs cannot go stale without this test failing.
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const shellBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
const commands = shellBlocks
  .flatMap((block) => block.split('\n'))
  .map((line) => line.trim())
  .filter((line) => line.startsWith('wolkvox-bulk '))
  .map((line) => {
    const expected = /#\s*exit (\d)\s*$/.exec(line);
    return { line, args: splitArgs(line.replace(/#.*$/, '').trim()).slice(1), exit: expected ? Number(expected[1]) : 0 };
  });

function splitArgs(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

describe('README', () => {
  it('shows the two quick-start commands', () => {
    expect(shellBlocks[0]?.trim()).toBe('npm install && npm run demo');
    expect(shellBlocks[1]?.trim()).toBe('npm test');
    expect(commands.length).toBeGreaterThanOrEqual(10);
  });

  it('every wolkvox-bulk command in it works as shown', async () => {
    // The samples' records exist in this CRM, so a snapshot finds them and undo has values to put back.
    const source = await openInput({ file: path.join(ROOT, 'samples', 'clientes.csv') });
    const records: MockRecord[] = [];
    // Each record holds its email in lower case, as the file's Correo in another case finds it (the recipe "My file has no wolkvox ids").
    for await (const row of source.rows) records.push({ wolkvox_id: String(row.values['wolkvox-id']), Ciudad: 'Antes', Email: String(row.values.Correo).toLowerCase() });
    const server = await mockServer({ tokens: ['readme-token'], quota: 1000, records });
    const dir = tempDir();
    for (const name of ['clientes.csv', 'clientes.mapping.json', 'clientes.xlsx', 'clientes-xlsx.mapping.json', 'clientes-por-correo.mapping.json']) {
      fs.copyFileSync(path.join(ROOT, 'samples', name), path.join(dir, name));
    }
    const tokenFile = path.join(dir, 'token');
    fs.writeFileSync(tokenFile, 'readme-token\n', { mode: 0o600 });
    const substitute = (arg: string) => (arg === 'crm0001.wolkvox.com' ? server.url : arg === '~/.wolkvox-token' ? tokenFile : arg);
    for (const command of commands) {
      const args = command.args.map(substitute);
      if (args[0] === 'mock-server') {
        await runMockServerCommand(args.map((arg, index) => (args[index - 1] === '--port' ? '0' : arg)));
        continue;
      }
      if (args[0] === 'ui') {
        await runUiCommand(args.map((arg, index) => (args[index - 1] === '--port' ? '0' : arg)));
        continue;
      }
      const result = await runCli(args, { cwd: dir, env: { WOLKVOX_TOKEN: 'readme-token' } });
      expect({ command: command.line, code: result.code, stderr: result.stderr }).toMatchObject({ command: command.line, code: command.exit });
      // "Run it every night": what a schedule runs is the command shown, never with the token.
      if (args[0] === 'schedule') {
        expect(result.stdout).toContain(args.slice(args.indexOf('--') + 1).join(' '));
        expect(result.stdout).not.toContain('readme-token');
      }
    }
    expect(server.ledger.length).toBeGreaterThanOrEqual(48);
  });

  it('its library example runs', async () => {
    const server = await mockServer({ tokens: ['lib-token'] });
    const dir = tempDir();
    for (const name of ['clientes.csv', 'clientes.mapping.json']) fs.copyFileSync(path.join(ROOT, 'samples', name), path.join(dir, name));
    const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(example).toContain("from 'wolkvox-bulk'");
    const script = path.join(dir, 'example.mjs');
    fs.writeFileSync(script, example.replace("'wolkvox-bulk'", JSON.stringify(path.join(ROOT, 'dist/index.js'))).replace("'crm0001.wolkvox.com'", JSON.stringify(server.url)));
    const child = spawn(process.execPath, [script], { cwd: dir, env: { ...process.env, WOLKVOX_TOKEN: 'lib-token' } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
    expect(stdout).toContain('2 updated');
    expect(stdout).toMatch(/updated: 24/);
  });

  it('its example of the simulated CRM and the raw client runs', async () => {
    const example = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1] ?? '').find((block) => block.includes("'wolkvox-bulk/client'")) ?? '';
    expect(example).toContain("from 'wolkvox-bulk/mock'");
    // The script runs outside the package, so the entry points are named by their files (test/exports.test.ts
    // imports them by the package's own names).
    const script = path.join(tempDir(), 'example.mjs');
    fs.writeFileSync(script, example.replace("'wolkvox-bulk/mock'", JSON.stringify(path.join(ROOT, 'dist/mock/index.js'))).replace("'wolkvox-bulk/client'", JSON.stringify(path.join(ROOT, 'dist/api/index.js'))));
    const child = spawn(process.execPath, [script]);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok /);
  });
});

async function runMockServerCommand(args: string[]): Promise<void> {
  const dir = tempDir();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: dir });
  const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const response = await fetch(`${url}/server/API/v2/custom/update.php`, {
    method: 'POST',
    headers: { 'Wolkvox-Token': 'test-token' },
    body: JSON.stringify({ operation: 'op', module: 'contacts', 'wolkvox-id': '1', fields: { A: 1 } }),
  });
  expect(response.status).toBe(200);
  child.kill('SIGTERM');
  const [code] = (await once(child, 'close')) as [number];
  expect(code).toBe(0);
  expect(fs.readFileSync(path.join(dir, 'ledger.jsonl'), 'utf8')).toContain('"id":"1"');
}

// The page server runs until Ctrl-C: its printed address must open the page, and Ctrl-C must end it.
async function runUiCommand(args: string[]): Promise<void> {
  const dir = tempDir();
  const child = spawn(process.execPath, [CLI, ...args, '--no-open'], { cwd: dir });
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const url = /http:\/\/127\.0\.0\.1:\d+\/\?key=\S+/.exec(line)?.[0] ?? '';
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('<div id="app">');
  child.kill('SIGINT');
  const [code] = (await once(child, 'close')) as [number];
  expect(code).toBe(0);
}
