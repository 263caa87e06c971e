import fs from 'node:fs';
import path from 'node:path';
import { cellText } from '../input/cells.js';
import type { AttachmentRef, SourceRow } from '../core/types.js';
import { DEFAULT_MAX_BYTES, DEFAULT_SEPARATOR } from './keys.js';
import { fail, ok, type Result } from './result.js';
import { cellOf } from './source.js';
import type { AttachmentsSpec } from './types.js';

/** `attachments` with defaults applied and its folder resolved to its real path. */
export interface AttachmentRule {
  readonly column: string;
  /** Real (symlink-free) absolute path of the folder every file must be inside. */
  readonly baseDir: string;
  readonly separator: string;
  readonly maxBytes: number;
}

/** Resolves `attachments` against the mapping's folder; fails when the folder is not there. */
export function resolveAttachments(spec: AttachmentsSpec, mappingDir: string): Result<AttachmentRule> {
  const folder = path.resolve(mappingDir, spec.baseDir ?? '.');
  let baseDir: string;
  try {
    baseDir = fs.realpathSync(folder);
    if (!fs.statSync(baseDir).isDirectory()) return fail(`${folder} is not a folder`);
  } catch {
    return fail(`the folder ${folder} does not exist; create it or fix "baseDir" (relative to the mapping file's folder)`);
  }
  return ok({ column: spec.column, baseDir, separator: spec.separator ?? DEFAULT_SEPARATOR, maxBytes: spec.maxBytes ?? DEFAULT_MAX_BYTES });
}

// Inside or the folder itself (which then fails as "not a file"); `..x` is a name inside, `../x` is not.
const isInside = (folder: string, file: string) => {
  const relative = path.relative(folder, file);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
};

/**
 * Checks one listed name without reading the file: it must stay inside the folder (also through symlinks),
 * exist, be a regular readable file and fit `maxBytes`. A name pointing outside is never opened.
 */
function checkFile(name: string, rule: AttachmentRule): Result<AttachmentRef> {
  // Names typed on Windows use backslashes; `C:\x` and `/x` are absolute on either system.
  const relative = name.replaceAll('\\', '/');
  if (path.posix.isAbsolute(relative) || path.win32.isAbsolute(name)) {
    return fail(`'${name}' is an absolute path; write it relative to the attachments folder ${rule.baseDir}`);
  }
  const lexical = path.resolve(rule.baseDir, relative);
  if (!isInside(rule.baseDir, lexical)) return fail(`'${name}' points outside the attachments folder ${rule.baseDir}; it was not read`);
  let real: string;
  try {
    real = fs.realpathSync(lexical);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? `'${name}' was not found in ${rule.baseDir}` : `'${name}' cannot be opened (${code ?? String(error)})`);
  }
  if (!isInside(rule.baseDir, real)) return fail(`'${name}' is a link to a file outside the attachments folder ${rule.baseDir}; it was not read`);
  try {
    const stat = fs.statSync(real);
    if (!stat.isFile()) return fail(`'${name}' is not a file`);
    if (stat.size > rule.maxBytes) {
      return fail(`'${name}' is ${stat.size} bytes, over the limit of ${rule.maxBytes} bytes; raise "maxBytes" to send it`);
    }
    fs.accessSync(real, fs.constants.R_OK);
    return ok({ path: real, bytes: stat.size });
  } catch (error) {
    return fail(`'${name}' cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** The files listed in a row's attachments cell, and what is wrong with each bad one. */
export function readAttachments(row: SourceRow, rule: AttachmentRule): { refs: AttachmentRef[]; problems: string[] } {
  const cell = cellOf(row, rule.column);
  const refs: AttachmentRef[] = [];
  const problems: string[] = [];
  // An error cell (#N/A) counts as empty, as everywhere else.
  if (cell === undefined || (typeof cell === 'object' && cell.kind === 'error')) return { refs, problems };
  const names = cellText(cell)
    .split(rule.separator)
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names) {
    const file = checkFile(name, rule);
    if (file.ok) refs.push(file.value);
    else problems.push(file.message);
  }
  return { refs, problems };
}
