import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { isWolkvoxBulkError, type ErrorCode } from '../src/core/errors.js';
import { startMockServer, type MockServer } from '../src/mock/server.js';
import type { MockServerOptions } from '../src/mock/options.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CLI = path.join(ROOT, 'dist/cli/main.js');
export const fixture = (...parts: string[]) => path.join(ROOT, 'fixtures', ...parts);
export const TOKEN = 'test-token';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A simulated server for this test, closed after it. */
export async function mockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const server = await startMockServer(options);
  cleanups.push(() => server.close());
  return server;
}

/** A fresh temporary folder for this test, removed after it. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wvx-test-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string | undefined>;
  readonly input?: string;
  /** Run as this user (see `unprivileged`): file permissions mean nothing to root. */
  readonly user?: { readonly uid: number; readonly gid: number };
  /** The largest file the process may write, in KiB (the shell's `ulimit -f`): a disk that fills up. */
  readonly fileSizeLimitKib?: number;
}

/**
 * Who to run the CLI as in a test of file permissions: root writes through any mode bits, so as root the
 * CLI runs as `nobody`; anyone else runs it as themselves. `chown` hands a folder to that user.
 */
export function unprivileged() {
  const root = process.getuid?.() === 0;
  const user = root ? { uid: 65534, gid: 65534 } : undefined;
  return {
    user,
    chown(dir: string) {
      if (user) fs.chownSync(dir, user.uid, user.gid);
    },
  };
}

/** Runs the built CLI as a child process, the way a user would. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: '1', WOLKVOX_TOKEN: undefined, WOLKVOX_SERVER: undefined, ...options.env };
    // SIGXFSZ is ignored so that a write past the limit fails with EFBIG, as a full disk fails with ENOSPC.
    const [command, commandArgs] =
      options.fileSizeLimitKib === undefined
        ? [process.execPath, [CLI, ...args]]
        : ['bash', ['-c', `ulimit -f ${options.fileSizeLimitKib}; trap '' XFSZ; exec "$0" "$@"`, process.execPath, CLI, ...args]];
    const child = spawn(command, commandArgs, { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, ...(options.user ?? {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Asserts a WolkvoxBulkError by code, message and place. */
export async function expectError(
  action: Promise<unknown> | (() => unknown),
  expected: { code: ErrorCode; message?: RegExp; file?: string; row?: number; column?: string },
): Promise<void> {
  let caught: unknown;
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    caught = error;
  }
  expect(isWolkvoxBulkError(caught), `expected a WolkvoxBulkError, got ${String(caught)}`).toBe(true);
  if (!isWolkvoxBulkError(caught)) return;
  expect(caught.code).toBe(expected.code);
  if (expected.message) expect(caught.message).toMatch(expected.message);
  if (expected.file !== undefined) expect(caught.file).toBe(expected.file);
  if (expected.row !== undefined) expect(caught.row).toBe(expected.row);
  if (expected.column !== undefined) expect(caught.column).toBe(expected.column);
}

/** Resolves once `check` holds, looking again on every turn of the event loop (no fixed sleeps). */
export async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}
