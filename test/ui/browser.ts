import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, inject } from 'vitest';
import { CLI, ROOT, tempDir } from '../helpers.js';

/** Debian's chromium where installed, else the one inside a dev dependency (test/global-setup.ts): nothing downloads a browser. */
const BROWSER = inject('browser');
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** Screenshots of every step, for people reading a failure (not committed). */
export const SHOTS = path.join(ROOT, 'test-output', 'ui');

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length > 0) await stops.pop()?.();
});

export interface UiProcess {
  /** The printed address, with the key. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  /** The folder the CLI runs in; its run folders are in `runs`. */
  readonly cwd: string;
  readonly runs: string;
  readonly child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** Ctrl-C, as a person stops it; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Runs `wolkvox-bulk ui --no-open` as a person would, in a fresh folder, and reads the printed address. */
export async function startUi(options: { env?: Record<string, string | undefined>; args?: readonly string[]; open?: boolean } = {}): Promise<UiProcess> {
  const cwd = tempDir();
  const env = { ...process.env, NO_COLOR: '1', WOLKVOX_TOKEN: undefined, WOLKVOX_SERVER: undefined, ...options.env };
  const child = spawn(process.execPath, [CLI, 'ui', ...(options.open ? [] : ['--no-open']), ...(options.args ?? [])], { cwd, env: env as NodeJS.ProcessEnv });
  let printed = '';
  child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  let url: string | undefined;
  for await (const line of lines) {
    url = /(http:\/\/127\.0\.0\.1:\d+\/\?key=\S+)/.exec(line)?.[1];
    if (url) break;
  }
  if (!url) throw new Error(`wolkvox-bulk ui printed no address:\n${printed}`);
  const closed = once(child, 'close') as Promise<[number | null]>;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    const [code] = await closed;
    return code;
  };
  stops.push(async () => void (await stop()));
  const { origin, port } = new URL(url);
  return { url, origin, port: Number(port), cwd, runs: path.join(cwd, 'wolkvox-runs'), child, output: () => printed, stop };
}

/** A fresh Chromium profile per test; downloads are kept so the test can read them. */
export async function openBrowser(locale: string): Promise<{ context: BrowserContext; page: Page; profile: string }> {
  const profile = tempDir();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: BROWSER.executablePath,
    env: { ...process.env, ...BROWSER.env } as Record<string, string>,
    args: CHROMIUM_ARGS,
    locale,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  const errors: Error[] = [];
  stops.push(async () => {
    await context.close();
    // A script error in the page is a bug whatever the test checked.
    if (errors.length > 0) throw new Error(`The page threw: ${errors.map((error) => error.message).join('; ')}`);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => errors.push(error));
  if (process.env.DEBUG_UI) page.on('console', (message) => console.log('page:', message.type(), message.text()));
  return { context, page, profile };
}

/** Saves a numbered full-page screenshot of each step under test-output/ui/<test>/. */
export function screenshots(test: string): (page: Page, step: string) => Promise<void> {
  const dir = path.join(SHOTS, test);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let count = 0;
  return async (page, step) => {
    count += 1;
    // The body, not the window: the picture ends where the page does.
    await page.locator('body').screenshot({ path: path.join(dir, `${String(count).padStart(2, '0')}-${step}.png`) });
  };
}

/** Every file under a folder, recursively. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}
