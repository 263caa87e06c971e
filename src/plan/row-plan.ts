import type { MapResult } from '../mapping/compile.js';
import type { MappedRow, RowProblem } from '../core/types.js';
import type { DuplicatePolicy } from './options.js';
import type { DuplicateIndex } from './preflight.js';

/** What the job does with one row; the send pass and the report pass decide the same way. */
export type RowDecision =
  | { readonly action: 'send'; readonly row: MappedRow; /** ordinal of the row with the same id sent before it (--duplicates all) */ readonly after?: number }
  | { readonly action: 'invalid'; readonly message: string; readonly id?: string }
  | { readonly action: 'skip'; readonly message: string; readonly id: string };

export const describeProblems = (problems: readonly RowProblem[]) =>
  problems.map((problem) => (problem.column ? `${problem.column}: ${problem.message}` : problem.message)).join('; ');

/** Decides each row from its mapping result and the duplicate ids found by the preflight. */
export function createRowPlan(duplicates: DuplicateIndex, policy: DuplicatePolicy, rowNumberOf: (ordinal: number) => number, label: string) {
  // ordinal → what to do instead of sending (first/last), or which row goes before it (all).
  const excluded = new Map<number, number>();
  const previous = new Map<number, number>();
  for (const ordinals of duplicates.values()) {
    const kept = policy === 'last' ? (ordinals.at(-1) as number) : (ordinals[0] as number);
    ordinals.forEach((ordinal, index) => {
      if (policy === 'all') {
        if (index > 0) previous.set(ordinal, ordinals[index - 1] as number);
      } else if (ordinal !== kept) {
        excluded.set(ordinal, kept);
      }
    });
  }
  return (ordinal: number, result: MapResult): RowDecision => {
    if (result.kind === 'invalid') return { action: 'invalid', message: describeProblems(result.problems) };
    if (result.kind === 'empty') return { action: 'skip', id: result.id, message: 'nothing to send: every mapped cell is empty' };
    const kept = excluded.get(ordinal);
    if (kept !== undefined) {
      return { action: 'skip', id: result.row.id, message: `duplicate id: ${label} ${rowNumberOf(kept)} has the same id and is sent instead (--duplicates ${policy})` };
    }
    const after = previous.get(ordinal);
    return after === undefined ? { action: 'send', row: result.row } : { action: 'send', row: result.row, after };
  };
}
