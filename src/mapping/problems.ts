import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';

/** One thing wrong with a mapping file, at a JSON path such as `fields."Email".case`. */
export interface MappingProblem {
  readonly path: string;
  readonly message: string;
}

export const FIX_HINT = 'Fix the mapping, then run wolkvox-bulk validate again.';

/** The path of a key under `parent`; names chosen by the user (labels, map keys, odd keys) are quoted. */
export function keyPath(parent: string, key: string, quoted = !/^[$\w]+$/.test(key)): string {
  const segment = quoted ? JSON.stringify(key) : key;
  return parent === '' ? segment : `${parent}.${segment}`;
}

export const fieldPath = (label: string): string => keyPath('fields', label, true);

/** A file name as the user would type it: relative to the working folder when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** The JSON type of a value as a user would name it, for "got …" in messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${JSON.stringify(value)} (${typeof value})`;
}

/**
 * One MAPPING_INVALID error for every problem found: a title, one line per problem, the extra lines,
 * and what to do. `details` keeps the problems for programs.
 */
export function mappingError(
  file: string,
  problems: readonly MappingProblem[],
  extraLines: readonly string[] = [],
): WolkvoxBulkError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = [
    `Invalid mapping: ${displayPath(file)} has ${count}:`,
    ...problems.map((problem) => `  ${problem.path === '' ? '' : `${problem.path}: `}${problem.message}`),
    ...extraLines,
    FIX_HINT,
  ];
  return new WolkvoxBulkError('MAPPING_INVALID', lines.join('\n'), { file, details: problems });
}
