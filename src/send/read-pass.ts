import type { ReadsOf } from '../core/catalog/en-errors2.js';
import { message, type Message } from '../core/say.js';
import { WolkvoxBulkError, type ErrorCode } from '../core/errors.js';
import type { JobEvent } from '../core/events.js';
import type { BackoffOptions, CallReason, Logger, StopReason } from '../core/types.js';
import type { ResolvedConnection } from '../plan/options.js';
import type { BeforeValues } from '../store/snapshot-file.js';
import { memorySnapshot } from '../store/snapshot-store.js';
import { openClient } from './client.js';
import { createReader } from './reads.js';
import type { ReadTools } from './send-pass.js';
import { createSendTools } from './send-tools.js';
import { takeSnapshot } from './snapshot.js';
import { keysOf, newKeyState, resolveKeys, type KeyContext, type KeyState, type KeyStrategy } from './key-resolve.js';
import type { MatchRule } from '../mapping/match-key.js';

export interface ReadPassOptions {
  /** The CRM, the token and the limits (--concurrency, --rate, --retries, --max-calls) the reads keep to. */
  readonly connection: ResolvedConnection;
  readonly operation: string;
  readonly module: string;
  readonly backoff: BackoffOptions;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  readonly onEvent: (event: JobEvent) => void;
}

/** How a read pass ended: the calls it made (those that reached a server), and why it stopped early, if it did. */
export interface ReadPassEnd {
  readonly calls: number;
  readonly stopReason?: StopReason;
  readonly stopSaid?: Message;
  readonly fatalReason?: CallReason;
}

/**
 * Reads outside a run's journal — `verify`'s read-back, `undo`'s look before it writes — through the same
 * client, pacer, call budget, retries and stops as a send pass. Its calls are counted here, apart from the
 * run's: reads change nothing, so a crash loses only their count, and the command is simply run again.
 * `work` resolves once done; the pass's end says whether a stop cut it short.
 */
export async function withReadPass<T>(options: ReadPassOptions, work: (tools: ReadTools) => Promise<T>): Promise<{ readonly result: T; readonly end: ReadPassEnd }> {
  const client = openClient(options.connection, options.logger);
  // Before the pacer's first window begins: its calls must not wait for the client's loading (api/client.ts).
  await client.load();
  let calls = 0;
  let numbers = 0;
  const counter = {
    begin: () => {
      calls += 1;
      numbers += 1;
      return numbers;
    },
    unreached: () => {
      calls -= 1;
    },
    // Reads keep no journal: their answers are counted by the caller, not written.
    answered: () => undefined,
  };
  const { stopper, quotaAnswered, unit, dispose } = createSendTools({
    settings: { operation: options.operation, module: options.module },
    connection: options.connection,
    store: counter,
    client,
    backoff: options.backoff,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    onEvent: options.onEvent,
    // A read pass does not wait for the quota's reset: it stops, and is run again later.
    onQuotaExceeded: () => Promise.resolve(false),
    writeFailed: new AbortController().signal,
  });
  try {
    const result = await work({ reader: createReader(unit, quotaAnswered), stopped: () => stopper.stopped });
    const end: ReadPassEnd = {
      calls,
      ...(stopper.reason ? { stopReason: stopper.reason } : {}),
      ...(stopper.said ? { stopSaid: stopper.said } : {}),
      ...(stopper.reason === 'fatal' && stopper.fatalReason ? { fatalReason: stopper.fatalReason } : {}),
    };
    return { result, end };
  } finally {
    dispose();
    client.close();
  }
}

/**
 * The records with these ids as they are now (only the `labels` fields), each found or null when the CRM
 * has none, read in a pass of their own the cheaper way (`auto`). Without `found` when a stop cut the
 * reads short.
 */
export async function readRecordsNow(ids: readonly string[], labels: readonly string[], options: ReadPassOptions): Promise<{ readonly found?: ReadonlyMap<string, BeforeValues>; readonly end: ReadPassEnd }> {
  const records = memorySnapshot(ids);
  const { result: complete, end } = await withReadPass(options, (tools) => takeSnapshot(() => ids, 'auto', { reader: tools.reader, records, labels, onEvent: options.onEvent, stopped: tools.stopped }));
  return complete ? { found: records.all, end } : { end };
}

/**
 * The records of these keys (distinct, normalised), found in a pass of their own the way `strategy` says.
 * `state` holds what an earlier pass found (its keys are not read again) and is completed in place;
 * `complete` is false when a stop cut the reads short.
 */
export async function resolveKeysNow(keys: readonly string[], rule: MatchRule, strategy: KeyStrategy, options: ReadPassOptions & { readonly state?: KeyState; readonly onKey?: KeyContext['onKey']; readonly onPage?: KeyContext['onPage']; readonly keep?: readonly string[] }): Promise<{ readonly state: KeyState; readonly complete: boolean; readonly end: ReadPassEnd }> {
  const state = options.state ?? newKeyState(keysOf(keys).index);
  const source = { index: state.index, texts: () => keys };
  const { result: complete, end } = await withReadPass(options, (tools) =>
    resolveKeys(source, strategy, { reader: tools.reader, rule, state, onEvent: options.onEvent, stopped: tools.stopped, ...(options.onKey ? { onKey: options.onKey } : {}), ...(options.onPage ? { onPage: options.onPage } : {}), ...(options.keep ? { keep: options.keep } : {}) }),
  );
  return { state, complete, end };
}

// A stop of reads alone: nothing was sent, so an interrupt is a cancel; the quota and --max-calls are the
// day's budget; the rest say the CRM cannot be read as configured.
const STOP_CODES: Readonly<Record<StopReason, ErrorCode>> = {
  interrupted: 'CANCELLED',
  quota: 'QUOTA_EXCEEDED',
  'max-calls': 'QUOTA_EXCEEDED',
  limit: 'QUOTA_EXCEEDED',
  'write-failed': 'WRITE_FAILED',
  fatal: 'API_FATAL',
  'failure-rate': 'API_FATAL',
};

/** The error for reads that stopped before they were complete: what stopped them, and that nothing was sent. */
export function readsStopped(end: ReadPassEnd & { readonly stopReason: StopReason }, during: ReadsOf, dir: string): WolkvoxBulkError {
  return new WolkvoxBulkError(STOP_CODES[end.stopReason], message('read.stopped', { during, reason: end.stopReason, calls: end.calls, dir, ...(end.stopSaid ? { stop: end.stopSaid } : {}) }));
}
