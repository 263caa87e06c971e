import os from 'node:os';
import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';

// The wolkvox-bulk commands a schedule may run (`watch` and `runs` included), and which of them call the
// CRM (they need the token) or ask before sending (a scheduled run has nobody to answer: --yes).
const SCHEDULABLE = new Set(['update', 'resume', 'verify', 'undo', 'validate', 'quota', 'probe', 'watch', 'runs']);
const CALLS_THE_CRM = new Set(['update', 'resume', 'verify', 'undo', 'quota', 'probe', 'watch']);
const ASKS = new Set(['update', 'resume', 'undo', 'watch']);

/** A command as a schedule runs it: its words after `wolkvox-bulk`, and whether --yes was added. */
export interface ScheduledCommand {
  readonly args: readonly string[];
  readonly addedYes: boolean;
}

/**
 * The command a schedule runs, checked: a wolkvox-bulk command, with the token from a file (a schedule is
 * kept in plain text, and WOLKVOX_TOKEN is not passed to it), never on its line; --yes added where the run
 * would ask. `secrets`: text that must not be in it (the token's value).
 */
export function scheduledCommand(words: readonly string[], secrets: readonly string[] = []): ScheduledCommand {
  const args = words[0] === 'wolkvox-bulk' || words[0]?.endsWith('/wolkvox-bulk') ? words.slice(1) : [...words];
  const [command] = args;
  if (command === undefined) throw new WolkvoxBulkError('USAGE', message('schedule.no-command'));
  if (!SCHEDULABLE.has(command)) throw new WolkvoxBulkError('USAGE', message('schedule.not-ours', { word: command }));
  const carried = tokenCarried(args, secrets);
  if (carried !== undefined) throw new WolkvoxBulkError('USAGE', message('schedule.token-in-command', { what: carried }));
  const dryRun = args.includes('--dry-run') || args.includes('--preview');
  const tokenFile = args.findIndex((word) => word === '--token-file' || word.startsWith('--token-file='));
  if (CALLS_THE_CRM.has(command) && !(command === 'update' && dryRun) && tokenFile === -1) throw new WolkvoxBulkError('USAGE', message('schedule.needs-token-file'));
  const scheduled = args.map((word, index) => (index === tokenFile + 1 && tokenFile !== -1 ? homeExpanded(word) : word.startsWith('--token-file=') ? `--token-file=${homeExpanded(word.slice(13))}` : word));
  const addedYes = ASKS.has(command) && !(command === 'update' && dryRun) && !args.some((word) => word === '--yes' || word === '-y' || word === '--yes=true');
  return { args: addedYes ? [...scheduled, '--yes'] : scheduled, addedYes };
}

// How the token is on the command line, if it is: the flag, the variable set before the command, or its value.
function tokenCarried(args: readonly string[], secrets: readonly string[]): string | undefined {
  if (args.some((word) => word === '--token' || word.startsWith('--token='))) return '--token';
  if (args.some((word) => word.startsWith('WOLKVOX_TOKEN='))) return 'WOLKVOX_TOKEN=…';
  const values = secrets.map((secret) => secret.trim().toLowerCase()).filter((secret) => secret.length >= 4);
  if (args.some((word) => values.some((value) => word.toLowerCase().includes(value)))) return 'the value of WOLKVOX_TOKEN';
  return undefined;
}

// A scheduler runs no shell that would expand `~`: the token file's path is the home folder's.
const homeExpanded = (file: string) => (file === '~' || file.startsWith('~/') ? path.join(os.homedir(), file.slice(1)) : file);

/** The schedule's name, from --name or the command's file or folder: letters, digits, - and _ only. */
export function scheduleName(args: readonly string[], given?: string): string {
  const subject = given ?? args.slice(1).find((word, index, rest) => !word.startsWith('-') && !(rest[index - 1] ?? '').startsWith('-'));
  const base = subject === undefined ? (args[0] ?? 'run') : path.basename(subject.replace(/[\\/]+$/, '')).replace(/\.[^.]+$/, '');
  const clean = base.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return `wolkvox-bulk-${clean || 'run'}`;
}
