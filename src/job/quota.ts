import { setTimeout as sleep } from 'node:timers/promises';
import type { WolkvoxClient } from '../api/client.js';
import type { Journal } from '../report/journal.js';
import type { TokenInfo } from '../types.js';
import type { JobEvent } from './events.js';

const HOUR_MS = 3_600_000;
// After the announced reset, the count may restart a little late: look again this often.
const RECHECK_MS = 5 * 60_000;
// When the CRM will not say (the information call itself refused), look again after this long.
const BLIND_WAIT_MS = HOUR_MS;

/** Reads the token's quota (one call, journaled); undefined when the CRM does not answer it. */
export async function readQuota(client: WolkvoxClient, operation: string, journal: Journal, onEvent: (event: JobEvent) => void): Promise<TokenInfo | undefined> {
  journal.quotaCheck();
  const { info } = await client.tokenInfo(operation);
  if (info) onEvent({ type: 'quota', info });
  return info;
}

export const checkQuotaBeforeStart = readQuota;

/**
 * Waits until the daily count restarts: sleeps for the hours the CRM announces, then checks once; if the
 * CRM will not say, waits an hour between checks. Resolves with the calls available once there are
 * some again, or false if the job is stopped meanwhile.
 */
export async function waitForQuotaReset(
  client: WolkvoxClient,
  operation: string,
  journal: Journal,
  onEvent: (event: JobEvent) => void,
  stop: AbortSignal,
): Promise<number | false> {
  try {
    for (;;) {
      const info = await readQuota(client, operation, journal, onEvent);
      if (info && info.available > 0) return info.available;
      const ms = info ? Math.max(info.hoursToReset * HOUR_MS, info.hoursToReset > 0 ? 1000 : RECHECK_MS) : BLIND_WAIT_MS;
      onEvent({ type: 'quota-wait', until: new Date(Date.now() + ms).toISOString() });
      await sleep(ms, undefined, { signal: stop });
    }
  } catch (error) {
    if (stop.aborted) return false;
    throw error;
  }
}
