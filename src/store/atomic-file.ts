import fs from 'node:fs';
import path from 'node:path';

/**
 * A file written beside its final name and renamed over it only once complete: a crash or a full disk
 * leaves either the old file or the new one, never a truncated report that looks whole.
 */
export interface AtomicFile {
  /** The temporary file being written (private to the user). */
  readonly temporary: string;
  /** Makes the temporary file the real one. */
  commit(): void;
  /** Removes the temporary file; the real one, if any, is untouched. */
  discard(): void;
}

export function createAtomicFile(file: string): AtomicFile {
  const temporary = `${file}.${process.pid}.tmp`;
  return {
    temporary,
    commit() {
      fs.renameSync(temporary, file);
    },
    discard() {
      fs.rmSync(temporary, { force: true });
    },
  };
}

/** Writes a whole file atomically (see createAtomicFile), created private to the user. */
export function writeFileAtomic(file: string, content: string | Buffer): void {
  const target = createAtomicFile(file);
  try {
    fs.writeFileSync(target.temporary, content, { mode: 0o600 });
    target.commit();
  } catch (error) {
    target.discard();
    throw error;
  }
}

/**
 * Opens a private file for a writer that works on a descriptor, and commits it atomically: `write`
 * gets the descriptor; on any failure the temporary file is removed and the error rethrown.
 */
export async function withAtomicFile<T>(file: string, write: (fd: number) => T | Promise<T>): Promise<T> {
  const target = createAtomicFile(file);
  let fd: number | undefined;
  try {
    fd = fs.openSync(target.temporary, 'w', 0o600);
    const result = await write(fd);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    target.commit();
    return result;
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    target.discard();
    throw error;
  }
}

// A file being written by a session (`<name>.<pid>.tmp`, the baseline's `<name>.<pid>.bucketN`).
const SESSION_SCRATCH = /^[^.].*\.(\d+)\.(?:tmp|bucket\d+)$/;

/**
 * Removes what an earlier session of the run left half-written when it was killed (its reports are
 * written while the rows are sent, so a kill leaves them): any session's scratch file but this process's.
 * Called with the run folder locked, so no other process is writing there.
 */
export function removeStaleScratch(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    const pid = SESSION_SCRATCH.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid) fs.rmSync(path.join(dir, name), { force: true });
  }
}
