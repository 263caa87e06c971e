// English for run folders: opening, creating, resuming, verifying or undoing one, and a folder that cannot be
// written.

/** What went wrong with a file, by its errno code (a code with no words of its own: its `detail`). */
export interface FileCause {
  readonly code?: string;
  readonly detail: string;
}

/** What to do about a run folder that cannot be written, and what comes next. */
export type FolderFix =
  | { readonly kind: 'out' }
  | { readonly kind: 'permissions'; readonly dir?: string; readonly then: 'again' | 'resume' | 'verify' | 'undo' }
  | { readonly kind: 'space' };

const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EFBIG: 'the file grew beyond the size this system allows',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a file stands where a folder is needed',
  EISDIR: 'a folder stands where a file is needed',
  EEXIST: 'something with that name is already there',
  ENOENT: 'the folder does not exist',
  EIO: 'the disk reported an input/output error',
  EMFILE: 'too many files are open',
};

const causeIn = (cause: FileCause) => (cause.code !== undefined ? (CAUSES[cause.code] ?? cause.detail) : cause.detail);

function folderFix(fix: FolderFix): string {
  if (fix.kind === 'out') return "Choose another --out (a new folder where you can write), or fix that folder's permissions. Nothing was sent.";
  if (fix.kind === 'space') return "Free some disk space or fix the folder's permissions, then resume.";
  const who = fix.dir === undefined ? "the folder's permissions" : `the permissions of ${fix.dir} (the folder and its files must be writable by you)`;
  const then = { again: 'run the command again', resume: 'resume again', verify: 'run verify again', undo: 'run undo again' }[fix.then];
  return `Fix ${who}, then ${then}. Nothing was sent.`;
}

export const enRunFolder = {
  'run.cannot-write': (p: { path: string; cause: FileCause; fix: FolderFix }) => `Cannot write the run folder: ${p.path}: ${causeIn(p.cause)}. ${folderFix(p.fix)}`,
  'run.write-failed': (p: { dir: string; cause: FileCause; file: string; what: 'journal' | 'reports'; space: boolean }) =>
    `Cannot write to the run folder ${p.dir}: ${causeIn(p.cause)} (${p.file}). ${
      p.what === 'journal'
        ? 'The job stopped sending. Every answer recorded before that is kept; a call whose answer could not be recorded is sent again by resume (an update sent twice sets the same values).'
        : 'Every row was sent as planned and its outcome is in the journal; only the reports are missing (none was left half-written).'
    } ${p.space ? 'Free some disk space' : 'Fix the cause'}, then: wolkvox-bulk resume ${p.dir}`,
  'run.not-found': (p: { runDir: string }) => `Run folder not found: ${p.runDir}. Give the folder that update printed at the end of its run.`,
  'run.sent-nothing': (p: { runDir: string; was: 'dry-run' | 'preview'; command: 'resume' | 'verify' | 'undo' }) =>
    p.command === 'resume'
      ? p.was === 'dry-run'
        ? `Dry run: ${p.runDir} was a dry run, which has nothing to resume. Run update again without --dry-run.`
        : `Preview: ${p.runDir} was a preview, which sends nothing, so there is nothing to resume. Run update without --preview (add --reuse-preview ${p.runDir} to use its reads).`
      : `${p.was === 'dry-run' ? 'Dry run' : 'Preview'}: ${p.runDir} was a ${p.was === 'dry-run' ? 'dry run' : 'preview'}, which sent nothing, so there is nothing to ${p.command}.`,
  'run.no-plan': (p: { runDir: string; command: 'resume' | 'verify' | 'undo'; results: string }) =>
    `No plan: ${p.runDir} was made by an older version of wolkvox-bulk, whose run folders do not hold the checked plan that ${p.command} reads. ${p.command === 'resume' ? 'Send the rows not yet updated as a new run' : `${p.command} is not possible for it`} (${p.results} shows what each row came to).`,
  'run.in-use': (p: { runDir: string }) => `Run folder in use: ${p.runDir} already holds a run. Continue it with: wolkvox-bulk resume ${p.runDir}, or choose another --out.`,
  'run.out-is-file': (p: { runDir: string }) => `Not a folder: ${p.runDir} is a file. Give --out a folder that does not exist yet (the run creates it).`,
  'run.out-not-empty': (p: { runDir: string; shown: readonly string[]; entries: number }) =>
    `Folder not empty: ${p.runDir} holds other files (${p.shown.join(', ')}${p.entries > p.shown.length ? `, … (${p.entries} in all)` : ''}), and a run would write its reports over them. Give --out a new or empty folder.`,
  'run.busy': (p: { runDir: string; pid: number; lock: string }) =>
    `Run folder busy: ${p.runDir} is being used by another wolkvox-bulk process (pid ${p.pid}). Wait for it to finish or stop it; if no such process is running, delete ${p.lock}.`,
  'run.lock-failed': (p: { lock: string }) => `Run folder busy: could not take the lock ${p.lock}.`,
  'run.not-a-run': (p: { runDir: string }) => `Not a run folder: ${p.runDir} has no run.json. Give the folder that update created (its path is printed at the end of every run).`,
  'run.unreadable': (p: { file: string; cause: FileCause }) =>
    `Cannot read the run folder: ${p.file}: ${causeIn(p.cause)}. The folder and its files must be readable and writable by you: fix their permissions, or run as the user who made the run.`,
  'run.damaged': (p: { file: string; detail: string }) => `Damaged run folder: ${p.file} cannot be read (${p.detail}).`,
  'run.cancelled': (p: { runDir: string }) => `Cancelled: nothing was sent. The run folder ${p.runDir} is as it was: resume it when you are ready.`,
  'run.cancelled-no-folder': () => 'Cancelled: nothing was sent, and no run folder was kept.',
  'run.no-data-rows': (p: { file: string }) => `No data rows: ${p.file} has a header but no rows under it, so there is nothing to send. Check that this is the file (and the sheet) you meant.`,
  'run.no-dry-run-match': (p: { mapping: string }) =>
    `Not for a dry run: ${p.mapping} finds records by "match", which needs reads of the CRM, and a dry run contacts no server. Check the keys with \`wolkvox-bulk validate\`. Nothing was sent.`,
  'run.no-dry-run-lookup': (p: { mapping: string; labels: readonly string[] }) =>
    `Not for a dry run: ${p.mapping} finds the linked record of ${p.labels.map((label) => `"${label}"`).join(', ')} by name ("lookup"), which needs reads of the CRM, and a dry run contacts no server. Check the file with \`wolkvox-bulk validate\`. Nothing was sent.`,
} satisfies Record<string, (params: never) => string>;
