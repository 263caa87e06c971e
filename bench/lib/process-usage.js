import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runProcess } from './child.js';

const GNU_TIME = '/usr/bin/time';
const OBSERVER = pathToFileURL(path.join(import.meta.dirname, 'rss-observer.js')).href;

/** How runNode measures a child's peak RSS and CPU on this machine (said in the report). */
export const usageMethod = () =>
  fs.existsSync(GNU_TIME)
    ? 'GNU time (`/usr/bin/time -f %M %U %S`): the kernel\'s rusage of the child at its exit, the child itself unchanged'
    : 'the child\'s own `process.resourceUsage()` at exit (bench/lib/rss-observer.js, preloaded with `node --import`: GNU time is not installed)';

/**
 * Runs `node …nodeArgs` to its end, timed from spawn to exit, with its peak RSS (MB) and CPU time (user +
 * system, ms). With GNU time the child runs unchanged (time's own exec, about a millisecond, counts in the
 * wall time of every program measured this way alike); without it, the observer is preloaded into it.
 */
export async function runNode(nodeArgs, { dir, env = process.env, cwd } = {}) {
  const file = path.join(dir, `usage-${process.hrtime.bigint()}.txt`);
  if (fs.existsSync(GNU_TIME)) {
    const run = await runProcess(GNU_TIME, ['-o', file, '-f', '%M %U %S', process.execPath, ...nodeArgs], { env, cwd });
    // A failed command puts "Command exited with non-zero status N" above the figures.
    const [kb, user, system] = fs.readFileSync(file, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    return { ...run, maxRssMb: kb / 1024, cpuMs: (user + system) * 1000 };
  }
  const run = await runProcess(process.execPath, ['--import', OBSERVER, ...nodeArgs], { env: { ...env, BENCH_RSS_FILE: file }, cwd });
  const usage = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { ...run, maxRssMb: usage.maxRssKb / 1024, cpuMs: usage.cpuMs };
}
