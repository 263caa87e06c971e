import fs from 'node:fs';
import path from 'node:path';
import { HttpError } from './http.js';
import type { JobRunner } from './jobs.js';
import { readOwnRunFile } from './run-files.js';
import type { RunFolders } from './run-folders.js';

/** A file uploaded to the page: its own folder in the runs folder's `.uploads`, holding it and the mappings its runs used. */
export interface UploadEntry {
  /** The upload folder's name. */
  readonly id: string;
  readonly file: string;
  readonly bytes: number;
  readonly uploadedAt: string;
  /** Run folders whose input it is: once it is deleted they keep their reports but cannot be resumed. */
  readonly runs: readonly string[];
  /** The job under way reads it: it is not deleted until that job ends. */
  readonly inUse: boolean;
}

const realOrSelf = (dir: string) => {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
};

/** The page's upload folder an input file is in (a run's run.json names its input), or undefined for any other file. */
export function uploadOfInput(folders: RunFolders, input: string): string | undefined {
  const dir = path.dirname(realOrSelf(input));
  return path.dirname(dir) === realOrSelf(folders.uploads) ? path.basename(dir) : undefined;
}

/** The upload the job under way reads, if any. */
const uploadInUse = (jobs: JobRunner) => (jobs.isRunning() ? jobs.current()?.upload : undefined);

/** Which runs read each upload, from their run.json (a run folder the page cannot read is passed over). */
function runsByUpload(folders: RunFolders): Map<string, string[]> {
  const byUpload = new Map<string, string[]>();
  for (const name of folders.list()) {
    let id: string | undefined;
    try {
      id = uploadOfInput(folders, readOwnRunFile(folders.run(name)).input.path);
    } catch {
      continue;
    }
    if (id !== undefined) byUpload.set(id, [...(byUpload.get(id) ?? []), name]);
  }
  return byUpload;
}

/** The uploads, newest first: each folder of `.uploads` (not a link, not the tool's own dot-folders) with its one file. */
export function listUploads(folders: RunFolders, jobs: JobRunner): UploadEntry[] {
  if (!fs.existsSync(folders.uploads)) return [];
  const entries = fs.readdirSync(folders.uploads, { withFileTypes: true });
  const runs = runsByUpload(folders);
  const busy = uploadInUse(jobs);
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .flatMap((entry): UploadEntry[] => {
      const dir = path.join(folders.uploads, entry.name);
      const files = fs.readdirSync(dir, { withFileTypes: true }).filter((inside) => inside.isFile());
      const file = files.length === 1 ? files[0] : undefined;
      if (!file) return [];
      const stat = fs.lstatSync(path.join(dir, file.name));
      return [{ id: entry.name, file: file.name, bytes: stat.size, uploadedAt: stat.mtime.toISOString(), runs: runs.get(entry.name) ?? [], inUse: busy === entry.name }];
    })
    .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));
}

/**
 * Deletes an upload folder (the file and the mappings written beside it), named by the page: only a folder
 * directly inside `.uploads` (no `..`, no separator, no link, not a dot-folder: RunFolders.upload), and
 * never the one the job under way reads.
 */
export function removeUpload(folders: RunFolders, jobs: JobRunner, id: string): void {
  const dir = folders.upload(id);
  // A link inside the uploads folder, even to another upload, is not an upload of the page's.
  if (!fs.lstatSync(path.join(folders.uploads, id)).isDirectory()) throw new HttpError(400, 'Not an upload name.');
  const job = jobs.current();
  if (uploadInUse(jobs) === path.basename(dir)) {
    throw new HttpError(409, `Refused: the job under way (${job?.run ?? ''}) reads this file. Stop it or wait for it to finish, then delete the file.`);
  }
  fs.rmSync(dir, { recursive: true });
}
