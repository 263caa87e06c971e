/** The outcome of reading one value: the value, or a message saying what is wrong and what to do. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(message: string): Result<T> => ({ ok: false, message });

/** The value of a result the mapping checker has already accepted; failing here is a bug, not a user error. */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`Internal error: a checked mapping value was refused: ${result.message}`);
  return result.value;
}
