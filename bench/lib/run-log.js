import fs from 'node:fs';
import path from 'node:path';

/**
 * When each call left the client, from a run's log.ndjson at WOLKVOX_LOG_LEVEL=debug: every "answer" /
 * "no answer" line carries its time and the call's duration, so the send time is their difference.
 */
export function sendTimes(runDir) {
  const file = path.join(runDir, 'log.ndjson');
  if (!fs.existsSync(file)) return [];
  const times = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.includes('"msg":"answer"') && !line.includes('"msg":"no answer"')) continue;
    const entry = JSON.parse(line);
    times.push(entry.time - entry.ms);
  }
  return times.sort((a, b) => a - b);
}

/** The most calls that left within any `windowMs`, as the client's own log tells. */
export function busiestWindow(times, windowMs) {
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end += 1) {
    while (times[end] - times[start] >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** The last events a run logged, for a run that ended without its summary. */
export function lastEvents(runDir, count) {
  const file = path.join(runDir, 'log.ndjson');
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  return lines.slice(-count).map((line) => JSON.parse(line));
}

/** Every line of a run's log.ndjson whose message is one of `messages`. */
export function logLines(runDir, messages) {
  const file = path.join(runDir, 'log.ndjson');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => messages.some((message) => line.includes(`"msg":"${message}"`))).map((line) => JSON.parse(line));
}

/**
 * What a session that ended without its summary left to go on: exit code, files, last log lines, and, for
 * Node's exit 13 right after a pause, the cause found in src/send/pacer.ts.
 */
export function explainAbruptExit(runDir, run) {
  const tail = lastEvents(runDir, 4);
  const written = ['results.csv', 'summary.json'].map((name) => `${name} ${fs.existsSync(path.join(runDir, name)) ? 'written' : 'not written'}`).join(', ');
  const lines = [
    `- A session ended with exit ${run.code ?? run.signal} after ${(run.wallMs / 1000).toFixed(1)} s; ${written}; its last log lines: ${tail.map((event) => `\`${event.msg}${event.event ? ` ${JSON.stringify(event.event)}` : ''}\``).join(', ')}; stderr: ${run.stderr.trim() === '' ? '(empty)' : `\`${run.stderr.trim().slice(-300)}\``}.`,
  ];
  if (run.code === 13 && tail.some((event) => event.event?.type === 'pause')) {
    lines.push('- Exit 13 is Node\'s "unsettled top-level await": the event loop emptied while the job still waited. The last thing the CLI did was pause the pool; the pause timer is unref\'d (`timer.unref()` in `pauseFor`, src/send/pacer.ts), so with no call in flight nothing kept the process alive and it ended without reports. `resume` continues from the journal.');
  }
  return lines;
}
