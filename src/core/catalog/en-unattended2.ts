// English for what an unattended job meets that its first build left out: a flag of one value given twice,
// and a watched file that cannot be moved where it goes.

import type { WatchOutcome } from './en-watch.js';

/** A watched file that could not be moved: where it was to go, why (the system's code), and what its run did. */
export interface Unmovable {
  readonly file: string;
  /** The watched folder, where it stays. */
  readonly watched: string;
  /** The done or failed folder it was to go to. */
  readonly folder: string;
  readonly outcome: WatchOutcome;
  /** The system's code: EACCES, EPERM, ENOTDIR, EEXIST, ENOSPC, EROFS, … */
  readonly code: string;
  /** The run it was sent as, when it was sent. */
  readonly runDir?: string;
  readonly exitCode: number;
}

/** Why a move failed, in the words of what to check, by the system's code. */
export const MOVE_CAUSES: Readonly<Record<string, 'permission' | 'not-folder' | 'full' | 'read-only'>> = {
  EACCES: 'permission',
  EPERM: 'permission',
  ENOTDIR: 'not-folder',
  EEXIST: 'not-folder',
  ENOSPC: 'full',
  EDQUOT: 'full',
  EROFS: 'read-only',
};

const unmovable = (p: Unmovable) => {
  const cause = MOVE_CAUSES[p.code];
  const why = cause === undefined ? `the system said ${p.code}` : { permission: 'this user may not write in that folder', 'not-folder': 'that path is not a folder', full: 'its disk is full', 'read-only': 'its disk is read-only' }[cause];
  const fix = cause === undefined ? `fix what ${p.code} means for ${p.folder}` : { permission: `give this user permission to write in ${p.folder}`, 'not-folder': `make ${p.folder} a folder (or give the watch another one)`, full: `free space on the disk of ${p.folder}`, 'read-only': `give the watch a folder on a writable disk` }[cause];
  const what = p.runDir === undefined ? (p.outcome === 'duplicate' ? 'It was not sent: its content was sent before.' : 'Nothing of it was sent.') : `It was sent as run ${p.runDir} (exit ${p.exitCode}).`;
  return `Warning: ${p.file} could not be moved to ${p.folder}: ${why} (${p.code}). It stays in ${p.watched}. ${what} This watch leaves it alone until it changes. What to do: ${fix}, then move the file out of ${p.watched} yourself (a content already sent is never sent again).`;
};

export const enUnattended2 = {
  'plan.reserve-reread': (p: { every: number }) =>
    `the quota is read again every ${p.every} requests (1 request each time), so what the token's other integrations use meanwhile is kept out of the reserve too`,
  'watch.unmovable': (p: Unmovable) => unmovable(p),
  'cli.flag-repeated': (p: { flag: string; times: number }) => `${p.flag} was given ${p.times} times: give it once (it takes one value).`,
} satisfies Record<string, (params: never) => string>;
