import { expectExit, runCli } from '../lib/child.js';
import { figure, idSequence } from '../lib/figures.js';
import { csvJob } from '../lib/inputs.js';
import { meanDrawnLatencyMs } from '../lib/seeded-draws.js';
import { withServer } from '../lib/server.js';
import { runPhases } from '../lib/run-phases.js';
import { toolRowsPerSecond, updateArgs } from '../lib/update-args.js';

const LATENCY = { latencyMs: 100, jitterMs: 20, seed: 6 };

/** 1. Pace against latency: does the pool keep every slot the CRM allows busy, and never one more? */
export default {
  id: 1,
  title: 'Pace against latency',
  async run({ quick, tmp, log }) {
    const rows = quick ? 40 : 400;
    const figures = [];
    const notes = [];
    const nextId = idSequence(1);
    const runs = [];
    for (const concurrency of [2, 8]) {
      const job = await csvJob(tmp, `pace-c${concurrency}`, rows);
      const result = await withServer({ ...LATENCY, concurrencyLimit: concurrency }, async (server) => {
        log(`${rows} rows, latency ${LATENCY.latencyMs} ± ${LATENCY.jitterMs} ms, limit and --concurrency ${concurrency}`);
        const run = expectExit(await runCli(updateArgs(job, server, ['--concurrency', String(concurrency)])), [0], 'update');
        return { run, stats: structuredClone(server.stats) };
      });
      const { summary, wallMs } = result.run;
      const meanMs = await meanDrawnLatencyMs({ ...LATENCY, calls: result.stats.updateCalls });
      const ideal = concurrency / (meanMs / 1000);
      const achieved = toolRowsPerSecond(summary);
      const paceId = nextId();
      runs.push({ paceId, concurrency, job, summary, ideal });
      figures.push(
        figure({
          id: paceId,
          label: `Pace, latency 100 ± 20 ms, --concurrency ${concurrency}: achieved ÷ ideal rows/s`,
          value: achieved / ideal,
          target: ['>=', 0.95],
          detail: `${achieved.toFixed(2)} rows/s ÷ ideal ${ideal.toFixed(2)} (${concurrency} ÷ mean drawn latency ${meanMs.toFixed(1)} ms); ${summary.counts.updated}/${rows} updated; with Node's start-up (wall ${(wallMs / 1000).toFixed(2)} s): ${(rows / (wallMs / 1000) / ideal).toFixed(3)}`,
        }),
        figure({
          id: nextId(),
          label: `Server's max simultaneous requests ÷ --concurrency ${concurrency}`,
          value: result.stats.maxInFlight / concurrency,
          target: ['<=', 1],
          detail: `max in flight ${result.stats.maxInFlight}`,
        }),
        figure({
          id: nextId(),
          label: `Over-concurrency refusals, --concurrency ${concurrency}`,
          value: result.stats.refused.concurrency,
          digits: 0,
          target: ['=', 0],
          detail: `${result.stats.updateCalls} update calls for ${rows} rows`,
        }),
      );
    }
    const investigation = runs.filter((run) => figures.find((item) => item.id === run.paceId)?.pass === false).flatMap(explainPace);
    notes.push(`Ideal = concurrency ÷ the mean of the server's seeded latency draws for call numbers 1..N (replayed with its own draw function). Achieved = updated rows ÷ the run's own duration (summary.json \`durationMs\`: file check, sending and reports; Node's start-up is excluded, and shown separately as "with Node's start-up").`);
    return { figures, notes, investigation };
  },
};

// A missed pace: was the pool idle while sending, or did the check and the reports take the time?
function explainPace({ paceId, concurrency, job, summary, ideal }) {
  const phases = runPhases(job.out);
  const seconds = (from, to) => (from === undefined || to === undefined ? undefined : (to - from) / 1000);
  const check = seconds(Date.parse(summary.startedAt), phases.planAt);
  // Without debug lines the log does not say when sending ended: the reports count with the sending.
  const sendingEnd = phases.lastRowAt ?? phases.finishedAt;
  const sending = seconds(phases.planAt, sendingEnd);
  const what = phases.lastRowAt ? 'sending' : 'sending and the reports';
  return [
    `**Why ${paceId} misses (measured, from the run's log.ndjson):** of ${(summary.durationMs / 1000).toFixed(2)} s, the file check took ${check?.toFixed(2) ?? '?'} s and ${what} ${sending?.toFixed(2) ?? '?'} s; ${what} alone ran at ${sending ? (summary.counts.updated / sending / ideal).toFixed(3) : '?'} of the ideal ${concurrency}-slot pace.`,
    '',
  ];
}
