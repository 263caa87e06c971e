import fs from 'node:fs';
import path from 'node:path';
import { cellText } from '../input/cells.js';
import type { Message } from '../core/say.js';
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
    if (!fs.statSync(baseDir).isDirectory()) return fail('mapping.base-dir-not-folder', { folder });
  } catch {
    return fail('mapping.base-dir-missing', { folder });
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
    return fail('row.attachment', { name, problem: { kind: 'absolute', folder: rule.baseDir } });
  }
  const lexical = path.resolve(rule.baseDir, relative);
  if (!isInside(rule.baseDir, lexical)) return fail('row.attachment', { name, problem: { kind: 'outside', folder: rule.baseDir } });
  let real: string;
  try {
    real = fs.realpathSync(lexical);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail('row.attachment', { name, problem: code === 'ENOENT' ? { kind: 'not-found', folder: rule.baseDir } : { kind: 'unopenable', reason: code ?? String(error) } });
  }
  if (!isInside(rule.baseDir, real)) return fail('row.attachment', { name, problem: { kind: 'link-outside', folder: rule.baseDir } });
  try {
    const stat = fs.statSync(real);
    if (!stat.isFile()) return fail('row.attachment', { name, problem: { kind: 'not-file' } });
    if (stat.size > rule.maxBytes) return fail('row.attachment', { name, problem: { kind: 'too-big', bytes: stat.size, max: rule.maxBytes } });
    fs.accessSync(real, fs.constants.R_OK);
    return ok({ path: real, bytes: stat.size });
  } catch (error) {
    return fail('row.attachment', { name, problem: { kind: 'unreadable', reason: (error as NodeJS.ErrnoException).code ?? String(error) } });
  }
}

/** The files listed in a row's attachments cell, and what is wrong with each bad one. */
export function readAttachments(row: SourceRow, rule: AttachmentRule): { refs: AttachmentRef[]; problems: Message[] } {
  const cell = cellOf(row, rule.column);
  const refs: AttachmentRef[] = [];
  const problems: Message[] = [];
  // An error cell (#N/A) counts as empty, as everywhere else.
  if (cell === undefined || (typeof cell === 'object' && cell.kind === 'error')) return { refs, problems };
  const names = cellText(cell)
    .split(rule.separator)
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names) {
    const file = checkFile(name, rule);
    if (file.ok) refs.push(file.value);
    else problems.push(file.said);
  }
  return { refs, problems };
}
