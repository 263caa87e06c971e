import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tryLock } from '../../src/store/file-lock.js';
import { tempDir } from '../helpers.js';

const STALE_MS = 60_000;
const write = (file: string, owner: object) => fs.writeFileSync(file, JSON.stringify(owner));
// The pid of a process that has ended.
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;

describe('tryLock: a lock file per input, created exclusively (issue 21)', () => {
  it('is taken once: a second taker, in this process or another, is refused until it is released', () => {
    const file = path.join(tempDir(), 'x.lock');
    const lock = tryLock(file, STALE_MS);
    expect(lock).toBeDefined();
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(tryLock(file, STALE_MS)).toBeUndefined();
    lock?.release();
    expect(fs.existsSync(file)).toBe(false);
    expect(tryLock(file, STALE_MS)).toBeDefined();
  });

  it('takes over a lock of this machine whose process is gone, and one with this pid that this process never took', () => {
    const dir = tempDir();
    write(path.join(dir, 'dead.lock'), { pid: deadPid(), host: os.hostname(), at: new Date().toISOString() });
    expect(tryLock(path.join(dir, 'dead.lock'), STALE_MS)).toBeDefined();
    write(path.join(dir, 'reused.lock'), { pid: process.pid, host: os.hostname(), at: new Date().toISOString() });
    expect(tryLock(path.join(dir, 'reused.lock'), STALE_MS)).toBeDefined();
  });

  it('leaves a lock of a live process of this machine, whatever its age', () => {
    const file = path.join(tempDir(), 'live.lock');
    write(file, { pid: process.ppid, host: os.hostname(), at: '2020-01-01T00:00:00.000Z' });
    fs.utimesSync(file, new Date(0), new Date(0));
    expect(tryLock(file, STALE_MS)).toBeUndefined();
  });

  it('judges a lock of another machine by its age: refreshed, it stands; not refreshed for staleAfter, it is taken over', () => {
    const file = path.join(tempDir(), 'other.lock');
    write(file, { pid: 4242, host: 'other-machine', at: new Date().toISOString() });
    expect(tryLock(file, STALE_MS)).toBeUndefined();
    const old = new Date(Date.now() - STALE_MS - 1000);
    fs.utimesSync(file, old, old);
    const lock = tryLock(file, STALE_MS);
    expect(lock).toBeDefined();
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('refresh keeps its time new; release leaves a lock another took over', () => {
    const file = path.join(tempDir(), 'mine.lock');
    const lock = tryLock(file, STALE_MS);
    fs.utimesSync(file, new Date(0), new Date(0));
    lock?.refresh();
    expect(Date.now() - fs.statSync(file).mtimeMs).toBeLessThan(STALE_MS);
    write(file, { pid: 4242, host: 'other-machine', at: new Date().toISOString() });
    lock?.release();
    expect(fs.existsSync(file)).toBe(true);
  });
});
