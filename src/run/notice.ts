import path from 'node:path';
import { isWolkvoxBulkError } from '../core/errors.js';
import type { NoticeEvent } from '../core/catalog/en-notify.js';
import { EXIT, EXIT_FOR_ERROR } from '../core/exit-codes.js';
import { message, say, type Lang } from '../core/say.js';
import type { RowStatus, RunError, RunSummary } from '../core/types.js';
import { failedFileOf, nextSteps } from './next-steps.js';

/** The errors a notice lists: the most frequent first, as the terminal's summary shows them. */
const TOP_ERRORS = 5;

/**
 * What a notification says about a run, as JSON (the body posted in the `json` format; Slack and Teams
 * get it as a message of their own). Never the token: a run's summary holds none, and the sender takes
 * out any text it is given to keep out.
 */
export interface RunNotice {
  readonly source: 'wolkvox-bulk';
  /** finished; stopped (resumable: Ctrl-C, quota, a fatal answer, --limit, --max-calls); failed before its summary. */
  readonly event: NoticeEvent;
  /** The command that ran (update, resume, watch …), when the caller says. */
  readonly command?: string;
  /** The title, in `lang`. */
  readonly headline: string;
  readonly lang: Lang;
  readonly runDir?: string;
  readonly file?: string;
  readonly server?: string;
  readonly operation?: string;
  readonly module?: string;
  readonly startedAt?: string;
  readonly finishedAt: string;
  readonly rows?: number;
  readonly counts?: Readonly<Record<RowStatus, number>>;
  /** Calls that reached a server (updates and reads), over every session. */
  readonly calls?: number;
  readonly exitCode: number;
  readonly resumable?: boolean;
  /** Why it stopped or failed: the reason (a stop reason, or the error's code), its message code and its words in `lang`. */
  readonly stop?: { readonly reason: string; readonly code?: string; readonly message: string };
  /** The most frequent row errors: their status and codes, how many rows, the message, the first row. */
  readonly errors: readonly RunError[];
  /** What to run next, in `lang`. */
  readonly next: readonly string[];
}

/** Who is notified about what: the command's name (for the notice) and the language it speaks. */
export interface NoticeContext {
  readonly command?: string;
  /** @default 'en' */
  readonly lang?: Lang;
}

/** A notice of a run that ended with its summary (finished, or stopped). */
export function runNotice(summary: RunSummary, context: NoticeContext = {}): RunNotice {
  const lang = context.lang ?? 'en';
  const event: NoticeEvent = summary.stopReason === undefined ? 'finished' : 'stopped';
  const file = path.basename(summary.file);
  const stopMessage = summary.stopSaid ? say(summary.stopSaid, lang) : summary.stopMessage;
  return {
    source: 'wolkvox-bulk',
    event,
    ...(context.command === undefined ? {} : { command: context.command }),
    headline: say(message('notify.headline', { event, file, exitCode: summary.exitCode }), lang),
    lang,
    runDir: summary.runDir,
    file: summary.file,
    ...(summary.server === undefined ? {} : { server: summary.server }),
    ...(summary.operation === undefined ? {} : { operation: summary.operation }),
    ...(summary.module === undefined ? {} : { module: summary.module }),
    startedAt: summary.startedAt,
    finishedAt: summary.finishedAt,
    rows: summary.rows,
    counts: summary.counts,
    calls: summary.calls,
    exitCode: summary.exitCode,
    ...(summary.resumable === undefined ? {} : { resumable: summary.resumable }),
    ...(summary.stopReason === undefined || stopMessage === undefined
      ? {}
      : { stop: { reason: summary.stopReason, ...(summary.stopSaid ? { code: summary.stopSaid.code } : {}), message: stopMessage } }),
    errors: summary.errors.slice(0, TOP_ERRORS),
    next: nextSteps(summary, failedFileOf(summary)).map((step) => say(step, lang)),
  };
}

/** What a failed job is known by before it has a summary: its command, its file or run folder. */
export interface FailedJob extends NoticeContext {
  readonly file?: string;
  readonly runDir?: string;
}

/** A notice of a job that failed before its summary (a refused file, a run folder in use, a token refused at the start …). */
export function errorNotice(error: unknown, job: FailedJob = {}): RunNotice {
  const lang = job.lang ?? 'en';
  const ours = isWolkvoxBulkError(error);
  const code = ours ? error.code : 'INTERNAL';
  const exitCode = ours ? EXIT_FOR_ERROR[error.code] : EXIT.internal;
  // An unexpected error's first line only: a stack names this machine's folders, not what went wrong.
  const words = ours ? (error.said ? say(error.said, lang) : error.message) : String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
  return {
    source: 'wolkvox-bulk',
    event: 'failed',
    ...(job.command === undefined ? {} : { command: job.command }),
    headline: say(message('notify.headline', { event: 'failed', ...(job.file === undefined ? {} : { file: path.basename(job.file) }), exitCode }), lang),
    lang,
    ...(job.runDir === undefined ? {} : { runDir: job.runDir }),
    ...(job.file === undefined ? {} : { file: job.file }),
    finishedAt: new Date().toISOString(),
    exitCode,
    stop: { reason: code, ...(ours && error.said ? { code: error.said.code } : {}), message: words },
    errors: [],
    next: [],
  };
}
