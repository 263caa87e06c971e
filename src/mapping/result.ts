import { message, say, type Message, type MessageCode, type ParamsOf } from '../core/say.js';
import type { RowProblem } from '../core/types.js';

/**
 * The outcome of reading one value: the value, or what is wrong and what to do, as a message (`said`, for
 * a skin to word in the person's language) and its English (`message`, the text files and logs keep).
 */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string; readonly said: Message };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

const failWith = (said: Message): Result<never> => ({ ok: false, message: say(said, 'en'), said });

/** A failure saying this message; its English is worded once, here (a refused value is rare next to the rows that pass). */
export const fail = <C extends MessageCode>(code: C, ...params: ParamsOf<C> extends undefined ? [] : [ParamsOf<C>]): Result<never> => failWith(message(code, ...params));

/** The value of a result the mapping checker has already accepted; failing here is a bug, not a user error. */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`Internal error: a checked mapping value was refused: ${result.message}`);
  return result.value;
}

/** A row's problem at its place, saying this message (its English worded once, for the files). */
export const rowProblem = (rowNumber: number, place: { readonly column?: string; readonly field?: string }, said: Message): RowProblem => ({
  rowNumber,
  ...place,
  message: say(said, 'en'),
  said,
});
