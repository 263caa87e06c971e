// One-off (issue 18): peak RSS of a 1M-row `update --batch 100` under start-up variants of the same build,
// to find what the ~80 MB of native memory above the JS heap is (young generation, malloc arenas).
// Usage: npm run build && node bench/one-off/update-memory-variants.js [rows...]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectExit, runCli } from '../lib/child.js';
import { writeCsv, writeMapping } from '../lib/inputs.js';
import { withServer } from '../lib/server.js';
import { updateArgs } from '../lib/update-args.js';

const sizes = process.argv.slice(2).map(Number);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mem-variants-'));
const mapping = writeMapping(dir);
const RUNTIME = '--import=' + new URL('./runtime-flags.js', import.meta.url).pathname;
const runtime = (flags) => ({ env: { NODE_OPTIONS: RUNTIME, V8_RUNTIME_FLAGS: flags } });
const variants = [
  ['default', {}],
  ['--max-semi-space-size=4 (start-up)', { env: { NODE_OPTIONS: '--max-semi-space-size=4' } }],
  ['heap-growing-percent=50 (runtime)', runtime('--heap-growing-percent=50')],
  ['heap-growing-percent=30 (runtime)', runtime('--heap-growing-percent=30')],
  ['optimize-for-size (runtime)', runtime('--optimize-for-size')],
];
for (const rows of sizes.length > 0 ? sizes : [100_000, 1_000_000]) {
  const file = await writeCsv(path.join(dir, `u-${rows}.csv`), rows);
  for (const [name, options] of variants) {
    const out = path.join(dir, `run-${rows}-${name.replace(/\W/g, '')}`);
    const run = await withServer({}, async (server) => expectExit(await runCli(updateArgs({ file, mapping, out }, server, ['--batch', '100']), { ...options, rss: { dir, sampleMs: 0 } }), [0], name));
    console.log(`${rows}\t${name}\t${run.maxRssMb.toFixed(0)} MB\tcpu ${(run.cpuMs / 1000).toFixed(1)} s`);
    fs.rmSync(out, { recursive: true, force: true });
  }
}
fs.rmSync(dir, { recursive: true, force: true });
