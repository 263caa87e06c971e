import { message } from '../core/say.js';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { WolkvoxBulkError } from '../core/errors.js';
import { writeFileAtomic } from './atomic-file.js';
import { causeOf, isFileError } from './file-errors.js';
import type { RunPaths } from './run-folder.js';
import type { JournalMark } from './journal.js';
import type { PlanMark } from './plan-file.js';
import type { MatchRule } from '../mapping/match-key.js';
import type { LookupRule } from '../mapping/record-lookup.js';
import type { ReaderOverrides } from '../plan/options.js';
import type { JobSettings, MatchStrategy, ResolvedConnection } from '../plan/options.js';

/** A file as it was when the run started: a resume refuses to go on if it changed. */
export interface FileFingerprint {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  /**
   * For the mapping: the hash of everything in it that decides what a row is, that is all but `operation`
   * and `module` (a resume may correct those; they change no row).
   */
  readonly rowsSha256?: string;
}

/** The hash of a mapping without the keys that change no row (operation, module, $schema). */
export function mappingRowsHash(mapping: object): string {
  const { operation: _operation, module: _module, $schema: _schema, ...rows } = mapping as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(rows)).digest('hex');
}

// JSON with object keys sorted, so the same mapping always hashes the same.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Connection settings as recorded: everything but the token. */
export type RecordedConnection = Omit<ResolvedConnection, 'token'>;

/** run.json: everything needed to continue the job, and nothing secret. */
export interface RunFile {
  readonly version: 1;
  readonly createdAt: string;
  readonly input: FileFingerprint;
  readonly mapping: FileFingerprint;
  readonly reader: ReaderOverrides;
  readonly job: JobSettings;
  readonly connection: RecordedConnection;
  /** Data rows in the input. */
  readonly rows: number;
  /** The checked plan's length and SHA-256 (plan.ndjson): a plan that differs is refused as damaged. */
  readonly plan?: PlanMark;
  /** Where the journal stood at the last session's start or end: resume refuses a journal that differs. */
  readonly journal?: JournalMark;
  /** What one updateMany.php call costs in quota on this token, once measured (--check-quota). */
  readonly batchCost?: 'call' | 'record';
  /** `--since`: the earlier run the plan compared with, and its baseline as read (a resume reads the same). */
  readonly since?: SinceRecord;
  /** With a mapping's `match`: how the keys are found, and where putting their ids into the plan stands. */
  readonly match?: MatchRecord;
  /** With search fields' `lookup`: where putting the linked records' ids into the plan stands. */
  readonly lookups?: LookupsRecord;
  /**
   * A preview (`update --preview`): the plan as its check wrote it (a later run reuses its reads only for
   * the same plan), and when its reads ended (absent until they did).
   */
  readonly preview?: { readonly checkedPlan: PlanMark; readonly readAt?: string };
  /** With `"write": "if-empty"` fields: where writing the read's decisions into the plan stands. */
  readonly ifEmpty?: PlanRewriteRecord;
}

/** A plan rewritten from what a read found: the copy about to take its place (a crash may fall between), then done. */
export interface PlanRewriteRecord {
  readonly appliedPlan?: PlanMark;
  readonly applied?: true;
}

/**
 * A `match` run: its plan holds each row's key in place of an id until the keys are found (after the plan
 * is confirmed, journalled in keys.ndjson) and their ids written into it.
 */
export interface MatchRecord {
  readonly rule: MatchRule;
  /** `--match-by` as the run was started. */
  readonly strategy: MatchStrategy;
  /** The plan with the ids, written beside the keyed plan and about to take its place (a crash may fall between). */
  readonly appliedPlan?: PlanMark;
  /** The plan holds the records' ids: the keys are found and nothing is left to read. */
  readonly applied?: true;
}

/**
 * A run with search fields that find their linked record by name: its plan sends each name without its id
 * until the names are found (after the plan is confirmed, journalled in lookup-N.ndjson) and their ids
 * written into it.
 */
export interface LookupsRecord {
  readonly rules: readonly LookupRule[];
  /** The plan with the linked ids, written beside the plan and about to take its place (a crash may fall between). */
  readonly appliedPlan?: PlanMark;
  /** The plan holds the linked ids: nothing is left to read. */
  readonly applied?: true;
}

/** The run a `--since` job started from: its folder, and the baseline file's size and hash when read. */
export interface SinceRecord {
  readonly dir: string;
  readonly baseline: { readonly bytes: number; readonly sha256: string };
}

export async function fingerprint(file: string): Promise<FileFingerprint> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return { path: fs.realpathSync(file), size: fs.statSync(file).size, sha256: hash.digest('hex') };
}

export function recordConnection(connection: ResolvedConnection): RecordedConnection {
  const { token: _token, ...rest } = connection;
  return rest;
}

export function writeRunFile(paths: RunPaths, run: RunFile): void {
  writeFileAtomic(paths.run, `${JSON.stringify(run, null, 2)}\n`);
}

/** Records what one updateMany.php call was measured to cost, for the budget of later sessions. */
export function recordBatchCost(paths: RunPaths, cost: 'call' | 'record'): void {
  writeRunFile(paths, { ...readRunFile(paths), batchCost: cost });
}

/** Points the run file at the journal as it now stands. */
export function markJournal(paths: RunPaths, mark: JournalMark): void {
  writeRunFile(paths, { ...readRunFile(paths), journal: mark });
}

export function readRunFile(paths: RunPaths): RunFile {
  let text: string;
  try {
    text = fs.readFileSync(paths.run, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new WolkvoxBulkError('RUN_INVALID', message('run.not-a-run', { runDir: paths.dir }), { file: paths.dir });
    }
    // There, but not readable (permissions, a folder in its place): say so, not that it is missing.
    const cause = isFileError(error) ? causeOf(error) : { detail: String(error) };
    throw new WolkvoxBulkError('RUN_INVALID', message('run.unreadable', { file: paths.run, cause }), { file: paths.run, cause: error });
  }
  try {
    const run = JSON.parse(text) as RunFile;
    if (run.version !== 1) throw new Error(`version ${String(run.version)}`);
    return run;
  } catch (error) {
    throw new WolkvoxBulkError('RUN_INVALID', message('run.damaged', { file: paths.run, detail: (error as Error).message }), { file: paths.run, cause: error });
  }
}
