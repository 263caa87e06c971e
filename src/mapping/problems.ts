import path from 'node:path';
import type { Got } from '../core/catalog/en-mapping.js';
import { WolkvoxBulkError } from '../core/errors.js';
import { message, say, type Message, type MessageCode, type ParamsOf } from '../core/say.js';

/**
 * One thing wrong with a mapping file, at a JSON path such as `fields."Email".case`: what is wrong as a
 * message (`said`) and its English (`message`, what `details` and --json keep).
 */
export interface MappingProblem {
  readonly path: string;
  readonly message: string;
  readonly said: Message;
}

/** The problem at a path that says this message. */
export const problemAt = (path: string, said: Message): MappingProblem => ({ path, message: say(said, 'en'), said });

/** The problem at a path, of this code. */
export const problem = <C extends MessageCode>(path: string, code: C, ...params: ParamsOf<C> extends undefined ? [] : [ParamsOf<C>]): MappingProblem =>
  problemAt(path, message(code, ...params));

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
export function describeValue(value: unknown): Got {
  if (value === null) return { kind: 'null' };
  if (Array.isArray(value)) return { kind: 'list' };
  if (typeof value === 'object') return { kind: 'object' };
  return { kind: 'value', json: String(JSON.stringify(value)), type: typeof value };
}

/**
 * One MAPPING_INVALID error for every problem found: a title, one line per problem, the extra lines,
 * and what to do. `details` keeps the problems for programs.
 */
export function mappingError(file: string, problems: readonly MappingProblem[], extraLines: readonly Message[] = []): WolkvoxBulkError {
  const said = message('mapping.invalid', { file: displayPath(file), problems: problems.map(({ path, said }) => ({ path, problem: said })), extra: extraLines });
  return new WolkvoxBulkError('MAPPING_INVALID', said, { file, details: problems });
}
