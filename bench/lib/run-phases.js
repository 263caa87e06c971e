import fs from 'node:fs';
import path from 'node:path';

const CHUNK = 256 * 1024;

function readSlice(file, fromEnd) {
  const fd = fs.openSync(file, 'r');
  try {
    const { size } = fs.fstatSync(fd);
    const length = Math.min(CHUNK, size);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, fromEnd ? size - length : 0);
    return buffer.toString('utf8').split('\n');
  } finally {
    fs.closeSync(fd);
  }
}

const parse = (line) => {
  try {
    return JSON.parse(line);
  } catch {
    return undefined; // a cut line at the edge of a slice
  }
};

/**
 * When a run's phases ended, from its log.ndjson (read at its head and tail only: at debug level the log
 * of a million-row run is hundreds of MB): the file check ends at the plan, the reports end with "session
 * finished", and sending ends with the last row when the log has row lines (WOLKVOX_LOG_LEVEL=debug).
 */
export function runPhases(runDir) {
  const file = path.join(runDir, 'log.ndjson');
  const head = readSlice(file, false).map(parse).filter(Boolean);
  const tail = readSlice(file, true).map(parse).filter(Boolean);
  const planAt = head.find((line) => line.msg === 'plan')?.time;
  const lastRowAt = tail.filter((line) => line.msg === 'row').at(-1)?.time;
  const finishedAt = tail.filter((line) => line.msg === 'session finished').at(-1)?.time;
  return { planAt, lastRowAt, finishedAt };
}

/** The sample of highest RSS in each phase (with the JS heap then), from the observer's samples and the phase ends. */
export function peaksByPhase(samples, phases, startedAt) {
  const bounds = phases.lastRowAt
    ? [
        ['start-up and file check', startedAt, phases.planAt],
        ['sending', phases.planAt, phases.lastRowAt],
        ['final journal read and reports', phases.lastRowAt, Number.POSITIVE_INFINITY],
      ]
    : [
        ['start-up and file check', startedAt, phases.planAt],
        ['sending and reports', phases.planAt, Number.POSITIVE_INFINITY],
      ];
  return bounds.map(([name, from, to]) => {
    const inside = samples.filter((sample) => sample.t >= (from ?? 0) && sample.t < (to ?? Number.POSITIVE_INFINITY));
    const peak = inside.reduce((best, sample) => (best === undefined || sample.rss > best.rss ? sample : best), undefined);
    const seconds = to === Number.POSITIVE_INFINITY || to === undefined || from === undefined ? undefined : (to - from) / 1000;
    return { name, seconds, peak, heapUsedMaxMb: Math.max(0, ...inside.map((sample) => sample.heap)) };
  });
}

/** Lines in a file, counted without holding it. */
export function countLines(file) {
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let lines = 0;
  try {
    for (let read; (read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
      for (let index = 0; index < read; index += 1) if (buffer[index] === 10) lines += 1;
    }
  } finally {
    fs.closeSync(fd);
  }
  return lines;
}
