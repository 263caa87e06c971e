import { message } from '../core/say.js';
import fs from 'node:fs';
import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';

/** The files of a run folder. */
export interface RunPaths {
  readonly dir: string;
  readonly run: string;
  /** The checked plan: each row's line, action, id, body and cells (what every later stage reads). */
  readonly plan: string;
  readonly journal: string;
  /** A session's scratch copy of each row's latest outcome (folded from the journal), removed when it ends. */
  readonly outcomes: string;
  readonly results: string;
  readonly resultsXlsx: string;
  readonly summary: string;
  readonly log: string;
  readonly lock: string;
  /** What the CRM holds after the run, as hashes per id: the next run's `--since`. */
  readonly baseline: string;
  /** The reads of the snapshot as they come (resume goes on from them). */
  readonly snapshot: string;
  /** With `match`: the reads that found the keys, as they come (resume goes on from them). */
  readonly keys: string;
  /** With search fields' `lookup`: the reads that found the names of lookup read `n` (from 1), as they come. */
  lookup(n: number): string;
  /** Each row's values in the CRM before the update: what `undo` puts back. */
  readonly before: string;
  /** The rows whose CRM values differ from what was sent, field by field (`verify`). */
  readonly verify: string;
  /** `failed.csv` or `failed.xlsx`, following the input's format. */
  failed(extension: 'csv' | 'xlsx'): string;
}

export function runPaths(dir: string): RunPaths {
  const at = (name: string) => path.join(dir, name);
  return {
    dir,
    run: at('run.json'),
    plan: at('plan.ndjson'),
    journal: at('journal.ndjson'),
    outcomes: at('outcomes.tmp'),
    results: at('results.csv'),
    resultsXlsx: at('results.xlsx'),
    summary: at('summary.json'),
    log: at('log.ndjson'),
    lock: at('lock'),
    baseline: at('baseline.bin'),
    snapshot: at('snapshot.ndjson'),
    keys: at('keys.ndjson'),
    lookup: (n) => at(`lookup-${n}.ndjson`),
    before: at('before.csv'),
    verify: at('verify.csv'),
    failed: (extension) => at(`failed.${extension}`),
  };
}

/** `wolkvox-runs/2026-11-29T04-33-12-clientes` (local time, sortable, safe on every file system). */
export function defaultRunDir(inputFile: string, now = new Date(), root = 'wolkvox-runs'): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}`;
  const base = path.basename(inputFile, path.extname(inputFile)).replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 60) || 'input';
  return path.join(root, `${stamp}-${base}`);
}

/**
 * Creates a run folder readable by its owner only (it holds customer data). Refuses one already used, and
 * a folder that holds anything else: the reports would overwrite a user's own files. A folder the tool
 * did not create keeps its mode.
 */
export function createRunFolder(dir: string): RunPaths {
  const paths = runPaths(dir);
  if (fs.existsSync(paths.run)) {
    throw new WolkvoxBulkError('RUN_INVALID', message('run.in-use', { runDir: dir }), { file: dir });
  }
  const existing = statOrUndefined(dir);
  if (existing && !existing.isDirectory()) {
    throw new WolkvoxBulkError('RUN_FOLDER', message('run.out-is-file', { runDir: dir }), { file: dir });
  }
  if (existing) {
    const entries = fs.readdirSync(dir);
    if (entries.length > 0) {
      throw new WolkvoxBulkError('RUN_FOLDER', message('run.out-not-empty', { runDir: dir, shown: entries.slice(0, 3), entries: entries.length }), { file: dir });
    }
    return paths;
  }
  const created = fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The umask may have narrowed the mode; never widened. Only the folder made here is set.
  if (created !== undefined) fs.chmodSync(dir, 0o700);
  return paths;
}

/** The outermost folder of `dir` that does not exist yet (what `createRunFolder` would create), if any. */
export function missingFolder(dir: string): string | undefined {
  let missing: string | undefined;
  for (let at = path.resolve(dir); !fs.existsSync(at); at = path.dirname(at)) missing = at;
  return missing;
}

/**
 * Takes back what `createRunFolder` made, for a run that sent nothing and is not worth keeping (its check
 * refused the file, or its plan was declined): the folders it created (`created`, from missingFolder), or
 * the files it wrote into a folder of the user's (which stays, empty, with its mode), so the same command
 * can run again.
 */
export function forgetRunFolder(dir: string, created: string | undefined): void {
  if (created) return fs.rmSync(created, { recursive: true, force: true });
  for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Takes the run folder's lock (a file holding the owner's pid). A lock left by a process that no longer
 * exists is taken over; one held by a live process is refused. Returns the release function.
 */
export function lockRunFolder(paths: RunPaths): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(paths.lock, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => {
        if (readPid(paths.lock) === process.pid) fs.rmSync(paths.lock, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readPid(paths.lock);
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
        throw new WolkvoxBulkError('RUN_LOCKED', message('run.busy', { runDir: paths.dir, pid: owner, lock: paths.lock }), { file: paths.dir });
      }
      fs.rmSync(paths.lock, { force: true }); // stale: its owner is gone
    }
  }
  throw new WolkvoxBulkError('RUN_LOCKED', message('run.lock-failed', { lock: paths.lock }), { file: paths.dir });
}

/** The live process holding the run folder's lock (a run going on now), if any. */
export function lockHolder(paths: RunPaths): number | undefined {
  const owner = readPid(paths.lock);
  return owner !== undefined && isAlive(owner) ? owner : undefined;
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process of this machine with this id exists (one of another user's counts). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
