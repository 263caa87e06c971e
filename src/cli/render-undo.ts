import type { UndoSummary } from '../core/types.js';
import { count, counted } from '../core/text.js';

/** After an undo's headline: that not every field went back, when some did not. */
export const undoHeadlineNote = (undo: UndoSummary | undefined) =>
  undo && undo.leftAlone > 0 ? ` ${counted(undo.leftAlone, 'field')} left alone: edited since the run, or not put back for another reason (listed in ${undo.file}).` : '';

/** The undo's line of the summary: what it read first and what that cost, what it put back, left alone or overwrote. */
export function undoLine(undo: UndoSummary): string {
  const parts = [`${count(undo.putBack)} fields put back`, `${count(undo.leftAlone)} left alone`, ...(undo.overwritten > 0 ? [`${count(undo.overwritten)} edited since the run overwritten (--overwrite-later-edits)`] : [])];
  return `  undo: read ${counted(undo.records, 'record')} first (${counted(undo.reads, 'call')}, apart from the undo's): ${parts.join(', ')}${undo.leftAlone + undo.overwritten > 0 ? ` (listed in ${undo.file})` : ''}`;
}
