import type { Message } from './say.js';
import type { MatchSummary, PreviewReuse, RowResult, StopReason, TokenInfo } from './types.js';

/** What the job tells its caller while it runs (the CLI draws progress from these). */
export type JobEvent =
  /** The preflight is done and the job is about to send. */
  | { readonly type: 'plan'; readonly plan: Plan }
  /** A row reached its outcome for this session. */
  | { readonly type: 'row'; readonly result: RowResult }
  /** A call failed and will be tried again after `ms`. */
  | { readonly type: 'retry'; readonly rowNumber: number; readonly attempt: number; readonly ms: number; readonly message: string }
  /** The whole pool waits (429 or over-concurrency): `reason` is the answer's reason, `said` why, for a skin to word. */
  | { readonly type: 'pause'; readonly ms: number; readonly reason: string; readonly said: Message }
  /** The effective concurrency was lowered after an over-concurrency answer. */
  | { readonly type: 'concurrency'; readonly from: number; readonly to: number }
  /** The token's quota as last read. */
  | { readonly type: 'quota'; readonly info: TokenInfo }
  /** Waiting for the daily quota to restart; `guess` when the CRM did not say when (`until` is a re-check). */
  | { readonly type: 'quota-wait'; readonly until: string; readonly guess?: true }
  /** Reading records before writing (a snapshot, or verify): `done` pages or ids so far. */
  | { readonly type: 'reading'; readonly what: 'module' | 'ids' | 'keys'; readonly done: number; readonly calls: number }
  /** Batches got smaller for the rest of the run: refused as too large, or not confirmable by their answer. */
  | { readonly type: 'batch-size'; readonly from: number; readonly to: number; readonly reason: string; readonly said: Message }
  /** The job is stopping early: no new calls; the ones in flight finish. */
  | { readonly type: 'stopping'; readonly reason: StopReason; readonly message: string; readonly said: Message };

/** What the job is about to do, shown (and confirmed) before the first call. */
export interface Plan {
  readonly file: string;
  readonly runDir: string;
  /** Absent in a dry run, which calls nobody. */
  readonly server?: string;
  readonly operation: string;
  readonly module: string;
  readonly concurrency: number;
  readonly rate?: number;
  /** Rows that will be sent in this session. */
  readonly toSend: number;
  readonly rows: number;
  readonly invalid: number;
  readonly skipped: number;
  /** Rows not sent because the CRM already holds what they would send (`--since`). */
  readonly unchanged: number;
  readonly alreadyDone: number;
  readonly dryRun: boolean;
  readonly quota?: TokenInfo;
  /**
   * The token, when it decodes as a wolkvox token (`{operation}-{YYYYMMDDhhmmss}` in hex): the operation it
   * was made for when that is not the job's (nothing else of it), and its age in days.
   */
  readonly token?: { readonly operation?: string; readonly ageDays: number };
  /** --reserve: quota units of the day kept for the token's other integrations (the job stops before them). */
  readonly reserve?: number;
  /** With --reserve: the quota is read again every this many requests (one request each time), as the job goes. */
  readonly quotaRereadEvery?: number;
  /**
   * With --batch: the records per call, about how many calls the rows take in batches of it, and what
   * one updateMany.php call costs in quota units when an earlier session measured it.
   */
  readonly batch?: { readonly size: number; readonly calls: number; readonly cost?: 'call' | 'record' };
  /** When the quota runs out: wait for its reset (true) or stop, resumable (false). */
  readonly waitForQuota: boolean;
  /** The updated records are read back at the end (`verify`), listing what differs in verify.csv. */
  readonly readBack?: boolean;
  /** A job that only reads (`wolkvox-bulk verify`): the records it reads back. Nothing is sent. */
  readonly readsOnly?: { readonly records: number };
  /** A snapshot is read before the first update: how, and how many distinct ids (the by-id cost in calls). */
  readonly snapshot?: {
    readonly strategy: 'by-id' | 'module' | 'auto';
    readonly ids: number;
    readonly skipUnchanged: boolean;
    readonly done: boolean;
    /** Taken from the module read that found a `match` mapping's keys: no read of its own. */
    readonly fromMatch?: true;
    /** The fields written only where the CRM's is empty (`"write": "if-empty"`): what the read is for too. */
    readonly ifEmpty?: readonly string[];
  };
  /** With a mapping's `match`: the keys to find once the plan is confirmed, and what each way costs. */
  readonly match?: PlanMatch;
  /** `update --preview`: the reads are made, preview.csv written, and no update sent. */
  readonly preview?: true;
  /** `update --reuse-preview`: the preview's reads used in place of the run's own, or why not. */
  readonly reusedPreview?: PreviewReuse;
  /** With search fields' `lookup`: the names to find once the plan is confirmed, a read per module and field. */
  readonly lookups?: readonly PlanLookup[];
  /** Settings that are allowed but likely wrong, said before the first call, in English. */
  readonly warnings: readonly string[];
  /** The same warnings as messages (their codes and parameters), for a skin to word in the person's language (absent only where a library user built the plan). */
  readonly warningsSaid?: readonly Message[];
}

/** A lookup's read before it is made: its distinct names, counted and costed as a match's keys are. */
export interface PlanLookup extends PlanMatch {
  readonly module: string;
  readonly labels: readonly string[];
}

/**
 * A mapping's `match` before its keys are read: the distinct keys of the rows to send, what each way of
 * finding them costs, and the way asked. Nothing is read before the plan is confirmed; what they came to
 * is the summary's (core/types.ts MatchSummary).
 */
export interface PlanMatch extends Pick<MatchSummary, 'field' | 'compare' | 'keys' | 'strategy'> {
  /** query.php key by key: a call for each key not found yet (more for a key on over 250 records). */
  readonly queryCalls: number;
  /** Keys an earlier session of the run found (keys.ndjson): not read again. */
  readonly known: number;
  /** Module pages an earlier session read (keys.ndjson): the module read goes on from the next. */
  readonly pagesRead: number;
}
