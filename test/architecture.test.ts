import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

// The stages, lowest first: a folder imports only folders to its left (and itself). `api/` is used by
// `send/` alone; `mock/` stands apart (the simulated CRM shares no code with the tool but core types);
// the two skins, the command line and the local page, sit on `run/` and never on each other (the `ui`
// command file of the CLI starts the page's server).
const ORDER = ['core', 'input', 'mapping', 'plan', 'store', 'report', 'send', 'run'];
const EXTRA: Readonly<Record<string, readonly string[]>> = {
  // The skins may start the simulated CRM (`demo`, `mock-server`).
  cli: [...ORDER, 'mock', 'ui'],
  // The page uses the library through its public surface alone (src/index.ts), as any script would.
  ui: [...ORDER, 'mock', 'index.js'],
  // The report writes what the store holds: the input's own cells and each row's recorded outcome.
  report: ['core', 'input', 'store'],
  send: [...ORDER.slice(0, ORDER.indexOf('send')), 'api'],
  api: ['core'],
  mock: ['core'],
};
const allowed = (from: string): readonly string[] => EXTRA[from] ?? ORDER.slice(0, Math.max(0, ORDER.indexOf(from)));

function imports(): { from: string; to: string; file: string }[] {
  const src = path.join(ROOT, 'src');
  const found: { from: string; to: string; file: string }[] = [];
  for (const folder of fs.readdirSync(src)) {
    const dir = path.join(src, folder);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
      if (!name.endsWith('.ts')) continue;
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      for (const match of text.matchAll(/from '(\.\.\/[^']+)'/g)) {
        const target = path.relative(src, path.resolve(path.dirname(path.join(dir, name)), match[1] as string)).split(path.sep)[0] as string;
        if (target !== folder) found.push({ from: folder, to: target, file: `src/${folder}/${name}` });
      }
    }
  }
  return found;
}

describe('the one-way rule (CONTRIBUTING.md)', () => {
  it('no folder imports a stage above it; api only from send; report only from store, input and core', () => {
    const wrong = imports().filter(({ from, to }) => !allowed(from).includes(to)).map(({ file, to }) => `${file} imports ${to}/`);
    expect(wrong).toEqual([]);
  });
});
