import fs from 'node:fs';
import path from 'node:path';
import { expectExit, runProcess, TOKEN } from '../lib/child.js';
import { figure, idSequence } from '../lib/figures.js';
import { writeCsv, writeMapping } from '../lib/inputs.js';
import { describeLoaded, loadedModules } from '../lib/loaded-modules.js';
import { distFile } from '../lib/paths.js';
import { runNode, usageMethod } from '../lib/process-usage.js';
import { profileIn, summarizeProfile } from '../lib/profile.js';

const TARGET = 4;

/** 11. Start-up (issue 18): commands that do next to nothing, against bare `node -e 1` measured the same way. */
export default {
  id: 11,
  title: 'Start-up',
  async run({ quick, tmp, log }) {
    const runs = quick ? 3 : 15;
    const warmUp = quick ? 0 : 1;
    const dir = fs.mkdtempSync(path.join(tmp, 'startup-'));
    const ten = await writeCsv(path.join(dir, 'ten.csv'), 10);
    const mapping = writeMapping(dir);
    const cli = distFile('cli/main.js');
    const commands = [
      { name: 'bare `node -e 1`', args: ['-e', '1'] },
      { name: '`--version`', args: [cli, '--version'], target: true },
      { name: '`--help`', args: [cli, '--help'], target: true },
      { name: '`update --help`', args: [cli, 'update', '--help'] },
      { name: '`validate` on a 10-row CSV', args: [cli, 'validate', ten, '-m', mapping, '--json'] },
    ];
    // The CLI's environment as runCli gives it (no server or log level from the bench's shell), bare node's too.
    const env = { ...process.env, WOLKVOX_TOKEN: TOKEN, NO_COLOR: '1' };
    delete env.WOLKVOX_SERVER;
    delete env.WOLKVOX_LOG_LEVEL;
    // Round-robin, after a round to warm the file cache: a slow moment of the machine hits every command alike.
    log(`${runs} runs of each of ${commands.length} commands, in turn${warmUp ? ', after a warm-up round' : ''}`);
    for (let round = 1 - warmUp; round <= runs; round += 1) {
      for (const command of commands) {
        const run = expectExit(await runNode(command.args, { dir, env, cwd: dir }), [0], command.name);
        if (round > 0) (command.runs ??= []).push(run);
      }
    }
    const [bare, ...measured] = commands.map((command) => ({ ...command, wallMs: median(command.runs.map((run) => run.wallMs)), rssMb: median(command.runs.map((run) => run.maxRssMb)), cpuMs: median(command.runs.map((run) => run.cpuMs)) }));
    const nextId = idSequence(11);
    const range = (command, pick, unit) => `${Math.min(...command.runs.map(pick)).toFixed(unit === 's' ? 2 : 0)}–${Math.max(...command.runs.map(pick)).toFixed(unit === 's' ? 2 : 0)} ${unit}`;
    const figures = measured.flatMap((command) => [
      figure({
        id: nextId(),
        label: `Start-up of ${command.name}: median wall time ÷ bare \`node -e 1\``,
        value: command.wallMs / bare.wallMs,
        target: command.target ? ['<=', TARGET] : undefined,
        detail: `${(command.wallMs / 1000).toFixed(3)} s (${range(command, (run) => run.wallMs / 1000, 's')}; CPU ${(command.cpuMs / 1000).toFixed(2)} s) ÷ ${(bare.wallMs / 1000).toFixed(3)} s (${range(bare, (run) => run.wallMs / 1000, 's')}; CPU ${(bare.cpuMs / 1000).toFixed(2)} s), spawn to exit, median of ${runs}`,
      }),
      figure({
        id: nextId(),
        label: `Start-up of ${command.name}: median peak RSS ÷ bare \`node -e 1\``,
        value: command.rssMb / bare.rssMb,
        target: command.target ? ['<=', TARGET] : undefined,
        detail: `${command.rssMb.toFixed(0)} MB (${range(command, (run) => run.maxRssMb, 'MB')}) ÷ ${bare.rssMb.toFixed(0)} MB (${range(bare, (run) => run.maxRssMb, 'MB')}), median of ${runs}`,
      }),
    ]);
    const notes = [
      `Every command runs as \`node …\` with the same environment, ${runs} times in turn${warmUp ? ' after a warm-up round' : ''}; wall time from spawn to exit as the bench sees it, peak RSS and CPU by ${usageMethod()}. Targets (≤ ${TARGET}× bare node) are issue 18's for \`--version\` and \`--help\`; \`update --help\` and \`validate\` on a 10-row file are shown for information.`,
    ];
    const missed = measured.filter((command, index) => figures.slice(index * 2, index * 2 + 2).some((item) => item.pass === false));
    const investigation = missed.length > 0 ? await explainStartup({ dir, env, log, missed, ids: figures.filter((item) => item.pass === false).map((item) => item.id) }) : [];
    return { figures, notes, investigation };
  },
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// A missed start-up: what each such command loads (files and source by package), and where a CPU profile
// of it finds the time.
async function explainStartup({ dir, env, log, missed, ids }) {
  const lines = [`**Why ${ids.join(', ')} miss${ids.length === 1 ? 'es' : ''} (measured):** what each command loads before it answers (every file through a load hook and require.cache, bench/lib/module-census.js, one run), and a CPU profile of it (\`node --cpu-prof --cpu-prof-interval 100\`, one run; samples charged to the nearest frame in a package or in dist/, else to the Node module at work: loading shows as Node's ESM loader and file reads):`, ''];
  for (const command of missed) {
    log(`start-up missed: what ${command.name} loads, and its CPU profile`);
    const loaded = await loadedModules(command.args, { dir, env });
    const profDir = fs.mkdtempSync(path.join(dir, 'prof-'));
    expectExit(await runProcess(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval', '100', ...command.args], { env, cwd: profDir }), [0], `${command.name} (profiled)`);
    const profile = summarizeProfile(profileIn(profDir), 6);
    const percent = (share) => `${(share * 100).toFixed(0)} %`;
    lines.push(
      `- ${command.name} loads ${describeLoaded(loaded)}.`,
      `  Profile (${profile.totalMs.toFixed(0)} ms sampled, slowed by the sampling): ${profile.buckets.map((bucket) => `${bucket.name} ${percent(bucket.share)}`).join('; ')}. Top functions: ${profile.functions.map((fn) => `\`${fn.name}\` ${percent(fn.share)}`).join('; ')}.`,
    );
  }
  lines.push('');
  return lines;
}
