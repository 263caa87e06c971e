#!/usr/bin/env node
// `npm run bench`: runs each scenario of issue 6 against the simulated CRM and writes BENCHMARKS.md.
// `npm run bench -- --quick` runs a small version of each (under a minute) and prints the report.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, SCENARIO_COUNT, USAGE } from './lib/args.js';
import { describeMachine } from './lib/machine.js';
import { describeBuild } from './lib/build.js';
import { BENCH, BUILT, NEWMAN, ROOT, useSnapshotOfDist } from './lib/paths.js';
import { renderReport } from './lib/report.js';

// Scenario n is SCENARIOS[n - 1]; lib/args.js's SCENARIO_COUNT must match.
const SCENARIOS = ['pace-latency', 'pace-rate', 'overhead', 'peers', 'memory', 'faults', 'recovery', 'batches', 'periodic', 'whole-job', 'startup', 'match'];
if (SCENARIOS.length !== SCENARIO_COUNT) throw new Error(`bench/lib/args.js's SCENARIO_COUNT (${SCENARIO_COUNT}) does not match the ${SCENARIOS.length} scenarios of bench/run.js`);

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!fs.existsSync(path.join(BUILT, 'cli/main.js')) || !fs.existsSync(path.join(BUILT, 'index.js'))) {
    process.stderr.write('dist/ is missing: the bench measures the built CLI. Run `npm run build` first.\n');
    return 2;
  }
  // Only a whole full run may replace BENCHMARKS.md: a quick or partial one prints its report instead.
  const partial = options.quick || options.only !== undefined;
  const out = options.out ? path.resolve(options.out) : partial ? undefined : path.join(ROOT, 'BENCHMARKS.md');
  if (out === path.join(ROOT, 'BENCHMARKS.md') && partial) {
    process.stderr.write('Refusing to write a quick or partial run to BENCHMARKS.md: it holds one full run. Pick another --out.\n');
    return 2;
  }
  const wanted = (id) => options.only === undefined || options.only.has(id);
  const newman = wanted(4) ? ensureNewman(options.quick) : { installed: false, why: 'not needed' };

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wvx-bench-'));
  const build = describeBuild();
  useSnapshotOfDist(tmp);
  const started = performance.now();
  const results = [];
  try {
    for (const [index, name] of SCENARIOS.entries()) {
      if (!wanted(index + 1)) continue;
      const id = index + 1;
      const scenarioStarted = performance.now();
      const log = (message) => process.stderr.write(`[bench ${id} ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
      let title = name;
      try {
        const { default: scenario } = await import(`./scenarios/${name}.js`);
        title = scenario.title;
        log(`${title}${options.quick ? ' (quick)' : ''}`);
        const outcome = await scenario.run({ quick: options.quick, tmp, log, newman });
        results.push({ id, title, ...outcome, elapsedMs: performance.now() - scenarioStarted });
      } catch (error) {
        log(`failed: ${error.stack ?? error}`);
        results.push({ id, title, error: error.message, elapsedMs: performance.now() - scenarioStarted });
      }
    }
  } finally {
    if (options.keep) process.stderr.write(`Inputs and run folders kept in ${tmp}\n`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  const report = renderReport({ machine: describeMachine(), build, command: commandLine(), quick: options.quick, results, elapsedMs: performance.now() - started });
  if (out) {
    fs.writeFileSync(out, report);
    process.stderr.write(`Report written to ${path.relative(process.cwd(), out) || out}\n`);
  } else process.stdout.write(report);
  return results.some((result) => result.error) ? 1 : 0;
}

// Newman is a peer of scenario 4, installed into bench/node_modules (never the project's dependencies).
function ensureNewman(quick) {
  if (fs.existsSync(NEWMAN)) return { installed: true };
  if (quick) return { installed: false, why: 'not installed (quick runs do not install it; npm run bench does)' };
  process.stderr.write('Installing the bench\'s peers (newman) into bench/node_modules …\n');
  try {
    execFileSync('npm', ['--prefix', BENCH, 'install', '--no-audit', '--no-fund'], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    return { installed: false, why: `install failed: ${error.message.split('\n')[0]}` };
  }
  return fs.existsSync(NEWMAN) ? { installed: true } : { installed: false, why: 'install did not produce bench/node_modules/newman' };
}

function commandLine() {
  const args = process.argv.slice(2);
  if (process.env.npm_lifecycle_event === 'bench') return `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
  return `node bench/run.js${args.length > 0 ? ` ${args.join(' ')}` : ''}`;
}

process.exitCode = await main();
