import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
import type { PlanMatch } from '../core/events.js';
import type { ReadOptions } from '../input/open.js';
import type { LoadedMapping } from '../mapping/load.js';
import { checkVerdict } from '../plan/check-messages.js';
import { JOB_DEFAULTS } from '../plan/job-settings.js';
import type { KeyLookup } from '../plan/key-lookup.js';
import { DEFAULT_BACKOFF, type JobSettings, type ResolvedConnection, type UpdateOptions } from '../plan/options.js';
import { openMappedInput, preflight } from '../plan/preflight.js';
import { fieldRules } from '../plan/unchanged.js';
import { openSnapshotLog } from '../store/snapshot-file.js';
import { keyCosts, keyProblem } from '../send/key-resolve.js';
import { readsStopped, resolveKeysNow } from '../send/read-pass.js';

/** The keys of a `match` mapping, found: each key's record for the check, and what the plan shows. */
export interface MatchedKeys {
  readonly lookup: KeyLookup;
  /** What the plan shows of the keys; the rows they leave without a record are counted by the check. */
  readonly plan: Omit<PlanMatch, 'notFound' | 'ambiguous'>;
  /** With a snapshot asked for and the module read: each found record's values of the mapped fields, before any update. */
  readonly snapshot?: ReadonlyMap<string, Record<string, unknown>>;
}

/**
 * Before the check plans the rows, the records of a `match` mapping's keys are found: the file is read
 * once for its distinct keys (and refused here, before any read, for what the check would refuse), then
 * the keys are found the way `matchBy` says. Nothing is written to the CRM; the reads are calls of their
 * own, apart from the run's.
 */
export async function matchKeys(job: {
  readonly options: UpdateOptions;
  readonly loaded: LoadedMapping;
  readonly settings: JobSettings;
  readonly connection: ResolvedConnection;
  readonly readOptions: ReadOptions;
}): Promise<MatchedKeys | undefined> {
  const { options, loaded, settings, connection, readOptions } = job;
  const rule = loaded.mapping.match;
  if (rule === undefined) return undefined;
  const compare = rule.compare ?? 'exact';
  if (settings.dryRun) {
    throw new WolkvoxBulkError('USAGE', `Not for a dry run: ${path.basename(loaded.file)} finds records by "match", which needs reads of the CRM, and a dry run contacts no server. Check the keys with \`wolkvox-bulk validate\`. Nothing was sent.`, { file: loaded.file });
  }
  const keys = await distinctKeys(readOptions, loaded, settings, options.signal);
  const strategy = options.matchBy ?? JOB_DEFAULTS.matchBy;
  const full = { column: rule.column, field: rule.field, compare };
  const { state, complete, end } = await resolveKeysNow([...keys], full, strategy, {
    connection,
    operation: settings.operation,
    module: settings.module,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    onEvent: options.onEvent ?? (() => undefined),
    // The module read then serves as the snapshot too: the module is never read twice.
    ...(settings.snapshot ? { keep: [...fieldRules(loaded.mapping).keys()] } : {}),
  });
  if (!complete || state.done === undefined) {
    throw readsStopped({ ...end, stopReason: end.stopReason ?? 'interrupted' }, `finding the records of the ${rule.field} keys`, 'Run the same command again.');
  }
  let found = 0;
  let none = 0;
  for (const ids of state.found.values()) {
    if (ids.length === 1) found += 1;
    else if (ids.length === 0) none += 1;
  }
  const costs = keyCosts(keys.size, state);
  const lookup: KeyLookup = {
    find(key) {
      const ids = state.found.get(key) ?? [];
      const problem = keyProblem(full, key, ids);
      return problem === undefined ? { id: ids[0] as string } : { action: ids.length === 0 ? 'not-found' : 'ambiguous', problem };
    },
  };
  return {
    lookup,
    ...(state.done === 'module' && state.values ? { snapshot: state.values } : {}),
    plan: {
      field: rule.field,
      compare,
      keys: keys.size,
      by: state.done,
      strategy,
      calls: end.calls,
      queryCalls: costs.query,
      ...(costs.module === undefined ? {} : { moduleCalls: costs.module }),
      found,
      none,
      several: keys.size - found - none,
    },
  };
}

// The distinct keys of the rows to send, read with the check's own verdict: a file the check would
// refuse (invalid rows, repeated keys) costs no read.
async function distinctKeys(readOptions: ReadOptions, loaded: LoadedMapping, settings: JobSettings, signal: AbortSignal | undefined): Promise<Set<string>> {
  const input = await openMappedInput(readOptions, loaded);
  const keys = new Set<string>();
  const { report } = await preflight(input, {
    ...(signal ? { signal } : {}),
    onRow: (_ordinal, result) => {
      if (result.kind === 'mapped') keys.add(result.row.id);
    },
  }).catch(async (error: unknown) => {
    await input.source.rows.return?.(undefined);
    if (signal?.aborted) throw new WolkvoxBulkError('CANCELLED', 'Interrupted while checking the file: nothing was sent.', { cause: error });
    throw error;
  });
  const verdict = checkVerdict(report, input.source.format.kind === 'csv' ? 'line' : 'row', settings, readOptions, loaded);
  if (verdict) throw verdict;
  return keys;
}

/**
 * The snapshot taken from the module read that found the keys, written as the snapshot's own reads would
 * have been: the session then finds it done, and reads nothing again.
 */
export function seedSnapshot(file: string, values: ReadonlyMap<string, Record<string, unknown>>): void {
  const log = openSnapshotLog(file);
  try {
    for (const [id, record] of values) log.record(id, record);
    log.done('module');
  } finally {
    log.close();
  }
}
