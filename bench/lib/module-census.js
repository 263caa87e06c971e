// Preloaded into a child (`node --import module-census.js …`) when a start-up figure is missed: lists every
// file the child loaded, ES modules through a load hook (module-census-hooks.js, on Node's hooks thread)
// and CommonJS ones from require.cache on exit, into BENCH_MODULES_FILE, one URL a line (repeats possible).
import fs from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const out = process.env.BENCH_MODULES_FILE;
if (out) {
  register('./module-census-hooks.js', import.meta.url);
  const { cache } = createRequire(import.meta.url);
  process.on('exit', () => fs.appendFileSync(out, Object.keys(cache).map((file) => `${pathToFileURL(file).href}\n`).join('')));
}
