import { message, say, type Lang, type Message } from '../core/say.js';
import type { PlanRow, RowResult } from '../core/types.js';

// The note of a row --skip-unchanged left out after the check (the row table gives it; plan/row-plan.ts words it the same way).
const IN_CRM_ALREADY_SAID = message('report.in-crm-already');
const IN_CRM_ALREADY = say(IN_CRM_ALREADY_SAID, 'en');

/** The note of a row to send that has no outcome (the stop's reason), in English and as a message. */
export interface UnsentNote {
  readonly message?: string;
  readonly said?: Message;
}

// Distinct notes kept worded at once: a file of distinct problems (a bad value a row) must not grow it
// without end; past this it starts again.
const MOST_KEPT = 10_000;

/**
 * A row's note (results.csv's _wvx_message, failed.csv's _wvx_error) in the run's language: the notes the
 * run wrote itself (the plan's, the stop's) are worded from their message; the CRM's answers stay as the CRM
 * said them. Each distinct note is worded once, looked up by its English. English needs none of it: undefined.
 */
export function createRowWords(lang: Lang, unsent: () => UnsentNote): ((result: RowResult, row: PlanRow) => string | undefined) | undefined {
  if (lang === 'en') return undefined;
  const worded = new Map<string, string>();
  return (result, row) => {
    const english = result.message;
    if (english === undefined) return undefined;
    const known = worded.get(english);
    if (known !== undefined) return known;
    const text = wordNote(english, result, row, lang, unsent);
    if (worded.size >= MOST_KEPT) worded.clear();
    worded.set(english, text);
    return text;
  };
}

function wordNote(english: string, result: RowResult, row: PlanRow, lang: Lang, unsentNote: () => UnsentNote): string {
  if (row.said && row.message !== undefined) {
    if (english === row.message) return say(row.said, lang);
    // An updated row with fields left out (write: if-empty): the CRM's answer, then the plan's note.
    if (english.endsWith(`; ${row.message}`)) return `${english.slice(0, english.length - row.message.length)}${say(row.said, lang)}`;
  }
  // The send pass's own notes (gave up, held back by the row before it) carry their message on the result.
  if (result.said) return say(result.said, lang);
  if (english === IN_CRM_ALREADY) return say(IN_CRM_ALREADY_SAID, lang);
  const unsent = unsentNote();
  if (unsent.said && english === unsent.message) return say(unsent.said, lang);
  return english;
}
