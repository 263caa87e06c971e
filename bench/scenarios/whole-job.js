import fs from 'node:fs';
import path from 'node:path';
import { cpuByPhase, phaseTable } from '../lib/cpu-phases.js';
import { expectExit, runCli, runProcess, TOKEN } from '../lib/child.js';
import { figure, idSequence } from '../lib/figures.js';
import { csvJob, writeCsv, writeMapping } from '../lib/inputs.js';
import { PEERS } from '../lib/paths.js';
import { profileIn, profileTables, summarizeProfile } from '../lib/profile.js';
import { logLines } from '../lib/run-log.js';
import { withServer } from '../lib/server.js';
import { updateArgs } from '../lib/update-args.js';

const BATCH = 100;
// 2 in flight: the CRM's limit and the tool's default --concurrency; the bare client uses the same.
const IN_FLIGHT = 2;
const PACE_TARGET = 0.9;
const CPU_TARGET_US = 30;
// The CPU goal is a row's share of a job this big (issue 18: 1M rows in ≤ 30 s); --quick's smaller jobs have no target.
const CPU_TARGET_ROWS = 1_000_000;
// How often the child samples its own CPU time, to cut it by phase.
const CPU_SAMPLE_MS = 100;

/**
 * 10. A whole job at --batch 100 (issue 18): its pace against a bare client sending the same calls, and
 * the CPU the CLI process spends on the whole job (check, sending, reports) per row.
 */
export default {
  id: 10,
  title: 'A whole job at --batch 100',
  async run({ quick, tmp, log }) {
    const size = quick
      ? { paceRows: 2000, latencyMs: 10, rounds: 1, cpuRows: [3000, 10_000] }
      : { paceRows: 20_000, latencyMs: 50, rounds: 3, cpuRows: [100_000, 1_000_000] };
    const nextId = idSequence(10);
    const pace = await measurePace({ tmp, log, size });
    const cpu = [];
    for (const rows of size.cpuRows) cpu.push(await measureCpu({ tmp, log, rows }));

    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const bareMs = median(pace.rounds.map((round) => round.bare.ms));
    const toolMs = median(pace.rounds.map((round) => round.tool.summary.durationMs));
    const bareWall = median(pace.rounds.map((round) => round.bare.run.wallMs));
    const toolWall = median(pace.rounds.map((round) => round.tool.run.wallMs));
    const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
    const all = (pick) => pace.rounds.map((round) => s(pick(round))).join(', ');
    const crm = `${size.paceRows.toLocaleString('en-US')} rows, --batch ${BATCH}, ${size.latencyMs} ms a call, ${IN_FLIGHT} in flight`;
    const paceFigure = figure({
      id: nextId(),
      label: `Pace, ${crm}: bare updateMany.php client ÷ the tool's whole job (summary.json durationMs)`,
      value: bareMs / toolMs,
      target: ['>=', PACE_TARGET],
      detail: `bare ${s(bareMs)} (its first line to its last answer; ${pace.rounds[0].bare.calls} calls, ${pace.rounds[0].bare.records} records counted) ÷ tool ${s(toolMs)} (durationMs: check, sending, reports; ${pace.rounds[0].tool.summary.calls} calls, ${pace.rounds[0].tool.summary.counts.updated} updated); median of ${pace.rounds.length} (bare ${all((round) => round.bare.ms)}; tool ${all((round) => round.tool.summary.durationMs)}); the CRM saw at most ${Math.max(...pace.rounds.flatMap((round) => [round.bare.maxInFlight, round.tool.maxInFlight]))} in flight`,
    });
    const figures = [
      paceFigure,
      figure({
        id: nextId(),
        label: `Pace, ${crm}: bare client ÷ the tool, both from spawn to exit`,
        value: bareWall / toolWall,
        detail: `bare ${s(bareWall)} ÷ tool ${s(toolWall)}, with Node's start-up and loading; median of ${pace.rounds.length} (bare ${all((round) => round.bare.run.wallMs)}; tool ${all((round) => round.tool.run.wallMs)})`,
      }),
      // The goal is a row's share of a 1M-row job's CPU (issue 18: 1M rows in ≤ 30 s). A smaller job spreads
      // the same fixed costs (Node's start-up, loading, V8 compiling on its own threads: about 1.5–2 s) over
      // fewer rows, so its figure is for information, with the cost each further row adds beside it.
      ...cpu.map((run) =>
        figure({
          id: nextId(),
          label: `CPU of the whole job a row (user + system of the CLI process), ${run.rows.toLocaleString('en-US')} rows, zero latency, --batch ${BATCH}`,
          value: (run.run.cpuMs * 1000) / run.rows,
          digits: 1,
          unit: 'µs',
          ...(run.rows >= CPU_TARGET_ROWS ? { target: ['<=', CPU_TARGET_US] } : {}),
          detail: `${s(run.run.cpuMs)} CPU (user ${s(run.run.memory.userMs)}, system ${s(run.run.memory.systemMs)}) for ${run.run.summary.counts.updated.toLocaleString('en-US')} rows updated in ${run.run.summary.calls} calls; wall ${s(run.run.wallMs)}, durationMs ${s(run.run.summary.durationMs)}; by phase: ${run.phases.map((phase) => `${phase.name} ${s(phase.cpuMs)}`).join(', ')}`,
        }),
      ),
      ...(cpu.length > 1
        ? [
            figure({
              id: nextId(),
              label: `CPU each further row adds, ${cpu[0].rows.toLocaleString('en-US')} → ${cpu.at(-1).rows.toLocaleString('en-US')} rows, zero latency, --batch ${BATCH}`,
              value: ((cpu.at(-1).run.cpuMs - cpu[0].run.cpuMs) * 1000) / (cpu.at(-1).rows - cpu[0].rows),
              digits: 1,
              unit: 'µs',
              detail: `(${s(cpu.at(-1).run.cpuMs)} − ${s(cpu[0].run.cpuMs)}) ÷ ${(cpu.at(-1).rows - cpu[0].rows).toLocaleString('en-US')} rows; what is left of the smaller job's CPU is the fixed cost: ${s(cpu[0].run.cpuMs - (cpu[0].rows * (cpu.at(-1).run.cpuMs - cpu[0].run.cpuMs)) / (cpu.at(-1).rows - cpu[0].rows))}`,
            }),
          ]
        : []),
    ];
    const notes = [
      `Pace: each side runs against its own fresh simulated CRM (latency ${size.latencyMs} ms, no jitter, limit ${IN_FLIGHT}), in ${pace.rounds.length} round${pace.rounds.length > 1 ? 's' : ''} of bare then tool (\`update --batch ${BATCH} --concurrency ${IN_FLIGHT}\`); the medians are compared. The bare client (bench/peers/bare-batch.js) reads the same CSV and mapping, builds the same ${Math.ceil(size.paceRows / BATCH)} updateMany.php bodies (${BATCH} records each, in file order) and posts them ${IN_FLIGHT} at a time over keep-alive sockets, timing itself from its first line to its last answer, as the tool's durationMs leaves out Node's start-up. The ideal is ${Math.ceil(size.paceRows / BATCH / IN_FLIGHT)} rounds of ${size.latencyMs} ms = ${s(Math.ceil(size.paceRows / BATCH / IN_FLIGHT) * size.latencyMs)}.`,
      `CPU: \`update --batch ${BATCH}\` (default --concurrency) against a CRM answering at once, so the run is all CPU; user + system time is the child's own \`process.resourceUsage()\` at exit (bench/lib/rss-observer.js, preloaded), which leaves out the simulated CRM in the bench's process. Phases are cut at summary.json's startedAt, the plan line of log.ndjson and the last record the CRM applied; the CPU at each cut is read off the child's own samples (every ${CPU_SAMPLE_MS} ms), so a phase is exact to about ${CPU_SAMPLE_MS} ms of CPU.`,
    ];
    const investigation = [];
    if (paceFigure.pass === false) investigation.push(...explainPace(pace, paceFigure.id));
    const missed = figures.slice(2).filter((item) => item.pass === false);
    if (missed.length > 0) investigation.push(...(await explainCpu({ tmp, log, runs: cpu, ids: missed.map((item) => item.id) })));
    return { figures, notes, investigation };
  },
};

// Rounds of bare then tool, each against a fresh CRM: the same rows, calls and latency.
async function measurePace({ tmp, log, size }) {
  const job = await csvJob(tmp, 'whole-job-pace', size.paceRows);
  const crm = { latencyMs: size.latencyMs, concurrencyLimit: IN_FLIGHT };
  const rounds = [];
  for (let round = 1; round <= size.rounds; round += 1) {
    log(`pace ${round}/${size.rounds}: ${size.paceRows} rows, --batch ${BATCH}, ${size.latencyMs} ms a call: bare updateMany.php client, then the CLI`);
    const bare = await withServer(crm, async (server) => {
      const run = expectExit(await runProcess(process.execPath, [path.join(PEERS, 'bare-batch.js'), job.file, job.mapping, server.url, String(BATCH), String(IN_FLIGHT)], { env: { ...process.env, WOLKVOX_TOKEN: TOKEN } }), [0], 'bare updateMany.php client');
      const printed = JSON.parse(run.stdout);
      if (printed.ok !== printed.calls || printed.records !== size.paceRows) throw new Error(`The bare client did not do the job: ${run.stdout}`);
      return { run, ...printed, maxInFlight: server.stats.maxInFlight };
    });
    const out = path.join(job.dir, `run-${round}`);
    const tool = await withServer(crm, async (server) => {
      const run = expectExit(await runCli(updateArgs({ ...job, out }, server, ['--batch', String(BATCH), '--concurrency', String(IN_FLIGHT)])), [0], 'update --batch');
      return { run, summary: run.summary, maxInFlight: server.stats.maxInFlight, lastAppliedAt: Date.parse(server.ledger.at(-1)?.time) };
    });
    rounds.push({ bare, tool, out });
  }
  return { rounds };
}

async function measureCpu({ tmp, log, rows }) {
  const dir = fs.mkdtempSync(path.join(tmp, `whole-job-cpu-${rows}-`));
  const file = await writeCsv(path.join(dir, `cpu-${rows}.csv`), rows);
  const mapping = writeMapping(dir);
  const out = path.join(dir, 'run');
  log(`CPU: update --batch ${BATCH}, ${rows} rows, zero latency`);
  return withServer({}, async (server) => {
    const run = expectExit(await runCli(updateArgs({ file, mapping, out }, server, ['--batch', String(BATCH)]), { rss: { dir, sampleMs: CPU_SAMPLE_MS } }), [0], 'update --batch (CPU)');
    if (run.summary.counts.updated !== rows) throw new Error(`update --batch updated ${run.summary.counts.updated} of ${rows} rows`);
    const lastAppliedAt = Date.parse(server.ledger.at(-1)?.time);
    return { rows, file, mapping, dir, run, phases: cpuByPhase(run, out, lastAppliedAt) };
  });
}

// A missed pace: where the tool's time went beyond the bare client's, from its own log and the CRM's ledger.
function explainPace(pace, id) {
  const lines = [`**Why ${id} misses (measured):** the tool's time by phase (cut at summary.json's startedAt, the plan line of log.ndjson and the last record the CRM applied), against the bare client's whole time:`, '', '| round | bare client | tool: file check | tool: sending | tool: reports | tool: durationMs |', '|---|---|---|---|---|---|'];
  for (const [index, round] of pace.rounds.entries()) {
    const started = Date.parse(round.tool.summary.startedAt);
    const finished = Date.parse(round.tool.summary.finishedAt);
    const planAt = logLines(round.out, ['plan'])[0]?.time ?? Number.NaN;
    const s = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '—');
    lines.push(`| ${index + 1} | ${s(round.bare.ms)} | ${s(planAt - started)} | ${s(round.tool.lastAppliedAt - planAt)} | ${s(finished - round.tool.lastAppliedAt)} | ${s(round.tool.summary.durationMs)} |`);
  }
  lines.push('', 'Sending ends when the CRM applied the last record (its answer leaves at once); the reports column runs from there to the summary, so it also holds the last answers\' way back and the journal\'s close.', '');
  return lines;
}

// A missed CPU target: the split by phase of every size, then a CPU profile of the smaller job.
async function explainCpu({ tmp, log, runs, ids }) {
  const [small] = runs;
  const profDir = fs.mkdtempSync(path.join(tmp, 'whole-job-prof-'));
  log(`CPU missed: profiling the same ${small.rows}-row job (node --cpu-prof)`);
  await withServer({}, async (server) => expectExit(await runCli(updateArgs({ file: small.file, mapping: small.mapping, out: path.join(small.dir, 'run-profiled') }, server, ['--batch', String(BATCH)]), { cpuProfDir: profDir }), [0], 'update --batch (profiled)'));
  const profile = summarizeProfile(profileIn(profDir), 12);
  return [
    `**Why ${ids.join(', ')} miss${ids.length === 1 ? 'es' : ''} (measured):** the CLI's CPU by phase:`,
    '',
    ...runs.flatMap((run) => [`${run.rows.toLocaleString('en-US')} rows (${((run.run.cpuMs * 1000) / run.rows).toFixed(1)} µs a row in all):`, '', ...phaseTable(run.phases, run.rows), '']),
    `CPU profile of the smaller, ${small.rows.toLocaleString('en-US')}-row job (its fixed costs weigh more there than at the target's size; \`node --cpu-prof dist/cli/main.js update … --batch ${BATCH}\`, ${(profile.totalMs / 1000).toFixed(1)} s sampled, idle included). Self time by package (each sample charged to the nearest frame in a package or in dist/):`,
    '',
    ...profileTables(profile),
    '',
  ];
}
