import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { distFile, ROOT } from './paths.js';

const OBSERVER = pathToFileURL(path.join(import.meta.dirname, 'rss-observer.js')).href;
export const TOKEN = 'test-token';

/**
 * Runs a program to its end and times it from spawn to exit, the wall time a user would see.
 * `onStart` gets the child (to kill it at a chosen moment).
 */
export function runProcess(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    let stdoutBytes = 0;
    child.stdout.on('data', (chunk) => {
      stdoutBytes += chunk.length;
      if (options.stdoutFile) fs.appendFileSync(options.stdoutFile, chunk);
      else stdout.push(chunk);
    });
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stdoutBytes,
        stderr: Buffer.concat(stderr).toString('utf8'),
        wallMs: performance.now() - started,
      }),
    );
    options.onStart?.(child);
  });
}

/**
 * Runs the real CLI (`node dist/cli/main.js ...`) as a child process with the token in its environment.
 * `rss` preloads the observer and adds the child's peak RSS (MB) and CPU time (user + system, ms) to the result; `cpuProfDir` writes a
 * V8 CPU profile there; `snapshotDir` lets SIGUSR2 write a heap snapshot there. With `--json`, the
 * printed summary is parsed.
 */
export async function runCli(args, options = {}) {
  const nodeArgs = [];
  const env = { ...process.env, WOLKVOX_TOKEN: TOKEN, NO_COLOR: '1', WOLKVOX_SERVER: undefined, WOLKVOX_LOG_LEVEL: undefined, ...options.env };
  let rssFile;
  if (options.rss) {
    rssFile = path.join(options.rss.dir, `rss-${process.hrtime.bigint()}.json`);
    nodeArgs.push('--import', OBSERVER);
    Object.assign(env, { BENCH_RSS_FILE: rssFile, BENCH_RSS_SAMPLE_MS: String(options.rss.sampleMs ?? 0), BENCH_TRACE_READS: options.rss.traceReads ? '1' : '0' });
  }
  if (options.cpuProfDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
  if (options.snapshotDir) nodeArgs.push('--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${options.snapshotDir}`);
  const result = await runProcess(process.execPath, [...nodeArgs, distFile('cli/main.js'), ...args], {
    env: withoutUndefined(env),
    // Diagnostics a flag does not place go to the working directory: never the repository's.
    cwd: options.snapshotDir ?? options.cpuProfDir ?? ROOT,
    ...(options.onStart ? { onStart: options.onStart } : {}),
  });
  const summary = args.includes('--json') && result.stdout.trim().startsWith('{') ? JSON.parse(result.stdout) : undefined;
  const memory = rssFile && fs.existsSync(rssFile) ? JSON.parse(fs.readFileSync(rssFile, 'utf8')) : undefined;
  return { ...result, summary, ...(memory ? { maxRssMb: memory.maxRssKb / 1024, cpuMs: memory.cpuMs, memory } : {}) };
}

/** Fails loudly when a child did not do what the scenario needs (the figure would mean nothing). */
export function expectExit(result, codes, what) {
  if (!codes.includes(result.code)) {
    throw new Error(`${what} exited with ${result.code ?? result.signal}; expected ${codes.join(' or ')}.\n${result.stderr.slice(-2000)}`);
  }
  return result;
}

const withoutUndefined = (env) => Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
