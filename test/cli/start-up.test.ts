import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockServer, runCli, tempDir, TOKEN } from '../helpers.js';

// Issue 18: start-up loads what the command asked for, nothing more. Speed is the bench's to measure;
// this says which modules a command loads, which is what makes it slow (every module is a file opened,
// compiled and run before the command starts).

const PRELOAD = path.join(import.meta.dirname, 'module-log.mjs');

/** Runs the CLI and gives back its exit code and the packages and src/ folders it loaded. */
async function loaded(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; packages: Set<string>; folders: Set<string> }> {
  const log = path.join(tempDir(), 'modules.txt');
  const result = await runCli(args, { env: { ...env, NODE_OPTIONS: `--import=${PRELOAD}`, WVX_MODULE_LOG: log } });
  const urls = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const packages = new Set(urls.map((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]).filter((name) => name !== undefined));
  const folders = new Set(urls.map((url) => /\/dist\/([^/]+)\/[^/]+\.js$/.exec(url)?.[1]).filter((name) => name !== undefined));
  return { code: result.code, packages, folders };
}

// What no command that only reads a file or prints text needs.
const HTTP_AND_WORKBOOK_WRITER = ['axios', 'exceljs'];
const PAGE = ['preact', 'htm'];
const SENDING = ['p-queue', 'p-retry', 'pino'];
const READERS = ['csv-parse', 'iconv-lite', 'yauzl', 'saxes', 'csv-stringify'];
const JOB_FOLDERS = ['run', 'send', 'store', 'report', 'api', 'ui', 'mock'];

const without = (names: Set<string>, unwanted: readonly string[]) => unwanted.filter((name) => names.has(name));

describe('start-up loads what the command needs (issue 18)', () => {
  it.each([[['--version']], [['--help']], [['update', '--help']], [['ui', '--help']], [['mock-server', '--help']], [['watch', '--help']]])(
    '%j loads yargs and the commands\' flags, no library stage and no package of a job',
    async (args) => {
      const { code, packages, folders } = await loaded(args);
      expect(code).toBe(0);
      expect(packages.has('yargs')).toBe(true);
      expect(without(packages, [...HTTP_AND_WORKBOOK_WRITER, ...PAGE, ...SENDING, ...READERS])).toEqual([]);
      expect(without(folders, JOB_FOLDERS)).toEqual([]);
    },
  );

  it('validate of a CSV reads it without the workbook reader, the HTTP client, the sender, the page or the simulated CRM', async () => {
    const { code, packages, folders } = await loaded(['validate', 'samples/clientes.csv', '--mapping', 'samples/clientes.mapping.json']);
    expect(code).toBe(0);
    expect(packages.has('csv-parse')).toBe(true);
    expect(without(packages, [...HTTP_AND_WORKBOOK_WRITER, ...PAGE, ...SENDING, 'yauzl', 'saxes'])).toEqual([]);
    expect(without(folders, ['send', 'api', 'ui', 'mock'])).toEqual([]);
  });

  it('validate of a workbook reads it without the CSV parser', async () => {
    const { code, packages } = await loaded(['validate', 'samples/clientes.xlsx', '--mapping', 'samples/clientes-xlsx.mapping.json']);
    expect(code).toBe(0);
    expect(packages.has('yauzl')).toBe(true);
    expect(without(packages, ['csv-parse', ...HTTP_AND_WORKBOOK_WRITER])).toEqual([]);
  });

  it('a dry run makes no call, so it never loads the HTTP client; a CSV report never loads the workbook writer', async () => {
    const out = path.join(tempDir(), 'run');
    const { code, packages, folders } = await loaded(['update', 'samples/clientes.csv', '--mapping', 'samples/clientes.mapping.json', '--dry-run', '--out', out, '--quiet']);
    expect(code).toBe(0);
    expect(folders.has('run')).toBe(true);
    expect(without(packages, [...HTTP_AND_WORKBOOK_WRITER, ...PAGE])).toEqual([]);
    expect(without(folders, ['ui', 'mock'])).toEqual([]);
  });

  it('a job that sends straight to the server uses Node\'s own http: no axios, no workbook writer, no page', async () => {
    const server = await mockServer();
    const out = path.join(tempDir(), 'run');
    const { code, packages } = await loaded(['update', 'samples/clientes.csv', '--mapping', 'samples/clientes.mapping.json', '--out', out, '--yes', '--quiet'], { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url, NO_PROXY: '*' });
    expect(code).toBe(0);
    expect(server.stats.updateCalls).toBeGreaterThan(0);
    expect(without(packages, ['axios', 'exceljs', ...PAGE])).toEqual([]);
  });

  it('a job whose server is behind a proxy loads axios, which the log sees (it is required, not imported), and its calls go to the proxy', async () => {
    const server = await mockServer();
    const out = path.join(tempDir(), 'run');
    // A proxy that is not there: the calls never reach the CRM, and the job stops; what it loaded is the point.
    const { packages } = await loaded(['update', 'samples/clientes.csv', '--mapping', 'samples/clientes.mapping.json', '--out', out, '--yes', '--quiet', '--retries', '0'], { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url, HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '' });
    expect(packages.has('axios')).toBe(true);
    expect(server.stats.calls).toBe(0);
  });
});
