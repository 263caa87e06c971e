import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { scanImports, type FoundImport } from './imports.js';

// The stages, lowest first: a folder imports only folders to its left (and itself). `api/` is used by
// `send/` alone; `mock/` stands apart (the simulated CRM shares no code with the tool but core types);
// the two skins, the command line and the local page, sit on the library and never on each other (the
// `ui` command file of the CLI starts the page's server). `index` is src/index.ts, the public surface.
const ORDER = ['core', 'input', 'mapping', 'plan', 'store', 'report', 'send', 'run'];
const EXTRA: Readonly<Record<string, readonly string[]>> = {
  // The skins may start the simulated CRM (`demo`, `mock-server`).
  cli: [...ORDER, 'mock', 'ui'],
  // The page uses the library through its public surface alone (src/index.ts), as any script would.
  ui: ['index'],
  // The public surface re-exports the stages; the simulated CRM and the raw client are subpaths of their own.
  index: ORDER,
  // The report writes what the store holds: the input's own cells and each row's recorded outcome.
  report: ['core', 'input', 'store'],
  send: [...ORDER.slice(0, ORDER.indexOf('send')), 'api'],
  api: ['core'],
  mock: ['core'],
};
const allowed = (from: string): readonly string[] => EXTRA[from] ?? ORDER.slice(0, Math.max(0, ORDER.indexOf(from)));

// Packages with one home: the HTTP client lives in api/, the command line's parser in cli/, the workbook
// writer in report/ (each is loaded only where it is used; see test/cli/start-up.test.ts).
const PACKAGE_HOMES: Readonly<Record<string, string>> = { axios: 'api', yargs: 'cli', exceljs: 'report' };

const SRC = path.join(ROOT, 'src');

/** Every .ts file under src/, src/index.ts included, with the stage it belongs to ('index' for src/index.ts). */
function sourceFiles(): { file: string; stage: string }[] {
  return (fs.readdirSync(SRC, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ file: path.join(SRC, name), stage: stageOf(path.join(SRC, name)) }));
}

// src/cli/main.ts → 'cli'; src/index.ts → 'index'.
const stageOf = (file: string) => (path.relative(SRC, file).split(path.sep)[0] ?? '').replace(/\.[jt]s$/, '');

// Lines that end an import or re-export at the top of a file, counted on the raw text without the parser:
// `import a from '…';`, `import '…';`, `export { a } from '…';` and the `} from '…';` closing one over lines.
const TOP_LEVEL_ENDS = /^(?:(?:import|export)\b[^\n]*?\bfrom\s*['"]|import\s*['"]|\}\s*from\s*['"])/gm;

interface Edge extends FoundImport {
  readonly file: string;
  readonly from: string;
  /** The stage imported (relative imports), or the package (bare ones). */
  readonly to: string;
  readonly relative: boolean;
}

function edges(): { edges: Edge[]; unread: string[]; miscounted: string[] } {
  const all: Edge[] = [];
  const unread: string[] = [];
  const miscounted: string[] = [];
  for (const { file, stage } of sourceFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    const scanned = scanImports(text);
    const shown = path.relative(ROOT, file);
    unread.push(...scanned.unread.map((line) => `${shown}:${line}`));
    // Every import at the top of the file is found (a parser that lost its way in a file finds fewer).
    const topLevel = scanned.imports.filter((found) => found.form !== 'dynamic' && found.form !== 'require').length;
    const expected = text.match(TOP_LEVEL_ENDS)?.length ?? 0;
    if (topLevel !== expected) miscounted.push(`${shown}: ${topLevel} of ${expected}`);
    for (const found of scanned.imports) {
      const relative = found.specifier.startsWith('.');
      const to = relative ? stageOf(path.resolve(path.dirname(file), found.specifier)) : /^(?:@[^/]+\/)?[^/]+/.exec(found.specifier)?.[0] ?? found.specifier;
      all.push({ ...found, file: shown, from: stage, to, relative });
    }
  }
  return { edges: all, unread, miscounted };
}

describe('the one-way rule (CONTRIBUTING.md)', () => {
  const scanned = edges();

  it('reads every import of every file under src/, src/index.ts included', () => {
    expect(scanned.unread).toEqual([]);
    expect(scanned.miscounted).toEqual([]);
    // Every file with an import has it found: only files that import nothing are missing here.
    const files = new Set(scanned.edges.map((edge) => edge.file));
    const importless = sourceFiles().map(({ file }) => path.relative(ROOT, file)).filter((file) => !files.has(file));
    expect(importless.filter((file) => /^\s*(?:import|export)\b[^\n]*\bfrom\b|\bimport\s*\(/m.test(fs.readFileSync(path.join(ROOT, file), 'utf8')))).toEqual([]);
    expect(files).toContain('src/index.ts');
    expect(files.size).toBeGreaterThan(150);
    // The forms the source uses today are all seen (a parser that lost one would find none of it).
    expect([...new Set(scanned.edges.map((edge) => edge.form))]).toEqual(expect.arrayContaining(['static', 'export-from', 'dynamic']));
  });

  it('no folder imports a stage above it; api only from send; report only from store, input and core', () => {
    const wrong = scanned.edges
      .filter((edge) => edge.relative && edge.to !== edge.from && !allowed(edge.from).includes(edge.to))
      .map(({ file, line, to, form }) => `${file}:${line} imports ${to} (${form})`);
    expect(wrong).toEqual([]);
  });

  it('the page uses the library only through src/index.ts', () => {
    const wrong = scanned.edges.filter((edge) => edge.from === 'ui' && edge.relative && edge.to !== 'ui' && !/^\.\.\/index\.js$/.test(edge.specifier));
    expect(wrong.map(({ file, line, specifier }) => `${file}:${line} imports ${specifier}`)).toEqual([]);
  });

  it('axios, yargs and exceljs are imported only in their own folder', () => {
    const wrong = scanned.edges
      .filter((edge) => !edge.relative && PACKAGE_HOMES[edge.to] !== undefined && PACKAGE_HOMES[edge.to] !== edge.from)
      .map(({ file, line, to }) => `${file}:${line} imports ${to}`);
    expect(wrong).toEqual([]);
  });
});

describe('reading imports (test/imports.ts)', () => {
  it.each([
    ['static, single quotes', "import fs from 'node:fs';", 'node:fs', 'static'],
    ['static, double quotes', 'import { a } from "../run/update.js";', '../run/update.js', 'static'],
    ['static over several lines', "import {\n  a,\n  type B,\n} from '../run/update.js';", '../run/update.js', 'static'],
    ['a type import', "import type { A } from '../run/update.js';", '../run/update.js', 'static'],
    ['a namespace import', "import * as run from '../run/update.js';", '../run/update.js', 'static'],
    ['a default and named import', "import x, { y } from '../run/update.js';", '../run/update.js', 'static'],
    ['a side-effect import', "import '../run/update.js';", '../run/update.js', 'side-effect'],
    ['a re-export', "export { a } from '../run/update.js';", '../run/update.js', 'export-from'],
    ['a type re-export over lines', "export type {\n  A,\n} from '../run/update.js';", '../run/update.js', 'export-from'],
    ['a star re-export', "export type * from '../run/update.js';", '../run/update.js', 'export-from'],
    ['a dynamic import', "const { a } = await import('../run/update.js');", '../run/update.js', 'dynamic'],
    ['a dynamic import in a template', 'const m = await import(`../run/update.js`);', '../run/update.js', 'dynamic'],
    ['a type-level import', "let a: typeof import('../run/update.js');", '../run/update.js', 'dynamic'],
    ['a require', "const a = require('../run/update.js');", '../run/update.js', 'require'],
  ] as const)('%s', (_name, source, specifier, form) => {
    const { imports, unread } = scanImports(`// a file\n${source}\nexport const x = 1;\n`);
    expect(imports).toEqual([{ specifier, form, line: 2 }]);
    expect(unread).toEqual([]);
  });

  it('reads no import in comments, strings or regular expressions', () => {
    const source = [
      "// import x from '../run/update.js';",
      "/* export * from '../run/update.js' */",
      "const text = \"import a from '../run/update.js'\";",
      "const pattern = /from '(\\.\\.\\/[^']+)'/g;",
      'const template = `import(${text}) from ${"x"}`;',
      'const meta = import.meta.url;',
      "const wait = tokens.require('x');",
    ].join('\n');
    expect(scanImports(source)).toEqual({ imports: [], unread: [] });
  });

  it('says where an import is that no form reads (a computed dynamic import)', () => {
    expect(scanImports("const a = 1;\nconst m = await import(name);\nimport fs from 'node:fs';").unread).toEqual([2]);
  });
});
