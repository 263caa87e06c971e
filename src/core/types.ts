import type { Message } from './say.js';

/**
 * The data types a row passes through, named once. Stages import them from here; `src/index.ts`
 * re-exports them for library users.
 */

/** Anything with pino's call shape; the library never sets up logging itself. */
export interface Logger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

/** How the client sorts an answer; the send pass decides what to do from this alone. */
export type CallKind =
  /** The record was updated. */
  | 'ok'
  /** Transient for this call: the same call may succeed later (network, 5xx, a body not understood). */
  | 'retry'
  /** Transient for the whole CRM (429, over-concurrency, maintenance): the pool waits; the row's retries are kept. */
  | 'pause'
  /** This row cannot be applied as it is (record not found, bad field, missing parameters). */
  | 'row'
  /** Every call would fail the same way (token, URL, operation or module): stop the job. */
  | 'fatal'
  /** The token's daily quota is used up. */
  | 'quota';

/** Why an answer got its kind; also the key under which refused calls are counted. */
export type CallReason =
  | 'updated'
  /** A read (query.php, queryDates.php) answered with its records. */
  | 'read'
  | 'timeout'
  | 'network'
  | 'server-error'
  | 'rate-limited'
  | 'over-concurrency'
  | 'maintenance'
  | 'bad-answer'
  | 'rejected'
  /** A batch refused as too big (413, TOO MANY RECORDS …): the same records in smaller calls may pass. */
  | 'too-large'
  | 'auth'
  | 'endpoint'
  | 'redirect'
  | 'configuration'
  | 'quota';

/**
 * What the whole pool does on a pause-class answer, as the answer table's rule says: it waits (no call
 * starts, calls in flight finish), and may lower its concurrency. A server's Retry-After is a floor.
 */
export interface PoolPause {
  /**
   * How long: full-jitter backoff over the refused unit's pauses in a row (`attempts`), or over the pool's
   * answers of this reason since its last success, whichever unit got them (`streak`); or a fixed time.
   */
  readonly wait: 'attempts' | 'streak' | { readonly ms: number };
  /** The pool's concurrency goes down by one (at most once a second, never below 1): the user's number is a ceiling. */
  readonly lowerConcurrency?: true;
}

/** What one HTTP call came to: its class, and what the server said, kept for the report. */
export interface CallOutcome {
  readonly kind: CallKind;
  readonly reason: CallReason;
  /** On every `pause`-class answer: what the pool does (from the answer table's rule; the pacer reads nothing else). */
  readonly pause?: PoolPause;
  /** HTTP status; absent when no answer came (network error, timeout). */
  readonly httpStatus?: number;
  /** The body's `code` (the API's own status), as sent (number or string). */
  readonly apiCode?: string;
  /** The body's `msg`, an HTML page's title, or the network error. */
  readonly message: string;
  /** From a `Retry-After` header, in milliseconds. */
  readonly retryAfterMs?: number;
  /** Time from sending to the answer (or the failure). */
  readonly ms: number;
  /** Set when the call never reached a server (DNS, connection refused, no route): nothing was sent, no quota spent. */
  readonly unreached?: true;
}

/** The token's daily budget, from `tokenInformation.php`. */
export interface TokenInfo {
  readonly limit: number;
  readonly usedToday: number;
  readonly available: number;
  readonly hoursToReset: number;
}

/** A date or date-time cell of a workbook: the wall-clock value as typed, with no time zone. */
export interface DateCell {
  readonly kind: 'date';
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** `HH:mm:ss`, when the cell holds a time of day other than midnight. */
  readonly time?: string;
}

/** An Excel error cell such as `#N/A` or `#DIV/0!`. */
export interface ErrorCell {
  readonly kind: 'error';
  readonly error: string;
}

/**
 * One cell as read. CSV cells are always strings; workbook cells keep their type. Numbers are finite
 * JS numbers whose text form is given by `formatNumber` (15 significant digits, never an exponent).
 * Empty cells are absent from `SourceRow.values`.
 */
export type CellValue = string | number | boolean | DateCell | ErrorCell;

/** One data row of the input, as a person sees it in the file. */
export interface SourceRow {
  /** The CSV line where the record starts, or the worksheet row number. */
  readonly rowNumber: number;
  /** Non-empty cells by (trimmed) header name; `_wvx_` report columns are left out. */
  readonly values: Readonly<Record<string, CellValue>>;
  /** Set when the row's shape is wrong (a CSV line with more or fewer fields than the header), in English. */
  readonly problem?: string;
  /** The same as a message, for a skin to word in the person's language. */
  readonly said?: Message;
}

/** A problem that makes one row invalid: where it is and what is wrong. */
export interface RowProblem {
  readonly rowNumber: number;
  /** The input column involved, when there is one. */
  readonly column?: string;
  /** The CRM field (mapping key) involved, when there is one. */
  readonly field?: string;
  /** What is wrong, in English: what plan.ndjson, results.csv and failed.csv keep. */
  readonly message: string;
  /** The same as a message, for a skin to word in the person's language (absent only where a library user built the row). */
  readonly said?: Message;
}

/** A file to attach, checked in the preflight and read only when its row is sent. */
export interface AttachmentRef {
  readonly path: string;
  readonly bytes: number;
}

/** A row turned into what one `update.php` call sends. */
export interface MappedRow {
  readonly rowNumber: number;
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly attachments: readonly AttachmentRef[];
}

/** What the mapping made of one row. */
export type MapResult =
  | { readonly kind: 'mapped'; readonly row: MappedRow }
  /** Every problem of the row. */
  | { readonly kind: 'invalid'; readonly problems: readonly RowProblem[] }
  /** Every field was empty and skipped, and no file is attached: nothing to send. */
  | { readonly kind: 'empty'; readonly rowNumber: number; readonly id: string };

/**
 * What the plan decided a row is, once, at the whole-file check: to send, invalid (with why) or skipped
 * (with why: nothing to send, or a duplicate id left out by `--duplicates`). The run's plan file holds it,
 * with the row's own cells, and every later stage reads it from there, never from the input.
 */
export interface PlannedRow {
  /**
   * `unchanged`: the CRM already holds what the row would send (--skip-unchanged, --since): not sent.
   * `not-found` / `ambiguous` (a mapping's `match`): no record holds the row's key, or several do: the row
   * fails with why, no call is made for it, and failed.csv holds it for the person to fix.
   */
  readonly action: 'send' | 'invalid' | 'skip' | 'unchanged' | UnmatchedAction;
  readonly rowNumber: number;
  readonly id?: string;
  readonly message?: string;
  /** The same note as a message (`message` is its English): a skin words it in the person's language, a run's files in the run's. */
  readonly said?: Message;
  /** What the row sends (a row to send, or found unchanged): the update's fields, exactly as checked. */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** Files to attach, checked by the plan and read only when the row is sent. */
  readonly attachments?: readonly AttachmentRef[];
  /** `--duplicates all`: the ordinal of the row of the same id that this one goes after. */
  readonly after?: number;
}

/** What a row of a `match` mapping is when its key gives it no record to update: none holds it, or several do. */
export type UnmatchedAction = 'not-found' | 'ambiguous';

/** One row of the run's plan as read back: its place among the data rows, its plan, and its own cells. */
export interface PlanRow extends PlannedRow {
  /** 0-based position of the row among the file's data rows. */
  readonly ordinal: number;
  /** The row's cells, in the order of the plan's headers (an empty cell is null, or past the array's end). */
  readonly cells: readonly (CellValue | null)[];
}

/** A 64-bit hash as two unsigned 32-bit halves (JavaScript numbers hold 53 bits). */
export type Hash64 = readonly [high: number, low: number];

/** What became of one input row. */
export type RowStatus =
  /** The CRM accepted the update. */
  | 'updated'
  /**
   * Sent, and refused for this row, or still failing after every retry, or sent with an outcome the job
   * could not learn (an answer that never came or could not be read; see the message): resume sends it again.
   */
  | 'failed'
  /** Not sent: the row did not pass the checks (see the message). */
  | 'invalid'
  /** Not sent on purpose: nothing to update, or a duplicate id left out by `--duplicates`. */
  | 'skipped'
  /** Not sent: the CRM already holds these values (`--skip-unchanged`, `--since`); no update call spent. */
  | 'unchanged'
  /** Not sent because the job stopped first (interrupt, quota, fatal answer, `--limit`). */
  | 'not_sent'
  /** A dry run: the row would be sent (nothing was). */
  | 'would_send';

/** The outcome of one row, as journaled and reported. */
export interface RowResult {
  /** 0-based position of the row among the file's data rows. */
  readonly ordinal: number;
  readonly rowNumber: number;
  readonly id?: string;
  readonly status: RowStatus;
  /** Class of the last answer, for sent rows. */
  readonly kind?: CallKind;
  readonly httpStatus?: number;
  /** The body's `code` of the last answer. */
  readonly apiCode?: string;
  readonly message?: string;
  /** A note the run wrote itself (`message` is its English), for the run's files to word in the run's language; the CRM's answers have none. */
  readonly said?: Message;
  /** Calls this row was sent in that reached a server (0 when not sent); rows of a batch each count its calls. */
  readonly attempts: number;
  /**
   * Of `attempts`, the calls counted on this row: a call that carried several rows (a batch) is counted on
   * one of them, so the sum over rows of `countedCalls ?? attempts` counts every call once.
   */
  readonly countedCalls?: number;
  /** It may have been applied more than once: sent again after a call that may have applied it. */
  readonly reapplied?: true;
  /** Time spent on this row's calls, retries and waits included. */
  readonly ms: number;
  /**
   * Calls refused on the way that were not the row's own fault, by reason (rows of a batch each count its
   * refusals; the summary counts each call once, from the journal's answer lines).
   */
  readonly refused?: Readonly<Partial<Record<CallReason, number>>>;
  /**
   * The call whose answer the row's outcome comes from, numbered in the run's order (1 for its first call);
   * rows sent in one batch share it.
   */
  readonly call?: number;
}

/** A row's outcome as the run's row table keeps it: its line and id are the plan's. */
export type RowOutcome = Omit<RowResult, 'rowNumber' | 'id'>;

/** Settings of the waits between retries: exponential growth from `baseMs`, never above `capMs`. */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly capMs: number;
}

/** How a job with `--batch` went: the size asked for, the size it ended at, and what one call cost. */
export interface BatchSummary {
  readonly size: number;
  readonly used: number;
  /** updateMany.php's answers could not confirm a batch (no count, or one that cannot be true), so rows were confirmed one by one with update.php. */
  readonly unconfirmable?: true;
  /** With `unconfirmable`: why, as the summary says it (`updateMany.php gave no count`). */
  readonly why?: string;
  /** `why` as a message, for a skin to word. */
  readonly whySaid?: Message<'note.batch-why'>;
  /** Quota units one updateMany.php call cost, when measured with --check-quota. */
  readonly cost?: 'call' | 'record';
}

/** What reading back the updated records found (`verify`): rows whose CRM values match what was sent, or not. */
export interface VerifySummary {
  /** Updated records read back (an id sent on several rows counts once). */
  readonly checked: number;
  readonly matched: number;
  /** Records with at least one field whose value differs from what was sent (listed in verify.csv). */
  readonly differing: number;
  /** Records the CRM no longer has. */
  readonly missing: number;
  /** The reads it spent: calls of its own, apart from the run's `calls`. */
  readonly calls: number;
  readonly file: string;
}

/**
 * How a mapping's `match` keys were found, before the first update: the distinct keys, the way chosen
 * (`module`: the module read once; `query`: query.php per key), the calls it spent (apart from the run's
 * calls) and what the other way costs or would have, and how many keys were on one record, none or several.
 */
export interface MatchSummary {
  readonly field: string;
  readonly compare: 'exact' | 'ignore-case' | 'document';
  readonly keys: number;
  readonly by: 'module' | 'query';
  /** What `--match-by` asked: `auto` chooses the cheaper. */
  readonly strategy: 'module' | 'query' | 'auto';
  readonly calls: number;
  /** Calls by query.php: one per key (more for a key on over 250 records). */
  readonly queryCalls: number;
  /** Calls of the module read, when it was read (whole or in part). */
  readonly moduleCalls?: number;
  readonly found: number;
  readonly none: number;
  readonly several: number;
  /** Rows whose key no record holds: failed, nothing sent for them (in failed.csv). */
  readonly notFound: number;
  /** Rows whose key several records hold: failed, nothing sent for them (in failed.csv). */
  readonly ambiguous: number;
}

/**
 * How search fields' `lookup` names were found, before the first update: one read per module and field
 * (the fields that read the same share it), counted as a match's keys are. A row whose name is on no record
 * or on several failed with why, and nothing was sent for it.
 */
export interface LookupSummary extends MatchSummary {
  /** The module of the linked records. */
  readonly module: string;
  /** The search fields whose names this read found. */
  readonly labels: readonly string[];
}

/** What `undo` found when it read the records before putting anything back. */
export interface UndoSummary {
  /** Records the undone run updated, read back before anything was sent. */
  readonly records: number;
  /** The calls those reads spent, apart from the undo's own `calls`. */
  readonly reads: number;
  /** Fields sent back to their value before the run. */
  readonly putBack: number;
  /** Fields not put back: edited since the run, a record gone or not in the snapshot, a typed value that cannot be sent back. */
  readonly leftAlone: number;
  /** Fields edited since the run and put back anyway (--overwrite-later-edits). */
  readonly overwritten: number;
  /** left-alone.csv in the undo's run folder: every field left alone or overwritten, with why. */
  readonly file: string;
}

/** Why a job stopped before sending every row it meant to. */
export type StopReason = 'interrupted' | 'quota' | 'fatal' | 'max-calls' | 'failure-rate' | 'limit' | 'write-failed';

/**
 * Rows that failed, or were invalid, with one message: how many, the first one's line, and the codes of
 * that row's last answer (the HTTP status and the body's `code`; absent from older summaries and invalid rows).
 */
export interface RunError {
  readonly message: string;
  readonly count: number;
  readonly exampleRow: number;
  readonly status?: 'failed' | 'invalid';
  readonly httpStatus?: number;
  readonly apiCode?: string;
  /** An invalid row's problems, or a note the run wrote on failed rows, as a message (`message` is its English), for a skin to word. */
  readonly said?: Message;
}

/** What a whole run (all its sessions) came to; also written to summary.json. */
/**
 * What `update --preview` found (summary.json's `changes`): the rows that would change, field by field in
 * preview.csv, and what the real run would cost. The page shows it as a table (report/preview-file.ts
 * readPreview gives preview.csv's lines).
 */
export interface ChangePreview {
  /** preview.csv: one line per row and changed field (and per row whose record is not found). */
  readonly file: string;
  /** Lines in preview.csv. */
  readonly lines: number;
  readonly rows: {
    /** Rows with at least one field whose CRM value differs from the value to be sent. */
    readonly change: number;
    /** Rows whose every field the CRM already holds. */
    readonly unchanged: number;
    /** Rows whose id (or key) is on no record. */
    readonly notFound: number;
    /** With `match`: rows whose key is on several records. */
    readonly ambiguous: number;
    readonly invalid: number;
    /** Rows left out by --duplicates or --since. */
    readonly skipped: number;
  };
  /** What the real run would cost, with the settings given: its updates, and the quota units they spend. */
  readonly cost: {
    readonly batchSize: number;
    /** update.php or updateMany.php calls. */
    readonly updates: number;
    /** Quota units: `least` and `most` differ while what an updateMany.php call costs is not known. */
    readonly quotaUnits: { readonly least: number; readonly most: number };
    /** Without --skip-unchanged: the updates if the unchanged rows were left out. */
    readonly updatesSkippingUnchanged?: number;
  };
  /** When the reads ended: a later run reuses them for PREVIEW_FRESH_MINUTES. */
  readonly readAt: string;
}

/** Why a preview's reads were not reused: a code for programs and catalogs, and the message in English. */
export type PreviewRefusal = 'not-a-preview' | 'not-finished' | 'old' | 'other-server' | 'other-module' | 'input-changed' | 'mapping-changed' | 'rows-changed';

/** A run given `reusePreview`: whether the preview's reads were used (no read made), and if not, why. */
export type PreviewReuse =
  | { readonly from: string; readonly reused: true; readonly minutesOld: number }
  | { readonly from: string; readonly reused: false; readonly code: PreviewRefusal; readonly message: string; readonly said: Message<'plan.not-reused'> };

export interface RunSummary {
  readonly runDir: string;
  readonly file: string;
  /** The mapping file the rows were mapped with. */
  readonly mapping: string;
  readonly server?: string;
  readonly operation?: string;
  readonly module?: string;
  readonly dryRun: boolean;
  /** When the run's first session started. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /**
   * Time spent in the run's sessions, added up: each from its command's start to its summary, less the
   * time a person took to answer the confirmation. The time between sessions is not counted, nor a
   * session that a crash cut short (it wrote no summary). `rowsPerSecond` is the updated rows over it.
   */
  readonly durationMs: number;
  /** Rows in the input file. */
  readonly rows: number;
  readonly counts: Readonly<Record<RowStatus, number>>;
  /**
   * Calls that reached a server, over every session: updates (update.php, updateMany.php) and reads
   * (query.php, queryDates.php); tokenInformation calls are in `quotaChecks`. A call cut short by a crash counts.
   */
  readonly calls: number;
  /** Calls that never reached a server (DNS, connection refused, no route): not in `calls`, no quota spent. */
  readonly connectionFailures: number;
  readonly retries: number;
  readonly quotaChecks: number;
  /**
   * Quota units `calls` spent, over every session (`quotaChecks` spend one each besides): as many as
   * `calls`, unless an updateMany.php call costs one unit per record, when each spent one per record it
   * carried. Absent when batch calls were made and what one costs was never measured (--check-quota).
   */
  readonly quotaUnits?: number;
  /** Calls refused without being a row's final answer, by reason (over-concurrency, 429, 5xx, …). */
  readonly refused: Readonly<Partial<Record<CallReason, number>>>;
  /** Rows sent again by a resume because a crash left their outcome unknown. */
  readonly resent: number;
  /**
   * Calls (by number, as `_wvx_call` gives them) a session that died left without an answer: each may or
   * may not have reached the CRM before the process ended, so the CRM saw between `calls −
   * uncertainCalls.length` and `calls` calls. Always in summary.json (absent from older ones).
   */
  readonly uncertainCalls?: readonly number[];
  /**
   * Records that may have been applied more than once: sent again after a call that may have applied them
   * (a batch the CRM refused after applying part of it, or narrowed down half by half; an answer that
   * never came or could not be read; a crash). A CRM workflow that runs on each update may have run again.
   * Always in summary.json (absent from older ones).
   */
  readonly reapplied?: number;
  readonly sessions: number;
  readonly rowsPerSecond: number;
  /** Calls made per updated row: 1.00 is a run without waste. */
  readonly callsPerUpdated: number | null;
  /** Failure messages grouped, most frequent first. */
  readonly errors: readonly RunError[];
  readonly stopReason?: StopReason;
  /** A sentence on why the job stopped and what to do. */
  readonly stopMessage?: string;
  /** Why the run stopped, as a message code and its parameters (`stopMessage` is its English), for a skin to word. */
  readonly stopSaid?: Message;
  /** With `stopReason: 'fatal'`: the kind of answer that stopped it (`auth`, `endpoint`, `configuration`, …). */
  readonly fatalReason?: CallReason;
  /**
   * `resume` has something to do: the run stopped early, or rows have no final outcome (not sent, gave up
   * after their retries, outcome unknown). Never for a dry run. Always in summary.json (absent from older ones).
   */
  readonly resumable?: boolean;
  /** With --verify (or `wolkvox-bulk verify`): what reading back the updated records found. */
  readonly verify?: VerifySummary;
  /** With a mapping's `match`: how the keys were found before the first update (reads apart from `calls`). */
  readonly match?: MatchSummary;
  /** With search fields' `lookup`: how their names were found before the first update (reads apart from `calls`). */
  readonly lookups?: readonly LookupSummary[];
  /** An undo run: what it read first and what it put back or left alone. */
  readonly undo?: UndoSummary;
  /** With --batch: the size asked for and the one the run ended with. */
  readonly batch?: BatchSummary;
  /** `update --preview`: what would change and what the real run would cost (nothing was sent). */
  readonly changes?: ChangePreview;
  /** `update --reuse-preview`: whether the preview's reads were used, or why not. */
  readonly reusedPreview?: PreviewReuse;
  /** A dry run: the first bodies exactly as they would be sent (attachments named, not read). */
  readonly preview?: readonly Readonly<Record<string, unknown>>[];
  readonly exitCode: number;
}

/** A type with its fields writable: a value built field by field (on hot paths) before it is handed out as read-only. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
