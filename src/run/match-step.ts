import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
import type { JobEvent, PlanMatch } from '../core/events.js';
import type { MatchSummary } from '../core/types.js';
import type { LoadedMapping } from '../mapping/load.js';
import type { JobSettings } from '../plan/options.js';
import type { SinceBaseline } from '../plan/row-plan.js';
import { addPage, newKeyState, resolveKeys, type KeyState } from '../send/key-resolve.js';
import type { ReadTools } from '../send/send-pass.js';
import { openKeyLog, readKeyJournal, type KeyJournal } from '../store/key-journal.js';
import type { MatchRecord } from '../store/run-file.js';
import type { RunPaths } from '../store/run-folder.js';
import type { RowTable } from '../store/row-table.js';
import { openSnapshotLog, readSnapshot } from '../store/snapshot-file.js';
import { applyKeys } from './key-apply.js';
import { idsToRead } from './prepare.js';

/** A mapping with `match` cannot be a dry run: its keys need reads, and a dry run contacts no server. */
export function refuseMatchDryRun(loaded: LoadedMapping, settings: Pick<JobSettings, 'dryRun'>): void {
  if (loaded.mapping.match === undefined || !settings.dryRun) return;
  throw new WolkvoxBulkError('USAGE', `Not for a dry run: ${path.basename(loaded.file)} finds records by "match", which needs reads of the CRM, and a dry run contacts no server. Check the keys with \`wolkvox-bulk validate\`. Nothing was sent.`, { file: loaded.file });
}

/** Finding a `match` run's keys within a session: what the plan shows first, then the reads once it is confirmed. */
export interface KeyStep {
  readonly plan: PlanMatch;
  /**
   * Through the session's reads (its pacer, budget and journal), after the plan is confirmed: the keys not
   * found yet, journalled as they come, then their ids written into the plan. False when the job stopped first.
   */
  resolve(tools: ReadTools): Promise<boolean>;
  /** What the keys came to, once `resolve` is done. */
  summary(): MatchSummary | undefined;
}

/**
 * The key step of a run whose plan still holds keys: the distinct keys of the rows to send (a pass over the
 * plan, never the input), and what keys.ndjson says earlier sessions found of them.
 */
export async function prepareKeyStep(job: {
  readonly paths: RunPaths;
  readonly match: MatchRecord;
  readonly table: RowTable;
  readonly settings: Pick<JobSettings, 'operation' | 'module' | 'snapshot'>;
  /** The labels of the mapped fields: a module read keeps their values, to serve as the snapshot. */
  readonly labels: readonly string[];
  readonly since?: SinceBaseline;
  readonly onEvent: (event: JobEvent) => void;
}): Promise<KeyStep> {
  const { paths, match, table } = job;
  const { rule, strategy } = match;
  const keys = await idsToRead(paths.plan, (ordinal) => table.action(ordinal) === 'send');
  const journal = await readKeyJournal(paths.keys);
  const state = stateOf(journal);
  const asked = keys.filter((key) => state.found.has(key)).length;
  const keep = job.settings.snapshot ? job.labels : undefined;
  let summary: MatchSummary | undefined;
  return {
    plan: { field: rule.field, compare: rule.compare, keys: keys.length, strategy, queryCalls: keys.length - asked, known: asked, pagesRead: journal.pages },
    async resolve(tools) {
      if (!state.done) {
        const log = openKeyLog(paths.keys);
        try {
          const complete = await resolveKeys(keys, strategy, { reader: tools.reader, rule, state, onEvent: job.onEvent, stopped: tools.stopped, onKey: log.key, onPage: log.page, ...(keep ? { keep } : {}) });
          if (!complete || state.done === undefined) return false;
          log.done(state.done);
        } finally {
          log.close();
        }
      }
      const rows = await applyKeys({ paths, table, rule, found: state.found, settings: job.settings, ...(job.since ? { since: job.since } : {}) });
      // The module read is the snapshot too: the session then finds it done, and reads nothing again.
      if (keep && state.done === 'module' && !(await readSnapshot(paths.snapshot)).done) seedSnapshot(paths.snapshot, state.values);
      summary = summaryOf(keys, state, job.match, journal, rows);
      return true;
    },
    summary: () => summary,
  };
}

// What the journal says was read, as the state key resolution goes on from.
function stateOf(journal: KeyJournal): KeyState {
  const state = newKeyState();
  for (const [key, ids] of journal.asked) state.found.set(key, ids);
  if (journal.pages > 0) {
    // The journalled pages' hits at once, then the count of pages they came from.
    addPage(state, journal.hits, journal.moduleRead);
    state.pages = journal.pages;
  }
  state.queries = journal.asked.size;
  if (journal.done === 'module') for (const [key, ids] of state.moduleHits) state.found.set(key, ids);
  if (journal.done) state.done = journal.done;
  return state;
}

function summaryOf(keys: readonly string[], state: KeyState, match: MatchRecord, journal: KeyJournal, rows: { readonly notFound: number; readonly ambiguous: number }): MatchSummary {
  let found = 0;
  let none = 0;
  for (const key of keys) {
    const ids = state.found.get(key) ?? [];
    if (ids.length === 1) found += 1;
    else if (ids.length === 0) none += 1;
  }
  const by = state.done ?? journal.done ?? 'query';
  return {
    field: match.rule.field,
    compare: match.rule.compare,
    keys: keys.length,
    by,
    strategy: match.strategy,
    calls: state.pages + state.queries,
    queryCalls: keys.length,
    ...(by === 'module' || state.pages > 0 ? { moduleCalls: state.pages } : {}),
    found,
    none,
    several: keys.length - found - none,
    ...rows,
  };
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
