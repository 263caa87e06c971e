import fs from 'node:fs/promises';
import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
import { findMappingProblems } from './check.js';
import { scanJson } from './json-syntax.js';
import { displayPath, mappingError, type MappingProblem } from './problems.js';
import type { Mapping } from './types.js';

/** A checked mapping and where it was read from (relative paths in it are relative to `dir`). */
export interface LoadedMapping {
  readonly mapping: Mapping;
  /** Absolute path of the mapping file. */
  readonly file: string;
  /** Its folder. */
  readonly dir: string;
}

/**
 * Checks the shape of a parsed mapping file and reports every problem at once, in one MAPPING_INVALID
 * error whose `details` lists `{ path, message }`. `file` names the mapping in messages.
 */
export function checkMapping(value: unknown, file: string): Mapping {
  return throwIfAny(findMappingProblems(value), file, value);
}

function throwIfAny(problems: readonly MappingProblem[], file: string, value: unknown): Mapping {
  if (problems.length > 0) throw mappingError(path.resolve(file), problems);
  return value as Mapping;
}

async function readText(file: string, shown: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'does not exist; check the path given for the mapping'
        : code === 'EISDIR'
          ? 'is a folder; give the path of the mapping .json file'
          : `cannot be read (${code ?? String(error)})`;
    throw new WolkvoxBulkError('MAPPING_NOT_FOUND', `Mapping not found: ${shown} ${why}.`, { file, cause: error });
  }
  try {
    // A UTF-8 byte order mark (Windows Notepad writes one) is dropped by the decoder.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new WolkvoxBulkError(
      'MAPPING_INVALID',
      `Invalid mapping: ${shown} is not UTF-8 text. Save it with the UTF-8 encoding (in Notepad: Save as → Encoding: UTF-8).`,
      { file, cause: error },
    );
  }
}

/** A mapping file as parsed, with the problems of its shape (none when it is fine). */
export interface ReadMapping {
  readonly value: unknown;
  /** Absolute path of the mapping file. */
  readonly file: string;
  readonly problems: readonly MappingProblem[];
}

/** Reads and parses a mapping file and lists its shape problems; throws only when there is no JSON to check. */
export async function readMappingFile(file: string): Promise<ReadMapping> {
  const absolute = path.resolve(file);
  const shown = displayPath(absolute);
  const text = await readText(absolute, shown);
  if (text.trim() === '') {
    throw new WolkvoxBulkError('MAPPING_INVALID', `Invalid mapping: ${shown} is empty; write a JSON object with "id" and "fields".`, {
      file: absolute,
    });
  }
  const scan = scanJson(text);
  let value: unknown;
  try {
    if (scan.error !== undefined) throw new SyntaxError(`${scan.error.message} at line ${scan.error.line}, column ${scan.error.column}`);
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new WolkvoxBulkError('MAPPING_INVALID', `Invalid mapping: ${shown} is not valid JSON: ${message}.`, {
      file: absolute,
      cause: error,
    });
  }
  const duplicates = scan.duplicates.map((at) => ({ path: at, message: 'is written twice; JSON keeps only the last one, so remove one' }));
  return { value, file: absolute, problems: [...findMappingProblems(value), ...duplicates] };
}

/** Reads, parses and checks a mapping file. */
export async function loadMapping(file: string): Promise<LoadedMapping> {
  const read = await readMappingFile(file);
  return loadedFrom(read);
}

/** A mapping read without problems, as loaded; throws its problems otherwise. */
export function loadedFrom(read: ReadMapping): LoadedMapping {
  const mapping = throwIfAny(read.problems, read.file, read.value);
  return { mapping, file: read.file, dir: path.dirname(read.file) };
}
