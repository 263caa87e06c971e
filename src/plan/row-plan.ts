import type { Hash64, MappedRow, MapResult, PlannedRow, RowProblem } from '../core/types.js';
import { hashText } from './hash64.js';
import type { DuplicatePolicy, JobSettings } from './options.js';
import type { DuplicateIndex } from './preflight.js';

/** Where the plan's decisions are recorded (the run's row table, in store/). */
export interface PlanSink {
  plan(ordinal: number, planned: PlannedRow): void;
  replan(ordinal: number, planned: Pick<PlannedRow, 'action' | 'message'>): void;
  /** What was decided for a row planned before. */
  planned(ordinal: number): PlannedRow;
}

/** An earlier run's baseline (`--since`): the body it left in the CRM for each id it knows. */
export interface SinceBaseline {
  /** The earlier run's folder, named in the message of each row found unchanged. */
  readonly runDir: string;
  /** The hash of the body the CRM holds for this id since that run, if it knows one. */
  bodyHashOf(id: string): Hash64 | undefined;
}

/** What the plan of a row needs beyond its mapping: the job's target and, with `--since`, the baseline. */
export interface RowPlanContext extends Pick<JobSettings, 'operation' | 'module'> {
  readonly since?: SinceBaseline;
}

/**
 * The hash of exactly what a row sends: operation, module, id and fields in the mapping's key order (as
 * JSON, the way the body goes out). Rows with attachments have none: hashing them would read every file.
 */
export function bodyHashOf(context: Pick<JobSettings, 'operation' | 'module'>, row: MappedRow): Hash64 | undefined {
  if (row.attachments.length > 0) return undefined;
  return hashText(JSON.stringify([context.operation, context.module, row.id, row.fields]));
}

export const describeProblems = (problems: readonly RowProblem[]) =>
  problems.map((problem) => (problem.column ? `column ${problem.column}: ${problem.message}` : problem.message)).join('; ');

/**
 * What a row is from its own mapping alone: invalid, nothing to send, or to send; with a context, each row
 * to send carries its body hash, and is unchanged when the `--since` baseline holds the same for its id.
 */
export function planRow(result: MapResult, rowNumber: number, context?: RowPlanContext): PlannedRow {
  if (result.kind === 'invalid') return { action: 'invalid', rowNumber, message: describeProblems(result.problems) };
  if (result.kind === 'empty') return { action: 'skip', rowNumber, id: result.id, message: 'nothing to send: every mapped cell is empty' };
  const id = result.row.id;
  const bodyHash = context && bodyHashOf(context, result.row);
  if (bodyHash === undefined) return { action: 'send', rowNumber, id };
  const before = context?.since?.bodyHashOf(id);
  if (before && before[0] === bodyHash[0] && before[1] === bodyHash[1]) {
    return { action: 'unchanged', rowNumber, id, message: `same values as sent by ${context?.since?.runDir} (--since)`, bodyHash };
  }
  return { action: 'send', rowNumber, id, bodyHash };
}

// Until the run folder holds the plan itself, the send pass reads the file again: a row that is not what
// the check planned (the file was rewritten meanwhile) is not sent, and says why and what to do.
const UNCHECKED = 'not sent: restore the file the check read and resume, or run update again to check the file as it is now';
export const CHANGED_ID = `changed since the check: the file now has another id on this row; ${UNCHECKED}`;
export const CHANGED_VALUES = `changed since the check: the file now has other values on this row; ${UNCHECKED}`;
export const CHANGED_GONE = `changed since the check: the file now ends before this row; ${UNCHECKED}`;
/** A row of the file that the check never saw (the file grew after it). */
export const NOT_CHECKED = 'not sent: not in the file when it was checked (the file changed since the check)';

/** What the plan recorded for a row to send: its id, and its body hash when it has one. */
export interface PlannedBody {
  readonly id?: string;
  readonly bodyHash?: Hash64;
}

/**
 * Why a row planned to send, mapped again when it is sent, is not the row the check planned: invalid or
 * empty now, another id, or another body. Undefined when it is the same, and only then may it be sent.
 */
export function changeSinceCheck(planned: PlannedBody, result: MapResult, context: Pick<JobSettings, 'operation' | 'module'>): string | undefined {
  if (result.kind === 'invalid') return `changed since the check: ${describeProblems(result.problems)}`;
  if (result.kind === 'empty') return 'changed since the check: every mapped cell is now empty';
  if (result.row.id !== planned.id) return CHANGED_ID;
  const now = bodyHashOf(context, result.row);
  // A row with attachments has no hash: one that gained or lost its attachments changed too.
  const same = now === undefined || planned.bodyHash === undefined ? now === planned.bodyHash : now[0] === planned.bodyHash[0] && now[1] === planned.bodyHash[1];
  return same ? undefined : CHANGED_VALUES;
}

/**
 * Rows of an id found more than once can't be judged alone by `--since`: with `--duplicates all` every row
 * of the id is sent (a later row equal to the baseline would otherwise let an earlier one have the last
 * word).
 */
export function sendDuplicatesAgain(duplicates: DuplicateIndex, policy: DuplicatePolicy, sink: PlanSink): void {
  if (policy !== 'all') return;
  for (const ordinals of duplicates.values()) {
    for (const ordinal of ordinals) if (sink.planned(ordinal).action === 'unchanged') sink.replan(ordinal, { action: 'send' });
  }
}

/**
 * What the duplicates policy changes once the whole file is known: with `first` or `last` the other rows
 * of an id are skipped, naming the row sent instead; with `all` each row of an id goes after the one
 * before it. Returns, for `all`, the row each such row waits for, and how many rows were left out.
 */
export function planDuplicates(
  duplicates: DuplicateIndex,
  policy: DuplicatePolicy,
  sink: PlanSink,
  rowNumberOf: (ordinal: number) => number,
  label: string,
): { after: ReadonlyMap<number, number>; excluded: number } {
  const after = new Map<number, number>();
  let excluded = 0;
  for (const ordinals of duplicates.values()) {
    if (policy === 'all') {
      ordinals.forEach((ordinal, index) => index > 0 && after.set(ordinal, ordinals[index - 1] as number));
      continue;
    }
    if (policy === 'error') continue;
    const kept = policy === 'last' ? (ordinals.at(-1) as number) : (ordinals[0] as number);
    for (const ordinal of ordinals) {
      if (ordinal === kept) continue;
      excluded += 1;
      sink.replan(ordinal, { action: 'skip', message: `duplicate id: ${label} ${rowNumberOf(kept)} has the same id and is sent instead (--duplicates ${policy})` });
    }
  }
  return { after, excluded };
}
