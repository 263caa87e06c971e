import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { isWolkvoxBulkError, type ErrorCode } from '../src/errors.js';
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

/** Runs the built CLI as a child process, the way a user would. */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: '1', WOLKVOX_TOKEN: undefined, WOLKVOX_SERVER: undefined, ...options.env };
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv });
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
