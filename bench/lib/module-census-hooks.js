// The load hook of module-census.js: every file: module the child loads, appended as it loads.
import fs from 'node:fs';

const out = process.env.BENCH_MODULES_FILE;

export async function load(url, context, nextLoad) {
  if (out && url.startsWith('file:')) fs.appendFileSync(out, `${url}\n`);
  return nextLoad(url, context);
}
