import { WolkvoxBulkError, type ErrorCode } from '../core/errors.js';

/** A file system error from Node (it carries an errno code such as ENOSPC, and a syscall). */
export const isFileError = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';

// What each errno means to a person, and what they can do about it.
const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EFBIG: 'the file grew beyond the size this system allows',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a file stands where a folder is needed',
  EISDIR: 'a folder stands where a file is needed',
  EEXIST: 'something with that name is already there',
  ENOENT: 'the folder does not exist',
  EIO: 'the disk reported an input/output error',
  EMFILE: 'too many files are open',
};

/** A short cause for a file error: "the disk is full". */
export function fileCause(error: NodeJS.ErrnoException): string {
  return CAUSES[error.code ?? ''] ?? error.message;
}

/** True for the errors that freeing space fixes. */
export const isOutOfSpace = (error: NodeJS.ErrnoException) => error.code === 'ENOSPC' || error.code === 'EDQUOT' || error.code === 'EFBIG';

/**
 * Runs a file operation on the run folder; a file system error becomes a WolkvoxBulkError that names the
 * path, the cause and the fix, instead of a stack trace.
 */
export async function onRunFolder<T>(dir: string, code: ErrorCode, fix: string, action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw runFolderError(error, dir, code, fix);
  }
}

/** A file system error on the run folder as onRunFolder words it; any other error as it is. */
export function runFolderError(error: unknown, dir: string, code: ErrorCode, fix: string): unknown {
  if (!isFileError(error)) return error;
  return new WolkvoxBulkError(code, `Cannot write the run folder: ${error.path ?? dir}: ${fileCause(error)}. ${fix}`, { file: error.path ?? dir, cause: error });
}

/**
 * A write that failed while the run was under way (the journal, or the reports at the end). The journal
 * holds whole lines only, so the run can go on once the cause is fixed.
 */
export function writeFailed(error: unknown, dir: string, what: 'journal' | 'reports'): WolkvoxBulkError {
  const file = isFileError(error) ? (error.path ?? dir) : dir;
  const cause = isFileError(error) ? fileCause(error) : String(error);
  const fix = isFileError(error) && isOutOfSpace(error) ? 'Free some disk space' : 'Fix the cause';
  const state =
    what === 'journal'
      ? 'The job stopped sending. Every answer recorded before that is kept; a call whose answer could not be recorded is sent again by resume (an update sent twice sets the same values).'
      : 'Every row was sent as planned and its outcome is in the journal; only the reports are missing (none was left half-written).';
  return new WolkvoxBulkError('WRITE_FAILED', `Cannot write to the run folder ${dir}: ${cause} (${file}). ${state} ${fix}, then: wolkvox-bulk resume ${dir}`, { file, cause: error });
}

/** Runs a write of the run under way; a file system error becomes writeFailed's error. */
export async function whileRunning<T>(dir: string, what: 'journal' | 'reports', action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw isFileError(error) ? writeFailed(error, dir, what) : error;
  }
}
