// The seeded faults and latency of data calls: a call's number and the seed decide them, so a failing
// run replays with the same seed (bench/lib/seeded-draws.js replays them in this order).
import { setTimeout as sleep } from 'node:timers/promises';
import type { ResolvedMockOptions } from './options.js';
import { drawFor } from './random.js';

export type FaultKind = 'serverError' | 'reset' | 'bodyError' | 'badJson' | 'hang' | 'drip' | 'requestTimeout';

/** The fault drawn for call number `index` (salt 1), if any: each kind takes its rate's band of [0, 1). */
export function pickFault(config: ResolvedMockOptions, index: number): FaultKind | undefined {
  const draw = drawFor(config.seed, index, 1);
  let edge = 0;
  // New kinds go last: the bands of the others, and so every seeded pattern, stay as they were.
  for (const kind of ['serverError', 'reset', 'bodyError', 'badJson', 'hang', 'drip', 'requestTimeout'] as const) {
    edge += config.faults[kind];
    if (draw < edge) return kind;
  }
  return undefined;
}

/** Waits latency ± jitter (salt 2) before call number `index` is answered. */
export function pause(config: ResolvedMockOptions, index: number): Promise<void> | undefined {
  const jitter = config.jitterMs === 0 ? 0 : (drawFor(config.seed, index, 2) * 2 - 1) * config.jitterMs;
  const ms = Math.max(0, config.latencyMs + jitter);
  return ms > 0 ? sleep(ms) : undefined;
}

/** What a PHP script that died half-way prints: a warning, then the start of the JSON. */
export const brokenBody = (file: string) =>
  `<br />\n<b>Warning</b>:  Undefined index: fields in <b>/var/www/${file}</b><br />\n{"code":200,`;
