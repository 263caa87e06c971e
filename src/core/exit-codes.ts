import type { ErrorCode } from './errors.js';
import type { RowStatus, StopReason, VerifySummary } from './types.js';

/** The documented exit codes. */
export const EXIT = {
  /** Every row updated (or, for other commands, success). */
  ok: 0,
  /** The job finished and some rows failed. */
  someFailed: 1,
  /** Invalid input, mapping or usage: nothing was sent. */
  invalid: 2,
  /** Stopped early and resumable (interrupt, quota, --max-calls). */
  stopped: 3,
  /** Stopped on a fatal API answer (token, URL, operation, module). */
  fatal: 4,
  /** Every row was sent, but reading back (verify) found records that differ from what was sent, or are gone. */
  notAsSent: 5,
  /** A bug in the tool (sysexits' EX_SOFTWARE): please report it. */
  internal: 70,
} as const;

/** Each error code maps to one exit code. */
export const EXIT_FOR_ERROR: Readonly<Record<ErrorCode, number>> = {
  USAGE: EXIT.invalid,
  SERVER_INVALID: EXIT.invalid,
  TOKEN_MISSING: EXIT.invalid,
  INPUT_NOT_FOUND: EXIT.invalid,
  INPUT_FORMAT: EXIT.invalid,
  INPUT_EMPTY: EXIT.invalid,
  INPUT_ENCODING: EXIT.invalid,
  INPUT_TOO_LARGE: EXIT.invalid,
  CSV_QUOTE_NOT_CLOSED: EXIT.invalid,
  CSV_PARSE: EXIT.invalid,
  HEADER_INVALID: EXIT.invalid,
  SHEET_NOT_FOUND: EXIT.invalid,
  MAPPING_NOT_FOUND: EXIT.invalid,
  MAPPING_INVALID: EXIT.invalid,
  ROWS_INVALID: EXIT.invalid,
  DUPLICATE_IDS: EXIT.invalid,
  RUN_INVALID: EXIT.invalid,
  RUN_LOCKED: EXIT.invalid,
  RUN_CHANGED: EXIT.invalid,
  RUN_FOLDER: EXIT.invalid,
  RUN_DAMAGED: EXIT.invalid,
  CANCELLED: EXIT.invalid,
  API_FATAL: EXIT.fatal,
  QUOTA_EXCEEDED: EXIT.stopped,
  WRITE_FAILED: EXIT.stopped,
};

/** What a run's exit code is decided from (summary.json holds each of these). */
export interface RunEnd {
  readonly stopReason?: StopReason | undefined;
  readonly counts: Readonly<Record<RowStatus, number>>;
  readonly dryRun: boolean;
  /** What reading the updated records back found, when they were read back. */
  readonly verify?: Pick<VerifySummary, 'differing' | 'missing'> | undefined;
}

/**
 * The documented exit code of a finished run, the one place it is decided (summary.json's `exitCode`, which
 * the CLI exits with and the page shows; `verify` decides it again with what it read back).
 */
export function exitCodeOfRun(run: RunEnd): number {
  if (run.stopReason === 'fatal' || run.stopReason === 'failure-rate') return EXIT.fatal;
  if (run.stopReason !== undefined) return EXIT.stopped;
  const { counts } = run;
  // A dry run sends nothing on purpose: its not_sent rows are the plan, not a failure.
  if (counts.failed > 0 || counts.invalid > 0 || (!run.dryRun && counts.not_sent > 0)) return EXIT.someFailed;
  if (run.verify && run.verify.differing + run.verify.missing > 0) return EXIT.notAsSent;
  return EXIT.ok;
}

// From the least to the most in need of a person: a run that ended with records not as sent, one with
// rows that failed, a file refused, a stop that left work to resume, a fatal answer, a bug.
const SEVERITY: readonly number[] = [EXIT.ok, EXIT.notAsSent, EXIT.someFailed, EXIT.invalid, EXIT.stopped, EXIT.fatal, EXIT.internal];

/** The exit code of several jobs together (a watch's files): the worst of theirs; 0 when there were none. */
export function worstExitCode(codes: Iterable<number>): number {
  // A code not listed ranks with a bug.
  const rank = (code: number) => (SEVERITY.includes(code) ? SEVERITY.indexOf(code) : SEVERITY.length);
  let worst: number = EXIT.ok;
  for (const code of codes) if (rank(code) > rank(worst)) worst = code;
  return worst;
}
