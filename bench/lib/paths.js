import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository root, whatever the working directory. */
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BENCH = path.join(ROOT, 'bench');
export const PEERS = path.join(BENCH, 'peers');
export const NEWMAN = path.join(BENCH, 'node_modules/newman/bin/newman.js');
export const BUILT = path.join(ROOT, 'dist');

// The build under measure: dist/ itself, or the copy run.js takes at the start so that a rebuild by
// someone else during a 20-minute run cannot mix two builds in one report.
let dist = BUILT;

/** A file of the build under measure, such as `cli/main.js`. */
export const distFile = (relative) => path.join(dist, relative);

/** Imports a module of the build under measure (the library: `index.js`; internals: `mock/random.js`). */
export const importDist = (relative = 'index.js') => import(pathToFileURL(distFile(relative)).href);

/**
 * Copies dist/ into `dir` beside a package.json (its "type": "module" makes the .js files ES modules) and
 * a link to the project's node_modules (so the copy resolves the same dependencies), then measures that.
 */
export function useSnapshotOfDist(dir) {
  const snapshot = path.join(dir, 'build');
  fs.mkdirSync(snapshot, { recursive: true });
  fs.cpSync(BUILT, path.join(snapshot, 'dist'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(snapshot, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(snapshot, 'node_modules'), 'dir');
  dist = path.join(snapshot, 'dist');
}
