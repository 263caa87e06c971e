import type { FileCause, FolderFix } from '../core/catalog/en.js';
import { WolkvoxBulkError, type ErrorCode } from '../core/errors.js';
import { message } from '../core/say.js';

/** A file system error from Node (it carries an errno code such as ENOSPC, and a syscall). */
export const isFileError = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';

/** A file error's cause as the catalogs word it: its errno code, and Node's own words for a code they lack. */
export const causeOf = (error: NodeJS.ErrnoException): FileCause => ({ ...(error.code === undefined ? {} : { code: error.code }), detail: error.message });

/** True for the errors that freeing space fixes. */
export const isOutOfSpace = (error: NodeJS.ErrnoException) => error.code === 'ENOSPC' || error.code === 'EDQUOT' || error.code === 'EFBIG';

/**
 * Runs a file operation on the run folder; a file system error becomes a WolkvoxBulkError that names the
 * path, the cause and the fix, instead of a stack trace.
 */
export async function onRunFolder<T>(dir: string, code: ErrorCode, fix: FolderFix, action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw runFolderError(error, dir, code, fix);
  }
}

/** A file system error on the run folder as onRunFolder words it; any other error as it is. */
export function runFolderError(error: unknown, dir: string, code: ErrorCode, fix: FolderFix): unknown {
  if (!isFileError(error)) return error;
  return new WolkvoxBulkError(code, message('run.cannot-write', { path: error.path ?? dir, cause: causeOf(error), fix }), { file: error.path ?? dir, cause: error });
}

/**
 * A write that failed while the run was under way (the journal, or the reports at the end). The journal
 * holds whole lines only, so the run can go on once the cause is fixed.
 */
export function writeFailed(error: unknown, dir: string, what: 'journal' | 'reports'): WolkvoxBulkError {
  const file = isFileError(error) ? (error.path ?? dir) : dir;
  const cause: FileCause = isFileError(error) ? causeOf(error) : { detail: String(error) };
  return new WolkvoxBulkError('WRITE_FAILED', message('run.write-failed', { dir, cause, file, what, space: isFileError(error) && isOutOfSpace(error) }), { file, cause: error });
}

/** Runs a write of the run under way; a file system error becomes writeFailed's error. */
export async function whileRunning<T>(dir: string, what: 'journal' | 'reports', action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw isFileError(error) ? writeFailed(error, dir, what) : error;
  }
}
