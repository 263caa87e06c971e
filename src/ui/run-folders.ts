import fs from 'node:fs';
import path from 'node:path';
import { defaultRunDir, message } from '../index.js';
import { HttpError } from './http.js';

/**
 * Where the page keeps files. Run folders are the CLI's: `<root>/<name>`, made by `runUpdate` (which
 * wants a new or empty folder), so a run started here can be resumed with `wolkvox-bulk resume` and a
 * CLI run shows up here. An upload goes into the tool's private upload folder, `<root>/.uploads/<id>/`
 * (0700, the file 0600), never a shared temporary folder; the mapping each run used is written next to
 * it (`mappings/<run>.mapping.json`) and never rewritten, since `resume` refuses a changed input or mapping.
 */
export interface RunFolders {
  readonly root: string;
  readonly uploads: string;
  /** A new upload folder named after the input file (`2026-11-29T04-33-12-clientes`). */
  createUpload(inputName: string): string;
  /** An upload folder named by the page. */
  upload(id: string): string;
  /** The uploaded file of an upload folder. */
  inputOf(uploadDir: string): string;
  /** Where a run's mapping is written, in its upload folder. */
  mappingFor(uploadDir: string, run: string): string;
  /** A run folder named by the page. */
  run(name: string): string;
  /** A run folder that does not exist yet: the name asked for, or the upload's name made unique. */
  newRun(wanted: string | undefined, fallback: string): string;
  /** Run folder names in the root, newest first (names start with their date and time). */
  list(): string[];
}

// A folder name the page may use: no separators, no parent, not hidden (the tool's own start with a dot).
const SAFE_NAME = /^[^/\\\0.][^/\\\0]{0,199}$/;
const isSafe = (name: unknown): name is string => typeof name === 'string' && SAFE_NAME.test(name) && !name.includes('..');

/** The name an uploaded file is stored under: its base name with anything unusual replaced. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replaceAll('\\', '/')).replace(/[^\p{L}\p{N}._ -]+/gu, '_').replace(/^\.+/, '').slice(-120);
  return base === '' ? 'input.csv' : base;
}

function makePrivate(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** A folder directly inside `parent`, named by the page; a symbolic link out of it is refused like `..`. */
function child(parent: string, name: string, what: string): string {
  if (!isSafe(name)) throw new HttpError(400, `Not ${what} name.`);
  makePrivate(parent);
  const real = fs.realpathSync(parent);
  let found: string;
  try {
    found = fs.realpathSync(path.join(real, name));
  } catch {
    throw new HttpError(404, `Not found: ${name}.`);
  }
  if (path.dirname(found) !== real || !fs.statSync(found).isDirectory()) throw new HttpError(400, `Not ${what} name.`);
  return found;
}

export function createRunFolders(root: string): RunFolders {
  const absoluteRoot = path.resolve(root);
  const uploads = path.join(absoluteRoot, '.uploads');
  const unused = (dir: string) => !fs.existsSync(dir);

  return {
    root: absoluteRoot,
    uploads,
    createUpload(inputName) {
      makePrivate(uploads);
      const base = path.basename(defaultRunDir(inputName, new Date(), uploads));
      for (let attempt = 1; attempt < 100; attempt += 1) {
        const dir = path.join(uploads, attempt === 1 ? base : `${base}-${attempt}`);
        try {
          // Not recursive: an existing folder (the same file twice in one second) is an error to step past.
          fs.mkdirSync(dir, { mode: 0o700 });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
          throw error;
        }
        fs.chmodSync(dir, 0o700);
        return dir;
      }
      throw new HttpError(500, `Could not create an upload folder in ${uploads}.`);
    },
    upload: (id) => child(uploads, id, 'an upload'),
    inputOf(uploadDir) {
      const files = fs.readdirSync(uploadDir, { withFileTypes: true }).filter((entry) => entry.isFile());
      if (files.length !== 1 || files[0] === undefined) throw new HttpError(404, message('page.no-upload'));
      return path.join(uploadDir, files[0].name);
    },
    mappingFor(uploadDir, run) {
      const dir = path.join(uploadDir, 'mappings');
      makePrivate(dir);
      // A folder of its own: a link put in its place would take the mapping out of the uploads.
      if (!fs.lstatSync(dir).isDirectory()) throw new HttpError(409, `Refused: ${path.basename(uploadDir)}/mappings is a link or not a folder; the page writes nothing through a link.`);
      return path.join(dir, `${run}.mapping.json`);
    },
    run: (name) => child(absoluteRoot, name, 'a run folder'),
    newRun(wanted, fallback) {
      makePrivate(absoluteRoot);
      if (wanted !== undefined) {
        if (!isSafe(wanted)) throw new HttpError(400, message('page.folder-name', { name: JSON.stringify(wanted) }));
        const dir = path.join(absoluteRoot, wanted);
        if (!unused(dir)) throw new HttpError(409, message('page.folder-taken', { name: wanted, root: absoluteRoot }));
        return dir;
      }
      for (let attempt = 1; attempt < 100; attempt += 1) {
        const dir = path.join(absoluteRoot, attempt === 1 ? fallback : `${fallback}-${attempt}`);
        if (unused(dir)) return dir;
      }
      throw new HttpError(500, `Could not choose a run folder in ${absoluteRoot}.`);
    },
    list() {
      makePrivate(absoluteRoot);
      return fs
        .readdirSync(absoluteRoot, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && isSafe(entry.name))
        .map((entry) => entry.name)
        .sort()
        .reverse();
    },
  };
}
