import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import type { RunPaths } from './run-folder.js';
import { indexRunUndone } from './runs-index.js';

/** undone.json in a run folder: the undo that took the run back, and when it went ahead. */
export interface UndoMark {
  readonly by: string;
  readonly at: string;
}

const markOf = (paths: RunPaths) => path.join(paths.dir, 'undone.json');

/** The undo that took this run back, if one went ahead (a second undo would put old values over new ones). */
export function readUndoMark(paths: RunPaths): UndoMark | undefined {
  const file = markOf(paths);
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as UndoMark;
  } catch {
    // Still a mark: a damaged one must not let the run be undone twice.
    return { by: `an undo (${file} cannot be read)`, at: '' };
  }
}

/** Marks the run as taken back by the undo run `by`, before that undo sends its first call. */
export function writeUndoMark(paths: RunPaths, by: string, at = new Date()): void {
  writeFileAtomic(markOf(paths), `${JSON.stringify({ by, at: at.toISOString() } satisfies UndoMark, null, 2)}\n`);
  // The run history says so too (undone.json stays what refuses a second undo).
  indexRunUndone(paths, by, at);
}
