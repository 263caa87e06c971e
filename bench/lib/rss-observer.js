// Preloaded into a measured child (`node --import rss-observer.js dist/cli/main.js ...`): it writes the
// child's own peak RSS and CPU time (user + system) on exit, so the figures are the CLI's alone, not the
// bench's. Optionally it samples memory and CPU over time and records big synchronous file reads, to
// explain a peak or split the CPU by phase when a target is missed.
import fs from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';

const out = process.env.BENCH_RSS_FILE;
const sampleMs = Number(process.env.BENCH_RSS_SAMPLE_MS ?? 0);
const samples = [];
const reads = [];
const MB = 1024 * 1024;

if (out && sampleMs > 0) {
  setInterval(() => {
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    samples.push({ t: Date.now(), rss: Math.round(memory.rss / MB), heap: Math.round(memory.heapUsed / MB), heapTotal: Math.round(memory.heapTotal / MB), external: Math.round(memory.external / MB), cpuMs: (cpu.user + cpu.system) / 1000 });
  }, sampleMs).unref();
}
// The JS heap in use just after each full collection: what the process really holds (its live data, plus
// what it allocated in the moment before the observer ran), as against the heap V8 keeps reserved, which
// grows with how long a run lasts as much as with what it holds.
let liveMaxBytes = 0;
if (out) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) liveMaxBytes = Math.max(liveMaxBytes, process.memoryUsage().heapUsed);
    }
  }).observe({ entryTypes: ['gc'] });
}
if (out && process.env.BENCH_TRACE_READS === '1') {
  // Modules call fs.readFileSync through the default export, so wrapping it there sees their calls.
  const readFileSync = fs.readFileSync;
  fs.readFileSync = function tracedReadFileSync(file, ...rest) {
    const result = readFileSync.call(this, file, ...rest);
    if (result.length >= MB) reads.push({ t: Date.now(), file: String(file), bytes: result.length, rssAfter: Math.round(process.memoryUsage().rss / MB) });
    return result;
  };
}
if (out) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    // The process's start (epoch ms, when its CPU time was 0) and its end, so CPU can be cut at any moment.
    const ends = { startedAt: performance.timeOrigin, exitedAt: Date.now() };
    fs.writeFileSync(out, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000, ...ends, liveMaxMb: liveMaxBytes / MB, samples, reads }));
  });
}
