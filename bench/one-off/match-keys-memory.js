// Issue 19: the peak RSS of finding a million `match` keys by the module read, in a process of its own.
// Not a scenario of `npm run bench`: run it by hand against a build,
//   node bench/one-off/match-keys-memory.js [--keys 1000000] [--dist dist]
// A reader in memory stands in for the CRM (4,000 pages of 250 records, one holding each key), so the
// figure is the key index's, not an HTTP client's or a server's. `--dist` may name an older build (its
// resolveKeys took the keys as an array of texts) to measure the same work before the key index.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const flag = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : process.argv[at + 1];
};
const KEYS = Number(flag('keys', '1000000'));
const dist = path.resolve(flag('dist', path.join(import.meta.dirname, '../../dist')));
const { resolveKeys, newKeyState } = await import(pathToFileURL(path.join(dist, 'send/key-resolve.js')).href);

const keyOf = (n) => String(10_000_000 + n);
// Wolkvox ids are 24 hex digits.
const idOf = (n) => n.toString(16).padStart(24, '0');
const reader = {
  async modulePage(page) {
    const from = (page - 1) * 250;
    const records = [];
    for (let n = from; n < Math.min(KEYS, from + 250); n += 1) records.push({ wolkvox_id: idOf(n), documento: keyOf(n), Nombre: `Cliente ${n}` });
    return records;
  },
  byField: () => Promise.reject(new Error('not used')),
};
const rule = { column: 'Documento', field: 'documento', compare: 'document' };
const context = (state) => ({ reader, rule, state, onEvent: () => undefined, stopped: () => false });

globalThis.gc?.();
const before = process.memoryUsage().rss;
const started = performance.now();
let found;
if (newKeyState.length === 0) {
  // The build before the key index: the keys as the array of texts it took (as the plan's distinct keys were).
  const keys = Array.from({ length: KEYS }, (_, n) => keyOf(n));
  const state = newKeyState();
  await resolveKeys(keys, 'module', context(state));
  found = state.found.size;
} else {
  const { KeyIndex } = await import(pathToFileURL(path.join(dist, 'plan/key-index.js')).href);
  const index = new KeyIndex();
  for (let n = 0; n < KEYS; n += 1) index.add(keyOf(n));
  index.seal();
  const state = newKeyState(index);
  await resolveKeys({ index, *texts() { for (let n = 0; n < KEYS; n += 1) yield keyOf(n); } }, 'module', context(state));
  found = index.knownCount();
}
const seconds = (performance.now() - started) / 1000;
const peak = process.resourceUsage().maxRSS * 1024;
const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
console.log(JSON.stringify({ keys: KEYS, found, seconds: Number(seconds.toFixed(1)), rssBefore: mb(before), peakRss: mb(peak), peakOverBefore: mb(peak - before), bytesPerKey: Math.round((peak - before) / KEYS) }));
