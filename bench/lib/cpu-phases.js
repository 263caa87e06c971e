import { logLines } from './run-log.js';

/**
 * The child's CPU time (user + system, ms) at a moment (epoch ms), read off the observer's samples by
 * linear interpolation: 0 when the process started, the exit's resourceUsage when it ended.
 */
function cpuAt(memory, at) {
  const points = [{ t: memory.startedAt, cpuMs: 0 }, ...memory.samples.filter((sample) => sample.cpuMs !== undefined), { t: memory.exitedAt, cpuMs: memory.cpuMs }];
  if (at <= points[0].t) return 0;
  for (let index = 1; index < points.length; index += 1) {
    const [before, after] = [points[index - 1], points[index]];
    if (at <= after.t) return after.t === before.t ? after.cpuMs : before.cpuMs + ((after.cpuMs - before.cpuMs) * (at - before.t)) / (after.t - before.t);
  }
  return memory.cpuMs;
}

/**
 * CPU and wall time of each phase of an `update` run, cut at moments the run itself or the CRM tells:
 * Node's start-up and loading end when the command starts (summary.json `startedAt`), the file check at
 * the plan (log.ndjson), sending at the last record the CRM applied (its ledger), and the reports at exit.
 * A phase whose ends are not known is left out. `run` is runCli's result with `rss` sampling on.
 */
export function cpuByPhase(run, runDir, lastAppliedAt) {
  const { memory, summary } = run;
  const planAt = logLines(runDir, ['plan'])[0]?.time;
  const cuts = [
    ['Node start-up and loading', memory.startedAt],
    ['file check', summary ? Date.parse(summary.startedAt) : undefined],
    ['sending', planAt],
    ['reports and exit', lastAppliedAt],
    ['', memory.exitedAt],
  ];
  const phases = [];
  for (let index = 0; index < cuts.length - 1; index += 1) {
    const [name, from] = cuts[index];
    const to = cuts[index + 1][1];
    if (from === undefined || to === undefined) continue;
    phases.push({ name, wallMs: to - from, cpuMs: cpuAt(memory, to) - cpuAt(memory, from) });
  }
  return phases;
}

/** The markdown table of cpuByPhase, with µs a row. */
export function phaseTable(phases, rows) {
  const total = phases.reduce((sum, phase) => sum + phase.cpuMs, 0);
  return [
    '| phase | wall | CPU | CPU a row | share of CPU |',
    '|---|---|---|---|---|',
    ...phases.map((phase) => `| ${phase.name} | ${(phase.wallMs / 1000).toFixed(2)} s | ${(phase.cpuMs / 1000).toFixed(2)} s | ${((phase.cpuMs * 1000) / rows).toFixed(1)} µs | ${total > 0 ? ((phase.cpuMs / total) * 100).toFixed(0) : '—'} % |`),
  ];
}
