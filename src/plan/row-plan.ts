import type { AttachmentRef, Hash64, MappedRow, MapResult, PlannedRow, RowProblem, SourceRow } from '../core/types.js';
import type { ColumnProblem } from '../core/catalog/en-report.js';
import { message, say, type Message } from '../core/say.js';
import { hashText } from './hash64.js';
import type { CsvFormat, XlsxFormat } from '../input/source.js';
import type { DuplicatePolicy, JobSettings } from './options.js';
import type { DuplicateIndex } from './preflight.js';
import type { FieldRule } from './unchanged.js';

/** What the plan records of the input and the mapping before its rows: all a later stage needs of them. */
export interface PlanStart {
  /** The input as the command named it (the summary's `file`). */
  readonly file: string;
  /** How the input was written (failed.csv and failed.xlsx are written the same way). */
  readonly format: CsvFormat | XlsxFormat;
  readonly headers: readonly string[];
  readonly headerRow: number;
  /** What the check noticed without refusing (columns known by their letter), said again by each session. */
  readonly warnings: readonly string[];
  /** The same warnings as messages, for a skin to word (absent in a plan written before they were). */
  readonly warningsSaid?: readonly Message[];
  /** Each mapped field by CRM label, in the mapping's order: how its value compares with the CRM's. */
  readonly fields: Readonly<Record<string, FieldRule>>;
}

/** A decision about a row made once the whole file is known: another action (and why), or the row it goes after. */
export type PlanDecision = Pick<PlannedRow, 'action' | 'message' | 'said'> | { readonly after: number };

/** Where the plan's decisions are recorded: the run's plan file and row table (store/). */
export interface PlanSink {
  /** The input is open and its header read: before the first row. */
  start(input: PlanStart): void;
  /** The next row, in file order: what it is, and its own cells (for the reports). */
  plan(ordinal: number, planned: PlannedRow, row: SourceRow): void;
  replan(ordinal: number, decision: PlanDecision): void;
  /** What was decided for a row planned before. */
  action(ordinal: number): PlannedRow['action'];
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

/** A row's body, as its hash is taken. */
type Body = Pick<MappedRow, 'id' | 'fields'> & { readonly attachments?: readonly AttachmentRef[] };

/**
 * The hash of exactly what a row sends: operation, module, id and fields in the mapping's key order (as
 * JSON, the way the body goes out). Rows with attachments have none: hashing them would read every file.
 */
export function bodyHashOf(context: Pick<JobSettings, 'operation' | 'module'>, row: Body): Hash64 | undefined {
  if (row.attachments && row.attachments.length > 0) return undefined;
  return hashText(JSON.stringify([context.operation, context.module, row.id, row.fields]));
}

// A row's problems as plan.ndjson keeps them: the English text, and the message to word it in the run's
// language (results.csv, failed.csv). Only rows with a note carry one: a row to send has none.
export const describeProblems = (problems: readonly RowProblem[]) =>
  problems.map((problem) => (problem.column ? `column ${problem.column}: ${problem.message}` : problem.message)).join('; ');

/**
 * The same as a message: a problem with no message of its own (none today) is kept as its English text, so an
 * invalid row always has one (the page words it, the run's files in the run's language).
 */
const problemsSaid = (problems: readonly RowProblem[]): Message =>
  message('report.problems', { problems: problems.map((problem): ColumnProblem => ({ ...(problem.column ? { column: problem.column } : {}), problem: problem.said ?? message('plan.note', { text: problem.message }) })) });

const NOTHING_TO_SEND_SAID = message('report.nothing-to-send');
const NOTHING_TO_SEND = say(NOTHING_TO_SEND_SAID, 'en');

/** Why a row to send was not sent after the snapshot: `--skip-unchanged` found its values in the CRM. */
const IN_CRM_ALREADY_SAID = message('report.in-crm-already');
export const IN_CRM_ALREADY = say(IN_CRM_ALREADY_SAID, 'en');

/** A row left out by `--since`: the earlier run sent the same values. */
export const sameAsSince = (runDir: string | undefined) => message('report.same-as-since', { runDir: runDir ?? '' });

/**
 * What a row is from its own mapping alone: invalid, nothing to send, or to send with its body; with a
 * `--since` baseline, a row to send is unchanged when the baseline holds the same body for its id.
 */
export function planRow(result: MapResult, rowNumber: number, context?: RowPlanContext): PlannedRow {
  if (result.kind === 'invalid') return { action: 'invalid', rowNumber, message: describeProblems(result.problems), said: problemsSaid(result.problems) };
  if (result.kind === 'empty') return { action: 'skip', rowNumber, id: result.id, message: NOTHING_TO_SEND, said: NOTHING_TO_SEND_SAID };
  const { id, fields, attachments } = result.row;
  const before = context?.since?.bodyHashOf(id);
  const bodyHash = before && context ? bodyHashOf(context, result.row) : undefined;
  const unchanged = before !== undefined && bodyHash !== undefined && before[0] === bodyHash[0] && before[1] === bodyHash[1];
  // Built field by field, not spread: every row of the file gets one.
  const planned: { -readonly [K in keyof PlannedRow]: PlannedRow[K] } = { action: unchanged ? 'unchanged' : 'send', rowNumber, id, fields };
  if (attachments.length > 0) planned.attachments = attachments;
  if (unchanged) {
    planned.said = sameAsSince(context?.since?.runDir);
    planned.message = say(planned.said, 'en');
  }
  return planned;
}

/**
 * Rows of an id found more than once can't be judged alone by `--since`: with `--duplicates all` every row
 * of the id is sent (a later row equal to the baseline would otherwise let an earlier one have the last
 * word).
 */
export function sendDuplicatesAgain(duplicates: DuplicateIndex, policy: DuplicatePolicy, sink: PlanSink): void {
  if (policy !== 'all') return;
  for (const ordinals of duplicates.values()) {
    for (const ordinal of ordinals) if (sink.action(ordinal) === 'unchanged') sink.replan(ordinal, { action: 'send' });
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
  label: 'line' | 'row',
  /** With `match`: the CRM field of the key the rows share, named instead of an id. */
  keyField?: string,
): { after: ReadonlyMap<number, number>; excluded: number } {
  const after = new Map<number, number>();
  let excluded = 0;
  for (const ordinals of duplicates.values()) {
    if (policy === 'all') {
      ordinals.forEach((ordinal, index) => {
        if (index === 0) return;
        after.set(ordinal, ordinals[index - 1] as number);
        sink.replan(ordinal, { after: ordinals[index - 1] as number });
      });
      continue;
    }
    if (policy === 'error') continue;
    const kept = policy === 'last' ? (ordinals.at(-1) as number) : (ordinals[0] as number);
    for (const ordinal of ordinals) {
      if (ordinal === kept) continue;
      excluded += 1;
      const said = message('note.duplicate-skipped', { place: label, line: rowNumberOf(kept), policy, ...(keyField === undefined ? {} : { keyField }) });
      sink.replan(ordinal, { action: 'skip', message: say(said, 'en'), said });
    }
  }
  return { after, excluded };
}
