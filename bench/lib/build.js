import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BUILT, ROOT } from './paths.js';

const git = (...args) => {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
};

/** Which build was measured: the commit checked out, whether src/ differs from it, and when dist/ was built. */
export function describeBuild() {
  const commit = git('rev-parse', '--short', 'HEAD');
  const changed = git('status', '--porcelain', '--', 'src');
  return {
    commit: commit ?? 'unknown (not a git checkout)',
    srcChanged: changed === undefined ? undefined : changed !== '',
    builtAt: fs.statSync(path.join(BUILT, 'cli/main.js')).mtime.toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}
