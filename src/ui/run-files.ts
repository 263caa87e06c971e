import fs from 'node:fs';
import path from 'node:path';
import { readRunFile, runPaths, type RunFile } from '../index.js';
import { HttpError } from './http.js';
import type { RunFolders } from './run-folders.js';

// A run folder is a place anyone with the runs folder can copy into, or plant links in. The page reads a
// run's files only as regular files directly in the run folder, never through a link; and it acts on a
// run (resume, verify, undo, --since) only when nothing in the folder is a link and, for an action that
// reads the run's input and mapping, both resolve inside the runs folder: the page's uploads, or the
// inputs an undo writes beside the runs. A run started from a terminal names files elsewhere: the page
// lists it with its reports and leaves it to `wolkvox-bulk resume`.

/** The path of a run's own file when it is a regular file (not a link, folder or pipe); else undefined. */
export function ownFile(dir: string, name: string): string | undefined {
  const file = path.join(dir, name);
  return fs.lstatSync(file, { throwIfNoEntry: false })?.isFile() ? file : undefined;
}

/** Opens a run's own file for reading, refusing a link at the last moment too (O_NOFOLLOW). */
export function openOwnFile(dir: string, name: string): { fd: number; size: number } | undefined {
  let fd: number;
  try {
    fd = fs.openSync(path.join(dir, name), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  const stat = fs.fstatSync(fd);
  if (stat.isFile()) return { fd, size: stat.size };
  fs.closeSync(fd);
  return undefined;
}

/** A run's own file as text, or undefined (missing, a link, not a regular file). */
export function readOwnText(dir: string, name: string): string | undefined {
  const opened = openOwnFile(dir, name);
  if (!opened) return undefined;
  try {
    return fs.readFileSync(opened.fd, 'utf8');
  } finally {
    fs.closeSync(opened.fd);
  }
}

/** run.json read as the library reads it, once it is known to be the folder's own file. */
export function readOwnRunFile(dir: string): RunFile {
  if (!ownFile(dir, 'run.json')) throw new HttpError(409, `Not a run the page can read: ${path.basename(dir)} has no run.json of its own.`);
  return readRunFile(runPaths(dir));
}

// Whether `file`, links resolved, is inside `folder` (links resolved too).
function isInside(file: string, folder: string): boolean {
  try {
    const relative = path.relative(fs.realpathSync(folder), fs.realpathSync(file));
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  } catch {
    return false;
  }
}

/** The mapping file a run used, when the page wrote it (or an undo did): a regular file inside the runs folder. */
export function pageMappingOf(folders: RunFolders, run: RunFile): string | undefined {
  const file = run.mapping.path;
  return isInside(file, folders.root) && fs.lstatSync(file, { throwIfNoEntry: false })?.isFile() ? file : undefined;
}

/** The first entry of a run folder that is not a regular file of its own (a link, a pipe), if any. */
function strayEntry(dir: string): string | undefined {
  return fs.readdirSync(dir, { withFileTypes: true }).find((entry) => !entry.isFile())?.name;
}

/**
 * Why the page may not resume, verify or undo this run, or undefined when it may: a link (or anything
 * but a file) in the folder, an input or mapping outside the runs folder (a run started from a terminal,
 * or a run.json written by hand), or a --since run that is not a clean run folder beside it.
 */
export function pageRunProblem(folders: RunFolders, dir: string, run: RunFile): string | undefined {
  const name = path.basename(dir);
  const stray = strayEntry(dir);
  const refused = `${name} is not one the page can act on`;
  if (stray !== undefined) return `${refused}: ${stray} in it is a link or not a file, and the page follows no link out of a run folder`;
  const ownInput = isInside(run.input.path, folders.root) && fs.lstatSync(run.input.path, { throwIfNoEntry: false })?.isFile() === true;
  if (!ownInput || pageMappingOf(folders, run) === undefined) {
    return `${refused}: it was started outside this page (its input or mapping is not in the runs folder, the only place the page reads). Resume, verify or undo it from a terminal: wolkvox-bulk resume ${dir}`;
  }
  const since = run.since?.dir;
  if (since !== undefined && sinceRunProblem(folders, since) !== undefined) return `${refused}: the run it was compared with (--since) is not a clean run folder beside it`;
  return undefined;
}

/** Why a run folder may not serve as a --since baseline here: outside the runs folder, or holding a link. */
export function sinceRunProblem(folders: RunFolders, dir: string): string | undefined {
  if (!isInside(dir, folders.root) || path.dirname(fs.realpathSync(dir)) !== fs.realpathSync(folders.root)) return `${dir} is not in the runs folder`;
  const stray = strayEntry(dir);
  return stray === undefined ? undefined : `${path.basename(dir)} is not one the page can act on: ${stray} in it is a link or not a file`;
}

/** A run folder the page may resume, verify or undo; refused (409) with the reason otherwise. */
export function pageRun(folders: RunFolders, name: string): string {
  const dir = folders.run(name);
  const problem = pageRunProblem(folders, dir, readOwnRunFile(dir));
  if (problem !== undefined) throw new HttpError(409, `Refused: ${problem}.`);
  return dir;
}

/** A run folder the page may read a --since baseline from; refused (409) with the reason otherwise. */
export function sinceRun(folders: RunFolders, name: string): string {
  const dir = folders.run(name);
  const problem = sinceRunProblem(folders, dir);
  if (problem !== undefined) throw new HttpError(409, `Refused: ${problem}.`);
  return dir;
}
