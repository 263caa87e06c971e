import type { UndoSummary } from '../core/types.js';
import { message, say, type Lang } from '../core/say.js';

/** After an undo's headline: that not every field went back, when some did not. */
export const undoHeadlineNote = (undo: UndoSummary | undefined, lang: Lang = 'en') =>
  undo && undo.leftAlone > 0 ? ` ${say(message('undo.left-alone-note', { fields: undo.leftAlone, file: undo.file }), lang)}` : '';

/** The undo's line of the summary: what it read first and what that cost, what it put back, left alone or overwrote. */
export function undoLine(undo: UndoSummary, lang: Lang = 'en'): string {
  const { records, reads, putBack, leftAlone, overwritten, file } = undo;
  return `  ${say(message('undo.line', { records, reads, putBack, leftAlone, overwritten, file }), lang)}`;
}
