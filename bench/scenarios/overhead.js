import fs from 'node:fs';
import path from 'node:path';
import { expectExit, runCli, runProcess, TOKEN } from '../lib/child.js';
import { figure, idSequence } from '../lib/figures.js';
import { csvJob, writeCsv } from '../lib/inputs.js';
import { PEERS } from '../lib/paths.js';
import { profileIn, profileTables, summarizeProfile } from '../lib/profile.js';
import { countLines } from '../lib/run-phases.js';
import { withServer } from '../lib/server.js';
import { updateArgs } from '../lib/update-args.js';

const CONCURRENCY = 32;
const SERVER = { concurrencyLimit: 64, latencyMs: 0 };

/** 3. Overhead: the whole CLI against a bare keep-alive loop, both against a CRM that answers at once. */
export default {
  id: 3,
  title: 'Overhead',
  async run({ quick, tmp, log }) {
    const rows = quick ? 3000 : 50_000;
    const validateRows = quick ? 50_000 : 1_000_000;
    const job = await csvJob(tmp, 'overhead', rows);

    log(`${rows} rows at zero latency: bare node:http loop, --concurrency ${CONCURRENCY}`);
    const bare = await withServer(SERVER, async (server) => {
      const run = expectExit(await runProcess(process.execPath, [path.join(PEERS, 'bare-http.js'), job.file, server.url, String(CONCURRENCY)], { env: { ...process.env, WOLKVOX_TOKEN: TOKEN } }), [0], 'bare loop');
      return { run, ok: JSON.parse(run.stdout).ok };
    });
    log(`${rows} rows at zero latency: the CLI, --concurrency ${CONCURRENCY}`);
    const tool = await withServer(SERVER, async (server) => expectExit(await runCli(updateArgs(job, server, ['--concurrency', String(CONCURRENCY)])), [0], 'update'));
    const bareRate = bare.ok / (bare.run.wallMs / 1000);
    const toolRate = tool.summary.counts.updated / (tool.wallMs / 1000);

    const big = await writeCsv(path.join(job.dir, 'validate.csv'), validateRows);
    log(`validate on ${validateRows} rows`);
    const validate = expectExit(await runCli(['validate', big, '-m', job.mapping, '--json']), [0], 'validate');
    const validateRate = validateRows / (validate.wallMs / 1000);

    const nextId = idSequence(3);
    const ratio = figure({
      id: nextId(),
      label: `Overhead: CLI rows/s ÷ bare keep-alive loop rows/s (${rows} rows, zero latency, --concurrency ${CONCURRENCY})`,
      value: toolRate / bareRate,
      target: ['>=', 0.5],
      detail: `CLI ${toolRate.toFixed(0)} rows/s (wall ${(tool.wallMs / 1000).toFixed(1)} s, ${tool.summary.counts.updated} updated) ÷ bare ${bareRate.toFixed(0)} rows/s (wall ${(bare.run.wallMs / 1000).toFixed(1)} s, ${bare.ok} ok)`,
    });
    const figures = [
      ratio,
      figure({
        id: nextId(),
        label: `validate rows/s on ${validateRows.toLocaleString('en-US')} rows ÷ CLI update rows/s at zero latency`,
        value: validateRate / toolRate,
        digits: 1,
        detail: `validate ${validateRate.toFixed(0)} rows/s (wall ${(validate.wallMs / 1000).toFixed(1)} s): the file check before a run costs about 1/${(validateRate / toolRate).toFixed(0)} of the sending`,
      }),
    ];
    const notes = ['Both sides are child processes timed from spawn to exit against a fresh simulated server in the bench process; the bare loop reads the CSV, builds the same JSON bodies and posts them over 32 keep-alive sockets, with no checks, retries, journal or reports.'];
    const investigation = ratio.pass ? [] : await investigate({ job, rows, tmp, log, tool });
    return { figures, notes, investigation };
  },
};

// A missed overhead target: profile the same run and count what it writes per row.
async function investigate({ job, rows, tmp, log, tool }) {
  const journalLines = countLines(path.join(job.out, 'journal.ndjson'));
  const logLines = countLines(path.join(job.out, 'log.ndjson'));
  const profDir = fs.mkdtempSync(path.join(tmp, 'overhead-prof-'));
  const profJob = { ...job, out: path.join(job.dir, 'run-profiled') };
  log(`overhead missed: profiling the same ${rows}-row run (node --cpu-prof)`);
  await withServer(SERVER, async (server) => expectExit(await runCli(updateArgs(profJob, server, ['--concurrency', String(CONCURRENCY)]), { cpuProfDir: profDir }), [0], 'update (profiled)'));
  const profile = summarizeProfile(profileIn(profDir), 12);
  return [
    `**Why 3a misses (measured):** CPU profile of the same ${rows}-row CLI run (\`node --cpu-prof dist/cli/main.js update …\`, ${(profile.totalMs / 1000).toFixed(1)} s sampled). Self time by package (each sample charged to the nearest frame in a package or in dist/, so the node:http and fs work a library starts counts as its own):`,
    '',
    ...profileTables(profile, 'share of CPU'),
    '',
    `Lines written in the measured run: journal.ndjson ${journalLines.toLocaleString('en-US')} (${(journalLines / rows).toFixed(2)} per row), log.ndjson ${logLines.toLocaleString('en-US')} (${(logLines / rows).toFixed(2)} per row); the run took ${(tool.summary.durationMs / 1000).toFixed(1)} s inside the tool out of ${(tool.wallMs / 1000).toFixed(1)} s wall.`,
  ];
}
