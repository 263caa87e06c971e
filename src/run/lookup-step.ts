import { message } from '../core/say.js';
import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
import type { JobEvent, PlanLookup } from '../core/events.js';
import type { LookupSummary } from '../core/types.js';
import type { LoadedMapping } from '../mapping/load.js';
import { forEachName, lookupReads, lookupRules } from '../mapping/record-lookup.js';
import { KeyIndex } from '../plan/key-index.js';
import type { JobSettings } from '../plan/options.js';
import type { SinceBaseline } from '../plan/row-plan.js';
import { newKeyState, resolveKeys, type KeySource } from '../send/key-resolve.js';
import type { ReadTools } from '../send/send-pass.js';
import { openKeyLog } from '../store/key-journal.js';
import { planRows } from '../store/plan-reader.js';
import type { LookupsRecord } from '../store/run-file.js';
import type { RunPaths } from '../store/run-folder.js';
import type { RowTable } from '../store/row-table.js';
import { applyLookups } from './lookup-apply.js';
import { replayReads, summaryOf } from './match-step.js';

// Names are found the way keys are: the module read while its pages stay fewer than the names, then name by
// name (a name compared other than exactly, always by the module read).
const STRATEGY = 'auto';

/** What run.json records of a mapping's lookups, or undefined when it has none. */
export function lookupsRecordOf(loaded: LoadedMapping): LookupsRecord | undefined {
  const rules = lookupRules(loaded.mapping);
  return rules.length === 0 ? undefined : { rules };
}

/** A mapping with lookups cannot be a dry run: the names need reads, and a dry run contacts no server. */
export function refuseLookupDryRun(loaded: LoadedMapping, settings: Pick<JobSettings, 'dryRun'>): void {
  const rules = lookupRules(loaded.mapping);
  if (rules.length === 0 || !settings.dryRun) return;
  throw new WolkvoxBulkError('USAGE', message('run.no-dry-run-lookup', { mapping: path.basename(loaded.file), labels: rules.map((rule) => rule.label) }), { file: loaded.file });
}

/** Finding the linked records of a run's lookups within a session: what the plan shows, then the reads once confirmed. */
export interface LookupStep {
  readonly plan: readonly PlanLookup[];
  /**
   * Through the session's reads (its pacer, budget and journal), after the plan is confirmed: each read's
   * names not found yet, journalled as they come (lookup-N.ndjson), then the linked ids written into the
   * plan. False when the job stopped first.
   */
  resolve(tools: ReadTools): Promise<boolean>;
  /** What the names came to, once `resolve` is done. */
  summary(): readonly LookupSummary[] | undefined;
}

/**
 * The lookup step of a run whose plan still sends names without their ids: the distinct names of the rows
 * to send, a key index per read (one pass over the plan, never the input), and what each read's log says
 * earlier sessions found. The same machinery as `match` (send/key-resolve.ts), another module's reads.
 */
export async function prepareLookupStep(job: {
  readonly paths: RunPaths;
  readonly record: LookupsRecord;
  readonly table: RowTable;
  readonly settings: Pick<JobSettings, 'operation' | 'module'>;
  /** `--since` without `match` (with it, the key step compares once the ids are in). */
  readonly since?: SinceBaseline;
  readonly onEvent: (event: JobEvent) => void;
}): Promise<LookupStep> {
  const { paths, table } = job;
  const { rules } = job.record;
  const reads = lookupReads(rules);
  const toSend = (ordinal: number) => table.action(ordinal) === 'send';
  const indexes = reads.map(() => new KeyIndex());
  // A read's names, normalised, from the rows to send, for its queries (a name on many rows is asked once).
  async function* names(n: number): AsyncIterable<string> {
    const read = reads.slice(n, n + 1);
    for await (const row of planRows(paths.plan)) {
      const keys: string[] = [];
      if (row.fields !== undefined && toSend(row.ordinal)) forEachName(row.fields, read, (_n, key) => keys.push(key));
      yield* keys;
    }
  }
  // Every read's names in one pass over the plan.
  for await (const row of planRows(paths.plan)) {
    if (row.fields !== undefined && toSend(row.ordinal)) forEachName(row.fields, reads, (n, key) => indexes[n]?.add(key));
  }
  for (const index of indexes) index.seal();
  const states = indexes.map((index) => newKeyState(index));
  const journalled = await Promise.all(states.map((state, n) => replayReads(paths.lookup(n + 1), state)));
  let summary: LookupSummary[] | undefined;
  return {
    plan: reads.map((read, n) => {
      const index = indexes[n] as KeyIndex;
      const known = index.knownCount();
      return { module: read.module, labels: read.labels, field: read.field, compare: read.compare, keys: index.size, strategy: STRATEGY, queryCalls: index.size - known, known, pagesRead: journalled[n]?.pages ?? 0 };
    }),
    async resolve(tools) {
      for (const [n, read] of reads.entries()) {
        const state = states[n] as (typeof states)[number];
        // No name to find (every row leaves the field out): nothing is read.
        if (state.done || state.index.size === 0) continue;
        const keys: KeySource = { index: state.index, texts: () => names(n) };
        const log = openKeyLog(paths.lookup(n + 1));
        try {
          const rule = { column: read.labels[0] as string, field: read.field, compare: read.compare };
          const complete = await resolveKeys(keys, STRATEGY, { reader: tools.reader.of(read.module), rule, state, onEvent: job.onEvent, stopped: tools.stopped, onKey: log.key, onPage: log.page });
          if (!complete || state.done === undefined) return false;
          log.done(state.done);
        } finally {
          log.close();
        }
      }
      const rows = await applyLookups({ paths, table, rules, reads, indexes, settings: job.settings, ...(job.since ? { since: job.since } : {}) });
      summary = reads.map((read, n) => ({
        module: read.module,
        labels: read.labels,
        ...summaryOf(states[n] as (typeof states)[number], { field: read.field, compare: read.compare, strategy: STRATEGY }, journalled[n]?.keys ?? 0, rows[n] ?? { notFound: 0, ambiguous: 0 }),
      }));
      return true;
    },
    summary: () => summary,
  };
}
