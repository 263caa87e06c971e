import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runProcess } from './child.js';

const CENSUS = pathToFileURL(path.join(import.meta.dirname, 'module-census.js')).href;

/**
 * The files `node …nodeArgs` loads, grouped by package (node_modules/<name>) or the tool's own dist/,
 * with their source size, biggest first: what a start-up spends its loading on.
 */
export async function loadedModules(nodeArgs, { dir, env }) {
  const file = path.join(dir, `modules-${process.hrtime.bigint()}.txt`);
  const run = await runProcess(process.execPath, ['--import', CENSUS, ...nodeArgs], { env: { ...env, BENCH_MODULES_FILE: file }, cwd: dir });
  if (run.code !== 0) throw new Error(`node ${nodeArgs.join(' ')} (module census) exited with ${run.code ?? run.signal}: ${run.stderr.slice(-500)}`);
  const files = [...new Set(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean))].map((url) => fileURLToPath(url)).filter((name) => !name.startsWith(import.meta.dirname));
  const groups = new Map();
  for (const name of files) {
    const pkg = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(name)?.[1];
    const key = pkg ?? (/\/dist\//.test(name) ? 'dist/ (this tool)' : path.basename(name));
    const group = groups.get(key) ?? { name: key, files: 0, bytes: 0 };
    group.files += 1;
    group.bytes += fs.statSync(name).size;
    groups.set(key, group);
  }
  const packages = [...groups.values()].sort((a, b) => b.bytes - a.bytes);
  return { files: files.length, bytes: packages.reduce((sum, group) => sum + group.bytes, 0), packages };
}

/** "412 files, 5.2 MB of source: exceljs 120 files 2.1 MB; …" (the `top` biggest groups). */
export function describeLoaded({ files, bytes, packages }, top = 8) {
  const mb = (value) => `${(value / 1024 / 1024).toFixed(1)} MB`;
  const rest = packages.slice(top);
  return `${files} files, ${mb(bytes)} of source: ${packages.slice(0, top).map((group) => `${group.name} ${group.files} file${group.files === 1 ? '' : 's'} ${mb(group.bytes)}`).join('; ')}${rest.length > 0 ? `; ${rest.length} more packages ${rest.reduce((sum, group) => sum + group.files, 0)} files ${mb(rest.reduce((sum, group) => sum + group.bytes, 0))}` : ''}`;
}
