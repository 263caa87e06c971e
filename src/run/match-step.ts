import { message } from '../core/say.js';
import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
import type { JobEvent, PlanMatch } from '../core/events.js';
import type { MatchSummary } from '../core/types.js';
import type { LoadedMapping } from '../mapping/load.js';
import type { JobSettings } from '../plan/options.js';
import type { SinceBaseline } from '../plan/row-plan.js';
import { KeyIndex } from '../plan/key-index.js';
import { addAnswer, addPage, newKeyState, resolveKeys, type KeyState } from '../send/key-resolve.js';
import type { ReadTools } from '../send/send-pass.js';
import { keyJournalPages, openKeyLog, replayKeyJournal } from '../store/key-journal.js';
import { planRows } from '../store/plan-reader.js';
import type { MatchRecord } from '../store/run-file.js';
import type { RunPaths } from '../store/run-folder.js';
import type { RowTable } from '../store/row-table.js';
import { seedSnapshot, snapshotDone } from '../store/snapshot-store.js';
import { applyKeys } from './key-apply.js';

/** A mapping with `match` cannot be a dry run: its keys need reads, and a dry run contacts no server. */
export function refuseMatchDryRun(loaded: LoadedMapping, settings: Pick<JobSettings, 'dryRun'>): void {
  if (loaded.mapping.match === undefined || !settings.dryRun) return;
  throw new WolkvoxBulkError('USAGE', message('run.no-dry-run-match', { mapping: path.basename(loaded.file) }), { file: loaded.file });
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
 * plan, never the input, into a key index of typed arrays), and what keys.ndjson says earlier sessions found.
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
  const toSend = (ordinal: number) => table.action(ordinal) === 'send';
  const index = new KeyIndex();
  for await (const row of planRows(paths.plan)) if (row.id !== undefined && toSend(row.ordinal)) index.add(row.id);
  index.seal();
  const state = newKeyState(index);
  const journalled = await replayReads(paths.keys, state);
  const known = index.knownCount();
  const keep = job.settings.snapshot ? job.labels : undefined;
  // The keys' texts for the queries: the plan's, again (repeats are asked once).
  const keys = {
    index,
    async *texts() {
      for await (const row of planRows(paths.plan)) if (row.id !== undefined && toSend(row.ordinal)) yield row.id;
    },
  };
  let summary: MatchSummary | undefined;
  return {
    // A module read to its end knows every key (markAllKnown); one cut short, none of them yet.
    plan: { field: rule.field, compare: rule.compare, keys: index.size, strategy, queryCalls: index.size - known, known, pagesRead: journalled.pages },
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
      const rows = await applyKeys({ paths, table, rule, index, settings: job.settings, ...(job.since ? { since: job.since } : {}) });
      // The module read is the snapshot too: the session then finds it done, and reads nothing again.
      if (keep && state.done === 'module' && !(await snapshotDone(paths.snapshot))) await seedSnapshot(paths.snapshot, keptValues(paths.keys));
      summary = summaryOf(state, { ...match.rule, strategy: match.strategy }, journalled.keys, rows);
      return true;
    },
    summary: () => summary,
  };
}

/**
 * What a read log (keys.ndjson, a lookup's) says was read, into the state resolution goes on from. Queries
 * come only after a module read was cut short, whose hits then no longer count.
 */
export async function replayReads(file: string, state: KeyState): Promise<{ readonly pages: number; readonly keys: number }> {
  let asking = false;
  const read = await replayKeyJournal(file, {
    page: (_n, hits, last) => addPage(state, hits, last),
    key(key, ids) {
      if (!asking && !state.moduleRead) state.index.forgetUnknown();
      asking = true;
      addAnswer(state, key, ids);
    },
    done(by) {
      state.done = by;
    },
  });
  return read;
}

/** What finding keys (a match's, or a lookup's names) came to: the distinct keys, the calls, and the rows they failed. */
export function summaryOf(state: KeyState, read: Pick<MatchSummary, 'field' | 'compare' | 'strategy'>, keysBefore: number, rows: { readonly notFound: number; readonly ambiguous: number }): MatchSummary {
  const { index } = state;
  let found = 0;
  let none = 0;
  for (let at = 0; at < index.size; at += 1) {
    const records = index.records(at);
    if (records === 1) found += 1;
    else if (records === 0) none += 1;
  }
  const by = state.done ?? 'query';
  const queries = keysBefore + state.queries;
  return {
    field: read.field,
    compare: read.compare,
    keys: index.size,
    by,
    strategy: read.strategy,
    calls: state.pages + queries,
    queryCalls: index.size,
    ...(by === 'module' || state.pages > 0 ? { moduleCalls: state.pages } : {}),
    found,
    none,
    several: index.size - found - none,
    ...rows,
  };
}

// The values the module read kept of the records holding a key, from keys.ndjson's pages (never all in memory).
async function* keptValues(file: string): AsyncGenerator<readonly [string, Record<string, unknown>]> {
  for await (const page of keyJournalPages(file)) for (const [, id, values] of page) if (values) yield [id, values];
}
