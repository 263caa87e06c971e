import { EXIT } from '../core/exit-codes.js';
import type { RunSummary, StopReason } from '../core/types.js';
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
  readonly startedAt: Date;
  /** What every session added up to (from the store). */
  readonly totals: RunTotals;
  readonly report: ReportCounts;
  readonly stopReason?: StopReason;
  readonly stopMessage?: string;
  readonly preview?: RunSummary['preview'];
  readonly fatalReason?: RunSummary['fatalReason'];
  readonly batch?: RunSummary['batch'];
  readonly verify?: RunSummary['verify'];
}

/** The documented exit code of a finished run. */
export function exitCodeFor(stopReason: StopReason | undefined, counts: ReportCounts['counts'], dryRun: boolean): number {
  if (stopReason === 'fatal' || stopReason === 'failure-rate') return EXIT.fatal;
  if (stopReason !== undefined) return EXIT.stopped;
  // A dry run sends nothing on purpose: its not_sent rows are the plan, not a failure.
  if (counts.failed > 0 || counts.invalid > 0 || (!dryRun && counts.not_sent > 0)) return EXIT.someFailed;
  return EXIT.ok;
}

/** Builds summary.json (all sessions of the run together) and writes it. Never holds the token. */
export function writeSummary(input: SummaryInput): RunSummary {
  const finished = new Date();
  const durationMs = finished.getTime() - input.startedAt.getTime();
  const { counts } = input.report;
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
    refused: input.totals.refused,
    resent: input.totals.resent,
    uncertainCalls: input.totals.uncertainCalls,
    reapplied: input.totals.reapplied,
    sessions: input.totals.sessions,
    rowsPerSecond: durationMs > 0 ? Math.round((counts.updated / durationMs) * 100_000) / 100 : 0,
    callsPerUpdated: counts.updated > 0 ? Math.round((input.totals.calls / counts.updated) * 1000) / 1000 : null,
    errors: input.report.errors.slice(0, 20),
    ...(input.stopReason ? { stopReason: input.stopReason } : {}),
    ...(input.stopMessage ? { stopMessage: input.stopMessage } : {}),
    ...(input.fatalReason ? { fatalReason: input.fatalReason } : {}),
    ...(input.batch ? { batch: input.batch } : {}),
    ...(input.verify ? { verify: input.verify } : {}),
    ...(input.preview ? { preview: input.preview } : {}),
    exitCode: exitCodeFor(input.stopReason, counts, input.dryRun),
  };
  writeFileAtomic(input.paths.summary, `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}
