import fs from 'node:fs';
import path from 'node:path';
import { figure, idSequence } from '../lib/figures.js';
import { idFor, MAPPING, readResults } from '../lib/inputs.js';
import { expectExit, runCli } from '../lib/child.js';
import { withServer } from '../lib/server.js';
import { updateArgs } from '../lib/update-args.js';

// Day two changes this share of the rows, spread through the file.
const CHANGED_EVERY = 50;

/** Writes a day's file: every row as on day one, but the changed ones with a new city. */
function writeDay(dir, name, rows, changed) {
  const lines = ['id,Nombre,Ciudad'];
  for (let n = 1; n <= rows; n += 1) lines.push(`${idFor(n)},Cliente ${n},${changed(n) ? 'Cali' : 'Bogotá'}`);
  const file = path.join(dir, `${name}.csv`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** 9. A periodic import: a nightly file of which 2 % changed, sent whole, with --skip-unchanged, and with --since. */
export default {
  id: 9,
  title: 'Periodic import: only what changed',
  async run({ quick, tmp, log }) {
    const rows = quick ? 1000 : 20_000;
    const dir = fs.mkdtempSync(path.join(tmp, 'periodic-'));
    const mapping = path.join(dir, 'mapping.json');
    fs.writeFileSync(mapping, JSON.stringify(MAPPING));
    const changed = (n) => n % CHANGED_EVERY === 0;
    const dayOne = writeDay(dir, 'day-one', rows, () => false);
    const dayTwo = writeDay(dir, 'day-two', rows, changed);
    const expected = Array.from({ length: rows }, (_, index) => index + 1).filter(changed).map(idFor).sort();
    // The CRM's module holds every record as day one left it.
    const records = Array.from({ length: rows }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: `Cliente ${index + 1}`, Ciudad: 'Bogotá' }));
    const crm = { records, latencyMs: 2 };

    log(`${rows} records; day two changes ${expected.length} rows: --skip-unchanged --batch 100`);
    const skip = await withServer(crm, async (server) => {
      const run = expectExit(await runCli(updateArgs({ file: dayTwo, mapping, out: path.join(dir, 'skip') }, server, ['--skip-unchanged', '--batch', '100'])), [0], 'update --skip-unchanged');
      return { summary: run.summary, stats: structuredClone(server.stats), applied: server.ledger.map((entry) => entry.id).sort() };
    });
    log('the same file sent whole (--batch 1), for comparison');
    const plain = await withServer(crm, async (server) => {
      const run = expectExit(await runCli(updateArgs({ file: dayTwo, mapping, out: path.join(dir, 'plain') }, server)), [0], 'update');
      return { summary: run.summary, stats: structuredClone(server.stats) };
    });
    log('--since: day one sent whole, then day two with --since day one (--batch 1)');
    const since = await withServer(crm, async (server) => {
      expectExit(await runCli(updateArgs({ file: dayOne, mapping, out: path.join(dir, 'day-one') }, server)), [0], 'update day one');
      const before = structuredClone(server.stats);
      const ledgerBefore = server.ledger.length;
      const run = expectExit(await runCli(updateArgs({ file: dayTwo, mapping, out: path.join(dir, 'day-two') }, server, ['--since', path.join(dir, 'day-one')])), [0], 'update --since');
      const applied = server.ledger.slice(ledgerBefore).map((entry) => entry.id).sort();
      const calls = server.stats.calls - before.calls;
      const reads = server.stats.queryCalls + server.stats.queryDatesCalls - before.queryCalls - before.queryDatesCalls;
      return { summary: run.summary, calls, reads, applied };
    });
    const unchanged = readResults(path.join(dir, 'skip')).filter((row) => row._wvx_status === 'unchanged').length;
    const reads = skip.stats.queryCalls + skip.stats.queryDatesCalls;
    const same = (a, b) => a.length === b.length && a.every((id, index) => id === b[index]);
    const nextId = idSequence(9);
    const figures = [
      figure({ id: nextId(), label: `--skip-unchanged --batch 100: calls in all, reads included (${rows.toLocaleString('en-US')} rows, ${expected.length} changed)`, value: skip.summary.calls, digits: 0, target: ['<=', quick ? 20 : 100], detail: `${reads} reads (the module, 250 records a call) + ${skip.stats.updateManyCalls + skip.stats.updateCalls} updates; ${unchanged} rows unchanged at no call` }),
      figure({ id: nextId(), label: '--skip-unchanged: ids the CRM applied that are exactly the changed rows (1 = yes)', value: same(skip.applied, expected) ? 1 : 0, digits: 0, target: ['=', 1], detail: `${skip.applied.length} ids applied, ${expected.length} rows changed` }),
      figure({ id: nextId(), label: 'The same file sent whole: calls', value: plain.summary.calls, digits: 0, detail: `every row sent with update.php (${plain.stats.updateCalls} calls)` }),
      figure({ id: nextId(), label: '--since day one, --batch 1: calls', value: since.calls, digits: 0, target: ['=', expected.length], detail: `${since.applied.length} ids applied (${same(since.applied, expected) ? 'exactly the changed rows' : 'NOT the changed rows'}); ${since.summary.counts.unchanged} rows unchanged` }),
      figure({ id: nextId(), label: '--since: reads', value: since.reads, digits: 0, target: ['=', 0], detail: 'the baseline is a hash per id in the previous run folder; nothing is read from the CRM' }),
    ];
    const notes = [
      `Server: a module of ${rows.toLocaleString('en-US')} records holding day one's values, latency 2 ms; day two changes one row in ${CHANGED_EVERY} (the city). Calls are the measure here, not time: each one spends a unit of the day's quota.`,
      `Calls side by side: whole file ${plain.summary.calls}; --skip-unchanged --batch 100 ${skip.summary.calls} (${reads} of them reads); --since ${since.calls} (no reads).`,
    ];
    return { figures, notes, investigation: [] };
  },
};
