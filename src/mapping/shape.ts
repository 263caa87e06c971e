import type { TextWhat, WholeWhat } from '../core/catalog/en-mapping.js';
import { describeValue, keyPath, problem, type MappingProblem } from './problems.js';
import { suggest } from './suggest.js';

/** Small checks shared by the mapping checker; each adds problems to the list instead of throwing. */

export type Problems = MappingProblem[];

export const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isConstant = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/** Reports keys not in `allowed`, with the closest allowed one; `explain` may give a better message for a key. */
export function checkKeys(
  object: Readonly<Record<string, unknown>>,
  allowed: readonly string[],
  path: string,
  problems: Problems,
  explain: (key: string, at: string) => MappingProblem | undefined = () => undefined,
): void {
  for (const key of Object.keys(object)) {
    if (allowed.includes(key)) continue;
    const at = keyPath(path, key);
    problems.push(explain(key, at) ?? problem(at, 'mapping.unknown-key', { meant: suggest(key, allowed) }));
  }
}

/** A string with something in it; `what` says what it should hold. */
export function checkText(value: unknown, path: string, problems: Problems, what: TextWhat = 'text'): value is string {
  if (typeof value === 'string' && value.trim() !== '') return true;
  problems.push(problem(path, 'mapping.must-be-text', { what, got: typeof value === 'string' ? { kind: 'empty-string' } : describeValue(value) }));
  return false;
}

export function checkBoolean(value: unknown, path: string, problems: Problems): void {
  if (typeof value !== 'boolean') problems.push(problem(path, 'mapping.must-be-boolean', { got: describeValue(value) }));
}

export function checkChoice(value: unknown, choices: readonly string[], path: string, problems: Problems): void {
  if (typeof value === 'string' && choices.includes(value)) return;
  const meant = typeof value === 'string' ? suggest(value, choices) : undefined;
  problems.push(problem(path, 'mapping.must-be-choice', { choices, got: describeValue(value), meant }));
}

/** A whole number from `min` up; `what` says what it counts. */
export function checkWholeNumber(value: unknown, min: number, path: string, problems: Problems, what: WholeWhat): void {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return;
  problems.push(problem(path, 'mapping.must-be-whole', { min, what, got: describeValue(value) }));
}

export function checkConstant(value: unknown, path: string, problems: Problems): void {
  if (!isConstant(value)) problems.push(problem(path, 'mapping.must-be-constant', { got: describeValue(value) }));
}
