import { describeValue, keyPath, type MappingProblem } from './problems.js';
import { didYouMean } from './suggest.js';

/** Small checks shared by the mapping checker; each adds problems to the list instead of throwing. */

export type Problems = MappingProblem[];

export const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isConstant = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/** `"a", "b" or "c"` */
export function listChoices(choices: readonly string[]): string {
  const quoted = choices.map((choice) => JSON.stringify(choice));
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/** Reports keys not in `allowed`, with the closest allowed one; `explain` may give a better message for a key. */
export function checkKeys(
  object: Readonly<Record<string, unknown>>,
  allowed: readonly string[],
  path: string,
  problems: Problems,
  explain: (key: string) => string | undefined = () => undefined,
): void {
  for (const key of Object.keys(object)) {
    if (allowed.includes(key)) continue;
    const message = explain(key) ?? `unknown key${didYouMean(key, allowed)}`;
    problems.push({ path: keyPath(path, key), message });
  }
}

/** A string with something in it; `what` says what it should hold. */
export function checkText(value: unknown, path: string, problems: Problems, what = 'text'): value is string {
  if (typeof value === 'string' && value.trim() !== '') return true;
  problems.push({ path, message: `must be ${what}, got ${typeof value === 'string' ? 'an empty string' : describeValue(value)}` });
  return false;
}

export function checkBoolean(value: unknown, path: string, problems: Problems): void {
  if (typeof value !== 'boolean') problems.push({ path, message: `must be true or false, got ${describeValue(value)}` });
}

export function checkChoice(value: unknown, choices: readonly string[], path: string, problems: Problems): void {
  if (typeof value === 'string' && choices.includes(value)) return;
  const hint = typeof value === 'string' ? didYouMean(value, choices) : '';
  problems.push({ path, message: `must be ${listChoices(choices)}, got ${describeValue(value)}${hint}` });
}

/** A whole number from `min` up; `what` says what it counts. */
export function checkWholeNumber(value: unknown, min: number, path: string, problems: Problems, what: string): void {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return;
  problems.push({ path, message: `must be a whole number from ${min} up (${what}), got ${describeValue(value)}` });
}

export function checkConstant(value: unknown, path: string, problems: Problems): void {
  if (!isConstant(value)) problems.push({ path, message: `must be text, a number or true/false, got ${describeValue(value)}` });
}
