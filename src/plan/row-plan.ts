import type { MapResult, PlannedRow, RowProblem } from '../core/types.js';
import type { DuplicatePolicy } from './options.js';
import type { DuplicateIndex } from './preflight.js';

/** Where the plan's decisions are recorded (the run's row table, in store/). */
export interface PlanSink {
  plan(ordinal: number, planned: PlannedRow): void;
  replan(ordinal: number, planned: Pick<PlannedRow, 'action' | 'message'>): void;
}

export const describeProblems = (problems: readonly RowProblem[]) =>
  problems.map((problem) => (problem.column ? `${problem.column}: ${problem.message}` : problem.message)).join('; ');

/** What a row is from its own mapping alone: invalid, nothing to send, or to send. */
export function planRow(result: MapResult, rowNumber: number): PlannedRow {
  if (result.kind === 'invalid') return { action: 'invalid', rowNumber, message: describeProblems(result.problems) };
  if (result.kind === 'empty') return { action: 'skip', rowNumber, id: result.id, message: 'nothing to send: every mapped cell is empty' };
  return { action: 'send', rowNumber, id: result.row.id };
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
