import fs from 'node:fs';
import path from 'node:path';
import { defaultRunDir } from '../index.js';
import { HttpError } from './http.js';

/**
 * The page's run folders live under one root (the CLI's `wolkvox-runs` by default), so a run started
 * here can be resumed with `wolkvox-bulk resume <root>/<name>` and a CLI run shows up here. An upload
 * goes straight into the folder of the run it is for (`input/<file name>`, the mapping next to it as
 * `mapping.json`): nothing is written to a shared temporary folder, and a resume finds both unchanged.
 */
export interface RunFolders {
  readonly root: string;
  /** A new, empty run folder named after the input file (`2026-11-29T04-33-12-clientes`). */
  create(inputName: string): string;
  /** The folder of a run named by the page; refuses anything that is not a folder directly in the root. */
  resolve(name: string): string;
  /** Gives a run folder that holds no run yet the name a person chose (what --out sets for update). */
  rename(dir: string, name: string): string;
  /** The uploaded input file of a page run folder. */
  inputOf(dir: string): string;
  mappingOf(dir: string): string;
  /** Folder names in the root, newest first (names start with their date and time). */
  list(): string[];
}

// A folder name the page may use: no separators, no parent, no hidden files (the tool's own).
const SAFE_NAME = /^[^/\\\0.][^/\\\0]{0,199}$/;

/** The name an uploaded file is stored under: its base name with anything unusual replaced. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replaceAll('\\', '/')).replace(/[^\p{L}\p{N}._ -]+/gu, '_').replace(/^\.+/, '').slice(-120);
  return base === '' ? 'input.csv' : base;
}

export function createRunFolders(root: string): RunFolders {
  const absoluteRoot = path.resolve(root);
  const ensureRoot = () => fs.mkdirSync(absoluteRoot, { recursive: true, mode: 0o700 });
  const realRoot = () => {
    ensureRoot();
    return fs.realpathSync(absoluteRoot);
  };

  return {
    root: absoluteRoot,
    create(inputName) {
      ensureRoot();
      const base = defaultRunDir(inputName, new Date(), absoluteRoot);
      for (let attempt = 1; attempt < 100; attempt += 1) {
        const dir = attempt === 1 ? base : `${base}-${attempt}`;
        try {
          // Not recursive: an existing folder (the same file twice in one second) is an error to step past.
          fs.mkdirSync(dir, { mode: 0o700 });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
          throw error;
        }
        fs.chmodSync(dir, 0o700);
        fs.mkdirSync(path.join(dir, 'input'), { mode: 0o700 });
        return dir;
      }
      throw new HttpError(500, `Could not create a run folder in ${absoluteRoot}.`);
    },
    resolve(name) {
      if (typeof name !== 'string' || !SAFE_NAME.test(name) || name.includes('..')) throw new HttpError(400, 'Not a run folder name.');
      const root = realRoot();
      const dir = path.join(root, name);
      let real: string;
      try {
        real = fs.realpathSync(dir);
      } catch {
        throw new HttpError(404, `Run folder not found: ${name}.`);
      }
      // A symbolic link pointing out of the root is refused like a path with `..`.
      if (path.dirname(real) !== root || !fs.statSync(real).isDirectory()) throw new HttpError(400, 'Not a run folder name.');
      return real;
    },
    rename(dir, name) {
      if (typeof name !== 'string' || !SAFE_NAME.test(name) || name.includes('..')) {
        throw new HttpError(400, `Not a usable folder name: ${JSON.stringify(name)}. Use letters, digits, - and _, with no / or \\.`);
      }
      const target = path.join(realRoot(), name);
      if (target === dir) return dir;
      if (fs.existsSync(target)) throw new HttpError(409, `A folder named ${name} is already in ${absoluteRoot}: choose another name.`);
      fs.renameSync(dir, target);
      return target;
    },
    inputOf(dir) {
      const folder = path.join(dir, 'input');
      const names = fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => !name.startsWith('.')) : [];
      if (names.length !== 1 || names[0] === undefined) throw new HttpError(404, `No uploaded file in ${path.basename(dir)}: start again from step 1.`);
      return path.join(folder, names[0]);
    },
    mappingOf: (dir) => path.join(dir, 'mapping.json'),
    list() {
      const root = realRoot();
      return fs
        .readdirSync(root, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && SAFE_NAME.test(entry.name))
        .map((entry) => entry.name)
        .sort()
        .reverse();
    },
  };
}
