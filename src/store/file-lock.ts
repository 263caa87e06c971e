import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAlive } from './run-folder.js';

/** Who holds a lock: a process of a machine, since when. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly at: string;
}

/** A lock this process holds. */
export interface HeldLock {
  readonly file: string;
  /** Says the holder is still at work (the lock's time is what another machine judges it by). */
  refresh(): void;
  release(): void;
}

// A lock file being written by its creator holds nothing for a moment: not judged stale before this age.
const WRITING_GRACE_MS = 10_000;

// The locks this process holds (their absolute paths): another with this process's pid is an earlier
// process's (a container restarted with the same pid), and stale.
const HELD_HERE = new Set<string>();

/**
 * Takes a lock file, created exclusively, holding the owner's pid and host; undefined when another holds it.
 * A lock is stale, and taken over, when its process is gone (same machine), or when it was not refreshed
 * for `staleAfterMs` (another machine, whose processes cannot be seen from here; the holder refreshes it).
 */
export function tryLock(file: string, staleAfterMs: number): HeldLock | undefined {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const owner: LockOwner = { pid: process.pid, host: os.hostname(), at: new Date().toISOString() };
      fs.writeFileSync(file, `${JSON.stringify(owner)}\n`, { flag: 'wx', mode: 0o600 });
      HELD_HERE.add(path.resolve(file));
      return held(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!isStale(file, staleAfterMs)) return undefined;
      // Moved aside under a name of our own, so two takers never both remove a lock and both create theirs.
      const aside = `${file}.stale-${process.pid}`;
      try {
        fs.renameSync(file, aside);
        fs.rmSync(aside, { force: true });
      } catch (renameError) {
        if ((renameError as NodeJS.ErrnoException).code !== 'ENOENT') throw renameError;
      }
    }
  }
  return undefined;
}

function held(file: string): HeldLock {
  const mine = () => readOwner(file)?.pid === process.pid && readOwner(file)?.host === os.hostname();
  return {
    file,
    refresh() {
      const now = new Date();
      try {
        fs.utimesSync(file, now, now);
      } catch {
        // gone: release has nothing to do
      }
    },
    release() {
      HELD_HERE.delete(path.resolve(file));
      if (mine()) fs.rmSync(file, { force: true });
    },
  };
}

function isStale(file: string, staleAfterMs: number): boolean {
  let age: number;
  try {
    age = Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return true; // gone already
  }
  const owner = readOwner(file);
  if (owner === undefined) return age > WRITING_GRACE_MS;
  if (owner.host === os.hostname()) {
    if (owner.pid === process.pid) return !HELD_HERE.has(path.resolve(file));
    return !isAlive(owner.pid);
  }
  return age > staleAfterMs;
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host, at: String(value.at) } : undefined;
  } catch {
    return undefined;
  }
}
