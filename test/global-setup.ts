import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The browser the page tests drive, and the environment it needs. */
    browser: { executablePath: string; env: Record<string, string> };
  }
}

/** Debian's chromium when the machine has it. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

// CLI tests run the built command as a user would; build it once before any test starts.
// The page tests need a browser that nothing downloads: Debian's chromium where installed, otherwise the one
// shipped inside the @sparticuz/chromium dev dependency, unpacked once into a private temporary folder (a copy
// of another version left in the shared temp folder breaks its launch: "eglGetProcAddress not found").
export default async function setup(project: TestProject): Promise<() => void> {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (fs.existsSync(SYSTEM_CHROMIUM)) {
    project.provide('browser', { executablePath: SYSTEM_CHROMIUM, env: {} });
    return () => {};
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wolkvox-bulk-chromium-'));
  const executablePath = await unpackChromium(folder);
  project.provide('browser', { executablePath, env: { FONTCONFIG_FILE: writeFontConfig(folder) } });
  return () => fs.rmSync(folder, { recursive: true, force: true });
}

// The fonts.conf shipped in the package names /tmp/fonts, where the fonts are not: without fonts found, the
// renderer dies on the first text ("SkFontMgr_FontConfigInterface … Not implemented", "Page crashed").
function writeFontConfig(folder: string): string {
  const dirs = [path.join(folder, 'fonts'), '/usr/share/fonts'].filter((dir) => fs.existsSync(dir));
  const file = path.join(folder, 'fonts.conf');
  fs.writeFileSync(file, `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
${dirs.map((dir) => `  <dir>${dir}</dir>`).join('\n')}
  <cachedir>${path.join(folder, 'fonts-cache')}</cachedir>
</fontconfig>
`);
  return file;
}

// The package unpacks into os.tmpdir(), which follows TMPDIR: point it at the private folder for the unpacking only.
async function unpackChromium(folder: string): Promise<string> {
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  try {
    const { default: Chromium } = await import('@sparticuz/chromium');
    return await Chromium.executablePath();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}
