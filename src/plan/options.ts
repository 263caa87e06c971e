import type { Message } from '../core/say.js';
import type { JobEvent, Plan } from '../core/events.js';
import type { Lang } from '../core/say.js';
import type { BackoffOptions, Logger } from '../core/types.js';
import type { ReadOptions } from '../input/open.js';
import type { LoadedMapping } from '../mapping/load.js';
import type { DUPLICATE_POLICIES, MATCH_STRATEGIES, SNAPSHOT_STRATEGIES } from './option-rules.js';

/** How a snapshot reads the records: one call per id, the whole module 250 a call, or the cheaper. */
export type SnapshotStrategy = (typeof SNAPSHOT_STRATEGIES)[number];

/** How a mapping's `match` keys are found: the module read once, query.php per key, or the cheaper. */
export type MatchStrategy = (typeof MATCH_STRATEGIES)[number];

/** How rows sharing an id are treated: refuse the file, send the first, the last, or all of them in order. */
export type DuplicatePolicy = (typeof DUPLICATE_POLICIES)[number];

/** Reader settings a command line may set over the mapping's. */
export type ReaderOverrides = Omit<ReadOptions, 'file'>;

/** Connection and pacing settings; `resume` may change them between the days of a job. */
export interface ConnectionOptions {
  /** CRM host or URL, such as `crm0001.wolkvox.com`. Not needed for a dry run. */
  readonly server?: string;
  /** The Wolkvox-Token. Never written anywhere. Not needed for a dry run. */
  readonly token?: string;
  /** Calls in flight at once; a ceiling, lowered when the CRM says it is too many. @default 2 */
  readonly concurrency?: number;
  /** Calls per second at most. @default no limit */
  readonly rate?: number;
  /** Retries of a call that failed for a transient reason. @default 5 */
  readonly retries?: number;
  /** Seconds to wait for one answer, body included. @default 60 */
  readonly timeoutSeconds?: number;
  /**
   * Stop cleanly (resumable) before spending more than this many quota units in this session: one a call,
   * one a record for an updateMany.php call until it is known to cost one (--check-quota measures it); 0: no limit.
   */
  readonly maxCalls?: number;
  /** When the daily quota runs out, wait for its reset and go on instead of stopping. @default false */
  readonly waitForQuota?: boolean;
  /**
   * Quota units of the day to keep for the token's other integrations (web forms, other imports): the job
   * reads the quota first and stops cleanly (resumable), or waits with `waitForQuota`, once only these are
   * left. 0: none kept. @default 0
   */
  readonly reserve?: number;
  /** Read the token's quota before starting and say whether the job fits. @default false */
  readonly checkQuota?: boolean;
  /**
   * Stop when row failures dominate: the first 20 rows all failed, or more than this share of the last 100.
   * 0 turns the check off. @default 0.5
   */
  readonly maxFailureRate?: number;
}

/** What a job reports to its caller while it runs, and how it can be stopped. */
export interface JobHooks {
  /** Aborting stops the job cleanly: no new calls, the ones in flight finish, reports are written. */
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  readonly onEvent?: (event: JobEvent) => void;
  /** Asked once the plan is known, before the first call; false cancels the job. */
  readonly confirm?: (plan: Plan) => boolean | Promise<boolean>;
  /** Timing of retries (tests shorten it). @default 1 s base, 60 s cap */
  readonly backoff?: BackoffOptions;
  /** Notes for the plan, said before the first call (what `undo` leaves alone), as messages a skin words. */
  readonly planNotes?: readonly Message[];
}

export interface UpdateOptions extends ConnectionOptions, ReaderOverrides, JobHooks {
  /** The input file (CSV or XLSX). */
  readonly file: string;
  /** Path of the mapping file, or a mapping already loaded. */
  readonly mapping: string | LoadedMapping;
  /** @default the mapping's `operation` */
  readonly operation?: string;
  /** @default the mapping's `module` */
  readonly module?: string;
  /** The run folder. @default `wolkvox-runs/<date-time>-<input name>` */
  readonly out?: string;
  /** @default 'error' */
  readonly duplicates?: DuplicatePolicy;
  /** Send the valid rows even when some are invalid (those are reported, not sent). @default false */
  readonly skipInvalid?: boolean;
  /** Send only the first N rows (a canary run); `resume` sends the rest. */
  readonly limit?: number;
  /**
   * Records per updateMany.php call; 1 sends one update.php call per row. Rows with attachments, and rows
   * of an id sent more than once (--duplicates all), always go alone. @default 1
   */
  readonly batchSize?: number;
  /** Do everything but the calls: no server or token needed. @default false */
  readonly dryRun?: boolean;
  /** `xlsx` also writes results.xlsx (coloured statuses, filter, frozen header). @default 'csv' */
  readonly reportFormat?: 'csv' | 'xlsx';
  /**
   * The language of the notes the run writes in its files (results.csv's _wvx_message, failed.csv's _wvx_error
   * and first line), recorded in run.json: a resume and its reports keep it. Codes and statuses never change;
   * the CRM's answers stay as it said them. @default 'en'
   */
  readonly lang?: Lang;
  /**
   * Read each record's current values of the mapped fields before the first update, into before.csv (what
   * `undo` puts back): by id (1 call a row), from a module read (1 call per 250 records), or `auto`, the
   * cheaper. @default no snapshot (`auto` with skipUnchanged)
   */
  readonly snapshot?: SnapshotStrategy;
  /** With a mapping's `match`: how keys are found before the first update. @default 'auto' (the cheaper) */
  readonly matchBy?: MatchStrategy;
  /** Leave out rows whose values the CRM already holds (reads a snapshot first): status `unchanged`. @default false */
  readonly skipUnchanged?: boolean;
  /** Read back what the run updated at its end and list what differs in verify.csv. @default false */
  readonly verify?: boolean;
  /**
   * An earlier run's folder (yesterday's, for a nightly import): a row whose body equals the one that run
   * left in the CRM for the same id is `unchanged` and not sent. No reads: it trusts that nobody changed
   * those records in the CRM since. @default every row is sent
   */
  readonly since?: string;
  /**
   * Read what the CRM holds now (the snapshot's reads, and a `match` mapping's keys) and write preview.csv:
   * each field that would change, the CRM's value now and the value to be sent, with the counts and what the
   * real run would cost. No update is sent. @default false
   */
  readonly previewChanges?: boolean;
  /**
   * The run folder of a recent `previewChanges` run of the same file and mapping: its reads are used instead
   * of reading again, when they are less than 30 minutes old (PREVIEW_FRESH_MINUTES) and it was
   * checked from the same input, mapping, server and module; otherwise the run reads again and says why.
   */
  readonly reusePreview?: string;
}

/** Connection settings, checked and completed. Server and token are absent only in a dry run. */
export interface ResolvedConnection {
  readonly server?: string;
  readonly token?: string;
  readonly concurrency: number;
  readonly rate?: number;
  readonly retries: number;
  readonly timeoutSeconds: number;
  readonly timeoutMs: number;
  readonly maxCalls?: number;
  readonly waitForQuota: boolean;
  /** Quota units kept for other integrations (absent: none). */
  readonly reserve?: number;
  readonly checkQuota: boolean;
  readonly maxFailureRate: number;
}

/** The job's settings that are fixed for its whole life (recorded in run.json). */
export interface JobSettings {
  readonly operation: string;
  readonly module: string;
  readonly duplicates: DuplicatePolicy;
  readonly skipInvalid: boolean;
  readonly dryRun: boolean;
  readonly limit?: number;
  readonly reportFormat: 'csv' | 'xlsx';
  /** The language of the notes in the run's files; absent: English (and runs recorded before it). */
  readonly lang?: Lang;
  /** Records per updateMany.php call (1: update.php, one call per row). */
  readonly batchSize: number;
  /** How the snapshot is read; absent: no snapshot. */
  readonly snapshot?: SnapshotStrategy;
  readonly skipUnchanged: boolean;
  readonly verify: boolean;
  /** A preview (`previewChanges`): reads, compares and reports; sends no update. Absent for any other job. */
  readonly preview?: true;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 60_000 };
