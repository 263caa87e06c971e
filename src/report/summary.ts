import { say, type Message } from '../core/say.js';
import fs from 'node:fs';
import { exitCodeOfRun } from '../core/exit-codes.js';
import type { RunSummary, StopReason } from '../core/types.js';
import { isResumable } from '../store/resumable.js';
import type { RunTotals } from '../store/journal-fold.js';
import type { ReportCounts } from './reports.js';
import { writeFileAtomic } from '../store/atomic-file.js';
import type { RunPaths } from '../store/run-folder.js';

export interface SummaryInput {
  readonly paths: RunPaths;
  readonly file: string;
  readonly mapping: string;
  readonly server?: string;
  readonly operation: string;
  readonly module: string;
  readonly dryRun: boolean;
  /** When the run's first session started. */
  readonly startedAt: Date;
  /** This session: when its command started, and how long it waited for a person to confirm. */
  readonly session: { readonly startedAt: Date; readonly waitedMs: number };
  /** What every session added up to (from the store). */
  readonly totals: RunTotals;
  readonly report: ReportCounts;
  readonly stopReason?: StopReason;
  readonly stopSaid?: Message;
  readonly preview?: RunSummary['preview'];
  /** A preview: it sends nothing on purpose, as a dry run (its exit code and resumable as one's). */
  readonly sendsNothing?: true;
  readonly changes?: RunSummary['changes'];
  readonly reusedPreview?: RunSummary['reusedPreview'];
  readonly fatalReason?: RunSummary['fatalReason'];
  readonly batch?: RunSummary['batch'];
  /** What one updateMany.php call costs, when this session or an earlier one measured it. */
  readonly batchCost?: 'call' | 'record';
  readonly verify?: RunSummary['verify'];
  /** With `match`, the session that found the keys (the first); later sessions carry it from summary.json. */
  readonly match?: RunSummary['match'];
  /** With search fields' `lookup`, the session that found the names (the first); later sessions carry it from summary.json. */
  readonly lookups?: RunSummary['lookups'];
  /** Rows `resume` would send again (store/resumable.ts): whether the run is resumable. */
  readonly rowsToResume: number;
}

/** Builds summary.json (all sessions of the run together) and writes it. Never holds the token. */
export function writeSummary(input: SummaryInput): RunSummary {
  const finished = new Date();
  // The sessions' own time, not the days between them: this one's, and what the earlier ones wrote.
  const sessionMs = Math.max(0, finished.getTime() - input.session.startedAt.getTime() - input.session.waitedMs);
  const earlier = earlierSummary(input.paths.summary);
  const durationMs = earlierSessionsMs(earlier, input.totals.sessions) + sessionMs;
  const match = input.match ?? earlier?.match;
  const lookups = input.lookups ?? earlier?.lookups;
  const { counts } = input.report;
  const quotaUnits = unitsSpent(input.totals, input.batchCost);
  const nothingSent = input.dryRun || input.sendsNothing === true;
  const summary: RunSummary = {
    runDir: input.paths.dir,
    file: input.file,
    mapping: input.mapping,
    ...(input.server === undefined ? {} : { server: input.server }),
    operation: input.operation,
    module: input.module,
    dryRun: input.dryRun,
    startedAt: input.startedAt.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs,
    rows: input.report.rows,
    counts,
    calls: input.totals.calls,
    connectionFailures: input.totals.connectionFailures,
    retries: input.totals.retries,
    quotaChecks: input.totals.quotaChecks,
    ...(quotaUnits === undefined ? {} : { quotaUnits }),
    refused: input.totals.refused,
    resent: input.totals.resent,
    uncertainCalls: input.totals.uncertainCalls,
    reapplied: input.totals.reapplied,
    sessions: input.totals.sessions,
    rowsPerSecond: durationMs > 0 ? Math.round((counts.updated / durationMs) * 100_000) / 100 : 0,
    callsPerUpdated: counts.updated > 0 ? Math.round((input.totals.calls / counts.updated) * 1000) / 1000 : null,
    errors: input.report.errors.slice(0, 20),
    ...(input.stopReason ? { stopReason: input.stopReason } : {}),
    ...(input.stopSaid ? { stopMessage: say(input.stopSaid, 'en'), stopSaid: input.stopSaid } : {}),
    ...(input.fatalReason ? { fatalReason: input.fatalReason } : {}),
    ...(input.batch ? { batch: input.batch } : {}),
    ...(input.verify ? { verify: input.verify } : {}),
    ...(match ? { match } : {}),
    ...(lookups ? { lookups } : {}),
    ...(input.preview ? { preview: input.preview } : {}),
    ...(input.changes ? { changes: input.changes } : {}),
    ...(input.reusedPreview ? { reusedPreview: input.reusedPreview } : {}),
    resumable: isResumable({ dryRun: nothingSent, stopReason: input.stopReason, rowsToResume: input.rowsToResume }),
    exitCode: exitCodeOfRun({ stopReason: input.stopReason, counts, dryRun: nothingSent, verify: input.verify }),
  };
  writeFileAtomic(input.paths.summary, `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

// The summary the run's last session wrote, if any (none for a new run, or after a crash).
function earlierSummary(file: string): Partial<RunSummary> | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<RunSummary>;
  } catch {
    return undefined;
  }
}

/**
 * The time the run's earlier sessions spent, from the summary the last of them wrote (0 for a new run).
 * A session that a crash cut short wrote none: its time is not known, and not counted.
 */
function earlierSessionsMs(earlier: Partial<RunSummary> | undefined, session: number): number {
  if (earlier === undefined) return 0;
  const { durationMs, sessions } = earlier;
  return typeof durationMs === 'number' && durationMs >= 0 && typeof sessions === 'number' && sessions < session ? durationMs : 0;
}

/**
 * The quota units the calls spent: one a call, unless an updateMany.php call costs one per record; unknown
 * when batch calls were made whose cost was never measured.
 */
function unitsSpent(totals: RunTotals, cost: 'call' | 'record' | undefined): number | undefined {
  if (cost === 'record' || totals.unitsPerRecord === totals.calls) return totals.unitsPerRecord;
  return cost === 'call' ? totals.calls : undefined;
}
