import { runCli } from '../lib/child.js';
import { figure, idSequence } from '../lib/figures.js';
import { csvJob } from '../lib/inputs.js';
import { busiestWindow, explainAbruptExit, sendTimes } from '../lib/run-log.js';
import { withServer } from '../lib/server.js';
import { toolRowsPerSecond, updateArgs } from '../lib/update-args.js';

const RATE = 20;

/** 2. Pace against a rate: `--rate 20` against a CRM that refuses a 21st call within a second. */
export default {
  id: 2,
  title: 'Pace against a rate',
  async run({ quick, tmp, log }) {
    const rows = quick ? 60 : 400;
    // Repeated in a full run: a refusal here depends on timing, and one run could hide it.
    const repeats = quick ? 1 : 3;
    const runs = [];
    for (let attempt = 1; attempt <= repeats; attempt += 1) {
      const job = await csvJob(tmp, `rate-${attempt}`, rows);
      // A little latency, as a real network has; the default pool of 2 could go far faster than 20/s.
      runs.push(
        await withServer({ rateLimit: RATE, latencyMs: 20, jitterMs: 5, seed: attempt }, async (server) => {
          log(`run ${attempt}/${repeats}: ${rows} rows, --rate ${RATE} against a server refusing over ${RATE} calls/s`);
          // Debug logging keeps each call's send time, so a 429 can be explained from the client's side.
          const run = await runCli(updateArgs(job, server, ['--rate', String(RATE)]), { env: { WOLKVOX_LOG_LEVEL: 'debug' } });
          return { job, run, stats: structuredClone(server.stats), applied: server.ledger.length };
        }),
      );
    }
    const finished = runs.filter(({ run }) => run.code === 0 && run.summary);
    const rates = finished.map(({ run }) => toolRowsPerSecond(run.summary));
    const refusals = runs.reduce((sum, { stats }) => sum + stats.refused.rate, 0);
    const describe = ({ run, stats, applied }, index) =>
      run.summary
        ? `run ${index + 1}: ${toolRowsPerSecond(run.summary).toFixed(2)} rows/s, ${stats.refused.rate} × 429, exit ${run.code}`
        : `run ${index + 1}: exit ${run.code ?? run.signal} after ${(run.wallMs / 1000).toFixed(1)} s with ${applied}/${rows} rows applied, ${stats.refused.rate} × 429`;
    const nextId = idSequence(2);
    const figures = [
      rates.length > 0
        ? figure({ id: nextId(), label: `Pace, --rate ${RATE}: achieved ÷ ${RATE} rows/s (slowest finished run)`, value: Math.min(...rates) / RATE, target: ['>=', 0.95], detail: runs.map(describe).join('; ') })
        : figure({ id: nextId(), label: `Pace, --rate ${RATE}: achieved ÷ ${RATE} rows/s (slowest finished run)`, value: 0, target: ['>=', 0.95], detail: `no run finished: ${runs.map(describe).join('; ')}` }),
      figure({ id: nextId(), label: `429 answers (server's rate refusals) over ${repeats} run${repeats > 1 ? 's' : ''} of ${rows} rows`, value: refusals, digits: 0, target: ['=', 0], detail: `${runs.reduce((sum, { stats }) => sum + stats.updateCalls, 0)} update calls in all` }),
      figure({ id: nextId(), label: 'Runs that ended with exit 0 and a summary ÷ runs', value: finished.length / runs.length, target: ['=', 1], detail: runs.map(describe).join('; ') }),
    ];
    const notes = [
      'The CLI runs here with WOLKVOX_LOG_LEVEL=debug, so its log keeps every call\'s send time (at 20 calls/s the extra log line costs nothing measurable).',
      `The first window's ${RATE} calls leave together, so over N rows the run lasts about (N − ${RATE}) ÷ ${RATE} s plus one answer: the ratio can read a little above 1 without any second seeing more than ${RATE} calls (the 429 count is the check of that).`,
    ];
    const investigation = [];
    for (const [index, entry] of runs.entries()) {
      if (entry.stats.refused.rate === 0 && entry.run.code === 0) continue;
      investigation.push(...explain(entry, index, rows));
    }
    return { figures, notes, investigation };
  },
};

// What the client's own log says about a run that met a 429 or died: was it the client sending more
// than the rate, or the server's window seeing the calls closer together than they left?
function explain({ job, run, stats, applied }, index, rows) {
  const times = sendTimes(job.out);
  const gaps = times.slice(RATE).map((time, at) => time - (times[at] ?? 0));
  const tightest = gaps.length > 0 ? Math.min(...gaps) : undefined;
  const lines = [
    `**Run ${index + 1} (measured):** ${stats.refused.rate} × 429 from the server; exit code ${run.code ?? run.signal}; ${applied}/${rows} rows applied.`,
    `- The client's log has ${times.length} calls; the most that left within any 1000 ms: ${busiestWindow(times, 1000)}; within the pacer's own 1020 ms window: ${busiestWindow(times, 1020)}. The tightest span from a call to the ${RATE}th after it: ${tightest ?? '—'} ms (the server refuses when the ${RATE + 1}st arrives less than 1000 ms after the 1st, so a span under 1000 ms, or a first call that arrives late, is refused).`,
  ];
  if (run.code !== 0) lines.push(...explainAbruptExit(job.out, run));
  return lines;
}
