import fs from 'node:fs/promises';
import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
import { findMappingProblems } from './check.js';
import { scanJson } from './json-syntax.js';
import { message } from '../core/say.js';
import { displayPath, mappingError, problem, type MappingProblem } from './problems.js';
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
    const reason = code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : code === 'EISDIR' ? 'folder' : 'other';
    throw new WolkvoxBulkError('MAPPING_NOT_FOUND', message('mapping.not-found', { file: shown, reason, ...(reason === 'other' ? { detail: code ?? String(error) } : {}) }), { file, cause: error });
  }
  try {
    // A UTF-8 byte order mark (Windows Notepad writes one) is dropped by the decoder.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new WolkvoxBulkError('MAPPING_INVALID', message('mapping.not-utf8', { file: shown }), { file, cause: error });
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
    throw new WolkvoxBulkError('MAPPING_INVALID', message('mapping.empty', { file: shown }), { file: absolute });
  }
  // The scan finds what JSON.parse would refuse, and says where (Node 20's JSON.parse often does not).
  const scan = scanJson(text);
  if (scan.error !== undefined) throw new WolkvoxBulkError('MAPPING_INVALID', message('mapping.not-json', { file: shown, ...scan.error }), { file: absolute });
  const value: unknown = JSON.parse(text);
  const duplicates = scan.duplicates.map((at) => problem(at, 'mapping.written-twice'));
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
