import { setTimeout as sleep } from 'node:timers/promises';
import type { WolkvoxClient } from '../api/client.js';
import type { RunStore } from '../store/run-store.js';

/** Where a quota check is recorded (it is a call: the summary counts it). */
type Journal = Pick<RunStore, 'quotaCheck'>;
import type { TokenInfo } from '../core/types.js';
import type { JobEvent } from '../core/events.js';

const HOUR_MS = 3_600_000;
// After the announced reset, the count may restart a little late: look again this often.
const RECHECK_MS = 5 * 60_000;
// When the CRM will not say (the information call itself refused), look again after this long.
const BLIND_WAIT_MS = HOUR_MS;

// When the count restarts, as the CRM last announced it to a client (one client per session). Once the
// quota is spent a CRM may refuse the information call too: the time read earlier (the --check-quota
// reading) is then still the best one, not a blind hour.
const announcedReset = new WeakMap<WolkvoxClient, number>();

/** Reads the token's quota (journaled: one line per call made); undefined when the CRM does not answer it. */
export async function readQuota(client: WolkvoxClient, operation: string, journal: Journal, onEvent: (event: JobEvent) => void): Promise<TokenInfo | undefined> {
  journal.quotaCheck();
  const { info, calls } = await client.tokenInfo(operation);
  // The first HTTP method may have been refused as an unknown route, and the other one tried.
  for (let extra = 1; extra < calls; extra += 1) journal.quotaCheck();
  if (info) {
    announcedReset.set(client, Date.now() + info.hoursToReset * HOUR_MS);
    onEvent({ type: 'quota', info });
  }
  return info;
}

export const checkQuotaBeforeStart = readQuota;

/**
 * Waits until the daily count restarts (with more than `reserve` units available: those are kept for the
 * token's other integrations): sleeps for the hours the CRM announces, then checks again. If
 * the CRM will not say, it sleeps until the reset announced earlier (or an hour when none was), then
 * lets the job try again. Resolves with the calls available when known, true when unknown, or false
 * if the job is stopped meanwhile.
 */
export async function waitForQuotaReset(
  client: WolkvoxClient,
  operation: string,
  journal: Journal,
  onEvent: (event: JobEvent) => void,
  stop: AbortSignal,
  reserve = 0,
): Promise<number | boolean> {
  try {
    for (;;) {
      const info = await readQuota(client, operation, journal, onEvent);
      if (info && info.available > reserve) return info.available;
      const earlier = announcedReset.get(client);
      const ms = info
        ? Math.max(info.hoursToReset * HOUR_MS, info.hoursToReset > 0 ? 1000 : RECHECK_MS)
        : earlier !== undefined && earlier > Date.now()
          ? earlier - Date.now()
          : BLIND_WAIT_MS;
      const guess = !info && (earlier === undefined || earlier <= Date.now());
      onEvent({ type: 'quota-wait', until: new Date(Date.now() + ms).toISOString(), ...(guess ? { guess: true as const } : {}) });
      await sleep(ms, undefined, { signal: stop });
      // The CRM does not give the figures: sending is the only way to know whether the count restarted
      // (a refusal brings the job back here).
      if (!info) return true;
    }
  } catch (error) {
    if (stop.aborted) return false;
    throw error;
  }
}
