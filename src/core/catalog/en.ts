import { countIn, countedIn } from '../text.js';
import type { PlanLookup, PlanMatch } from '../events.js';
import { enCheck } from './en-check.js';
import { enFields } from './en-fields.js';
import { enWatch } from './en-watch.js';
import { enMapping } from './en-mapping.js';
import { enNotify } from './en-notify.js';
import { enRows, type Nested } from './en-rows.js';
import { enRuns } from './en-runs.js';
import type { BatchSummary, ChangePreview, LookupSummary, MatchSummary, PreviewRefusal, RowStatus } from '../types.js';

// English: the catalog that defines every message code and its parameters (src/core/say.ts). A wording is
// a plain function of its parameters; numbers are grouped as English writes them.

/** What is wrong where a JSON text stops making sense (a mapping file's syntax). */
export type JsonProblem =
  | { readonly kind: 'end' }
  /** A character where it cannot be, and the likely reason. */
  | { readonly kind: 'token'; readonly char: string; readonly hint?: 'single-quote' | 'comment' | 'comma-missing' | 'trailing-comma' | 'key-expected' | 'colon-expected' | 'after-end' }
  | { readonly kind: 'bad-escape'; readonly escape: string }
  | { readonly kind: 'control-in-string' }
  | { readonly kind: 'unterminated-string' };

/** What the first bytes of a file that is not text seem to be. */
export type BinaryFormat = 'png' | 'jpeg' | 'gif' | 'pdf' | 'gzip' | '7z' | 'rar' | 'elf' | 'data';

const JSON_HINTS: Readonly<Record<NonNullable<Extract<JsonProblem, { kind: 'token' }>['hint']>, string>> = {
  'single-quote': '; JSON needs double quotes',
  comment: '; JSON has no comments',
  'comma-missing': '; a comma may be missing before it',
  'trailing-comma': '; remove the comma before it',
  'key-expected': '; a key in double quotes was expected',
  'colon-expected': '; a colon was expected after the key',
  'after-end': ' after the end of the JSON',
};

function jsonProblem(problem: JsonProblem): string {
  switch (problem.kind) {
    case 'end':
      return 'Unexpected end of JSON';
    case 'token':
      return `Unexpected token ${problem.char}${problem.hint ? JSON_HINTS[problem.hint] : ''}`;
    case 'bad-escape':
      return `Bad escape \\${problem.escape} in a string (write \\\\ for a backslash)`;
    case 'control-in-string':
      return 'Line break or control character inside a string (write \\n)';
    case 'unterminated-string':
      return 'Unterminated string';
  }
}

const FORMATS: Readonly<Record<BinaryFormat, string>> = {
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  pdf: 'a PDF document',
  gzip: 'a gzip archive',
  '7z': 'a 7-Zip archive',
  rar: 'a RAR archive',
  elf: 'a program (ELF)',
  data: 'binary data',
};

const APPS = {
  ods: { name: 'an OpenDocument spreadsheet (LibreOffice, OpenOffice)', save: 'File > Save As > Excel 2007-365 (.xlsx)' },
  numbers: { name: 'an Apple Numbers spreadsheet', save: 'File > Export To > Excel' },
} as const;

/** What the rows to send cost, as the plan says it: update calls (or batches), and the reads before them. */
export interface PlanCost {
  readonly rows: number;
  readonly batch?: { readonly size: number; readonly calls: number; readonly cost?: 'call' | 'record' };
  /** Lookups' names to find first: at most this many calls. */
  readonly lookupCalls: number;
  /** The snapshot's reads first: the module (pages not known before reading it), or at most a call per id. */
  readonly snapshotReads?: { readonly module: true } | { readonly ids: number };
}

function planCost(p: PlanCost): string {
  const { rows, batch } = p;
  let text: string;
  if (!batch) text = `needs ${plural(rows, 'call')}`;
  else {
    const needs = `needs about ${plural(batch.calls, 'call')} in batches of ${n(batch.size)}`;
    text =
      batch.cost === 'call'
        ? `${needs}, 1 quota unit each`
        : batch.cost === 'record'
          ? `${needs}, ${plural(rows, 'quota unit')} (an updateMany.php call costs 1 per record)`
          : `${needs}: ${plural(batch.calls, 'quota unit')} if an updateMany.php call costs 1, ${n(rows)} if it costs 1 per record (measured after the first batch)`;
  }
  if (p.lookupCalls > 0) text += `, plus up to ${plural(p.lookupCalls, 'call')} to find the lookups' names first`;
  if (p.snapshotReads) text += 'module' in p.snapshotReads ? ', plus the module read first (1 call per 250 records)' : `, plus up to ${plural(p.snapshotReads.ids, 'call')} to read the records first`;
  return text;
}

const MATCH_WAYS = {
  auto: 'auto: the module while its pages stay fewer than the keys, then key by key',
  module: '--match-by module',
  query: '--match-by query',
} as const;

const earlier = (known: number, pagesRead: number) => {
  const parts = [...(known > 0 ? [`${n(known)} found already`] : []), ...(pagesRead > 0 ? [`${plural(pagesRead, 'module page')} read already`] : [])];
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
};


/** What a number option counts, when its rule says (a number "of rows"). */
export type ExpectedUnit = 'calls-in-flight' | 'calls-per-second' | 'seconds' | 'no-limit' | 'share' | 'rows' | 'records-per-call' | 'bodies';
/** What a text option names. */
export type ExpectedText = 'folder' | 'earlier-run' | 'operation' | 'module' | 'server' | 'preview-run' | 'web-address' | 'time-of-day';

/** What an option accepts, as the rule says it (plan/option-rules.ts); the catalogs word it. */
export type Expectation =
  | { readonly kind: 'whole' | 'number'; readonly min: number; readonly max?: number; readonly unit?: ExpectedUnit }
  | { readonly kind: 'one-of'; readonly choices: readonly string[] }
  | { readonly kind: 'text'; readonly what: ExpectedText }
  | { readonly kind: 'yes-no' };

const UNITS = {
  'calls-in-flight': ' of calls in flight',
  'calls-per-second': ' of calls per second',
  seconds: ' of seconds',
  'no-limit': ' (0: no limit)',
  share: ' (a share: 0.5 is half; 0 turns the check off)',
  rows: ' of rows',
  'records-per-call': ' of records per call',
  bodies: ' of bodies',
} as const;

const TEXTS = {
  folder: 'a folder path',
  'earlier-run': 'the folder of an earlier run',
  operation: 'the name of a CRM operation',
  module: 'the name of a CRM module, such as contacts',
  server: 'a CRM host, such as crm0001.wolkvox.com',
  'preview-run': 'the folder of a preview run (update --preview)',
  'web-address': 'an http:// or https:// address, such as https://hooks.slack.com/services/…',
  'time-of-day': 'a time of day as HH:MM (24 hours), such as 06:00 or 22:30',
} as const;

/** What an option accepts, in words: "a whole number of rows from 1 up". */
export function expectationIn(expected: Expectation): string {
  switch (expected.kind) {
    case 'whole':
    case 'number':
      return `${expected.kind === 'whole' ? 'a whole number' : 'a number'}${expected.unit ? UNITS[expected.unit] : ''} ${expected.max === undefined ? `from ${expected.min} up` : `from ${expected.min} to ${expected.max}`}`;
    case 'one-of':
      return `one of ${expected.choices.join(', ')}`;
    case 'text':
      return TEXTS[expected.what];
    case 'yes-no':
      return 'true or false';
  }
}

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

/** The kinds of fatal stop the advice is worded for: what to fix, and the next step (any other reason: `other`). */
export type FatalNext = 'auth' | 'endpoint' | 'redirect' | 'configuration' | 'network' | 'other';

/** Why the failure-rate breaker tripped: the first rows all failed, or too many of the last ones; the commonest failure. */
export interface BreakerTrip {
  readonly first: boolean;
  readonly failed: number;
  readonly of: number;
  /** Rows that failed with `message`, the commonest failure. */
  readonly count: number;
  readonly message: string;
}

// What to fix after a fatal answer, by its kind. The job stopped before spending more calls on it; each
// line says what every further call would have hit.
const FATAL_FIX: Readonly<Record<FatalNext, string>> = {
  // 401/403 PLEASE ENTER/VALIDATE TOKEN: no call works with this token.
  auth: 'The token was refused: check WOLKVOX_TOKEN or --token-file, and that the token is active in the CRM (Configuration > Wolkvox Integration > Tokens).',
  // THE API YOU WANT TO CONSULT DOES NOT EXIST, an HTML 404/405, a name that does not resolve, a bad certificate.
  endpoint: 'This is not the wolkvox API: check --server (your CRM host, as in the browser address bar, such as crm0001.wolkvox.com).',
  // A 3xx: the URL is a login page or http where https is meant; following it could leak the token.
  redirect: 'The server answered with a redirect, so the URL is not the API: check --server.',
  // An unknown operation or module: every row would get the same answer.
  configuration: 'Check the operation and module names (in the mapping, or --operation and --module).',
  // A call that never reached a server (connection refused, no route): the address or the network, not the CRM.
  network: 'Check --server and your network.',
  // Any other fatal reason (none today): the CRM's own words before it say what is wrong.
  other: 'Fix the cause.',
};

const failing = (none: number, several: number) => {
  const parts = [...(none > 0 ? [`${n(none)} on none`] : []), ...(several > 0 ? [`${n(several)} on several`] : [])];
  return parts.length > 0 ? `, ${parts.join(', ')} (their rows failed, not sent)` : '';
};

const n = (value: number) => countIn('en', value);
const plural = (value: number, one: string, many?: string) => countedIn('en', value, one, many);

export const en = {
  ...enRows,
  ...enMapping,
  ...enCheck,
  ...enFields,
  ...enWatch,
  ...enNotify,
  ...enRuns,

  // The command line
  'cli.usage': (p: { detail: string }) => `Usage error: ${p.detail}\nRun with --help to see the options and examples.`,
  'cli.flag-needs-value': (p: { flag: string }) => `--${p.flag} needs a value after it (such as --${p.flag} 10).`,
  'cli.missing-command': () => 'Missing command: run wolkvox-bulk --help to see the commands.',
  'cli.unexpected': (p: { detail: string }) => `Unexpected error: ${p.detail}\nPlease report this with the command you ran.`,
  'cli.confirmation-needed': (p: { json: boolean }) =>
    `Confirmation needed: this job sends updates to the CRM, and there is no terminal to ask on${p.json ? ' (--json)' : ''}. Add --yes to send without asking. Nothing was sent.`,
  'cli.stopping': () => 'Stopping: no new calls; waiting for the calls in flight, then writing the reports. Press Ctrl-C again to quit at once.',
  'cli.ask-dry-run': () => 'Run the dry run? [y/N] ',
  'cli.ask-read-back': () => 'Read back the updated records? [y/N] ',
  'cli.ask-send': (p: { rows: number }) => `Send ${plural(p.rows, 'row')}? [y/N] `,

  // The progress line and what it notes
  'progress.rows': (p: { done: number; total: number }) => `${n(p.done)}/${n(p.total)} rows`,
  'progress.updated': (p: { rows: number }) => `${n(p.rows)} updated`,
  'progress.failed': (p: { rows: number }) => `${n(p.rows)} failed`,
  'progress.retrying': (p: { rows: number }) => `${n(p.rows)} retrying`,
  'progress.call-rate': (p: { perSecond: string }) => `${p.perSecond} calls/s`,
  'progress.eta': (p: { left: string }) => `ETA ${p.left}`,
  'progress.quota-left': (p: { units: number }) => `quota left ${n(p.units)}`,
  'progress.quota-wait': (p: { wait: string }) => `daily quota used up: ${p.wait}`,
  'progress.quota-wait-line': (p: { wait: string }) => `Quota used up: ${p.wait}.`,
  'progress.quota-wait-over': (p: { available?: number }) => `Quota wait over: sending again${p.available === undefined ? '' : ` (${plural(p.available, 'quota unit')} available)`}.`,
  'progress.wait-guessed': (p: { left: string; at: string }) => `the CRM does not say when it restarts; trying again in ${p.left}, at ${p.at}`,
  'progress.wait-until': (p: { left: string; at: string }) => `waiting ${p.left}, until ${p.at}`,
  'progress.local-time': (p: { time: string; zone: string }) => `${p.time} (local time, ${p.zone})`,
  'progress.paused': (p: { left: string; reason: string }) => `paused ${p.left} (${p.reason})`,
  'progress.stopping': () => 'stopping: waiting for calls in flight',
  'progress.batches': (p: { reason: string }) => `Batches: ${p.reason}.`,

  // verify: reading back what a run updated
  'verify.plan-title': (p: { records: number; runDir: string }) => `Ready to read back ${plural(p.records, 'record')} that ${p.runDir} updated, and compare them with what was sent`,
  'verify.plan-where': (p: { server?: string; operation: string; module: string }) => `from ${p.server ?? "the run's server"}, operation ${p.operation}, module ${p.module}; nothing is sent`,
  'verify.plan-reads': (p: { inFlight: number }) => `reads: 1 call per 250 records of the module while that is cheaper than 1 call per record, then 1 call per record left; ${plural(p.inFlight, 'call')} at a time`,
  'verify.all-as-sent': () => 'Verified: every record reads back as sent.',
  'verify.not-as-sent': (p: { checked: number; differing: number; missing: number; inRun: boolean }) => {
    const of = `of ${n(p.checked)} records${p.inRun ? ' read back' : ''}`;
    const parts = [
      ...(p.differing > 0 ? [`${n(p.differing)} ${of} differ from what was sent`] : []),
      ...(p.missing > 0 ? [`${p.differing > 0 ? n(p.missing) : `${n(p.missing)} ${of}`} ${p.missing === 1 ? 'is' : 'are'} no longer in the CRM`] : []),
    ];
    return `Not as sent: ${parts.join(', ')}.`;
  },
  'verify.nothing-read': () => 'Nothing was read back.',
  'verify.checked': () => 'checked',
  'verify.as-sent': () => 'as sent',
  'verify.differing': () => 'differing',
  'verify.missing': () => 'missing',
  'verify.read-calls': (p: { calls: number }) => `${plural(p.calls, 'call')} to read them back (not counted in the run's own calls)`,
  'verify.listed-in': (p: { file: string }) => `listed in ${p.file} (a line per field that differs; "not found" for a record gone)`,
  'verify.run-exit': (p: { exitCode: number; stopped: boolean; results: string }) =>
    `exit ${p.exitCode}: the run itself ${p.stopped ? 'stopped before it finished' : 'has rows that failed, were invalid or were not sent'} (see ${p.results})`,
  'verify.resend': (p: { command: string }) => `send those rows again (rows the CRM holds as sent are left out): ${p.command}`,

  // undo
  'undo.left-alone-note': (p: { fields: number; file: string }) => `${plural(p.fields, 'field')} left alone: edited since the run, or not put back for another reason (listed in ${p.file}).`,
  'undo.line': (p: { records: number; reads: number; putBack: number; leftAlone: number; overwritten: number; file: string }) => {
    const parts = [`${n(p.putBack)} fields put back`, `${n(p.leftAlone)} left alone`, ...(p.overwritten > 0 ? [`${n(p.overwritten)} edited since the run overwritten (--overwrite-later-edits)`] : [])];
    return `undo: read ${plural(p.records, 'record')} first (${plural(p.reads, 'call')}, apart from the undo's): ${parts.join(', ')}${p.leftAlone + p.overwritten > 0 ? ` (listed in ${p.file})` : ''}`;
  },

  // The end of a run: where things are, what to do next
  'summary.run-folder': (p: { dir: string }) => `Run folder: ${p.dir}`,
  'summary.next': () => 'Next:',

  // quota
  'quota.title': (p: { host: string; operation: string }) => `Token quota on ${p.host} (operation ${p.operation}):`,
  'quota.limit': (p: { limit: string }) => `limit          ${p.limit} calls a day`,
  'quota.used': (p: { used: string }) => `used today     ${p.used} (this check included)`,
  'quota.available': (p: { available: string }) => `available      ${p.available}`,
  'quota.resets': (p: { hours: string }) => `resets in      ${p.hours} h`,

  // Input files
  'input.unreadable-workbook': (p: { name: string }) =>
    `Unreadable workbook: ${p.name} is password-protected or in the old Excel 97-2003 (.xls) format. Open it in Excel, remove the password (File > Info > Protect Workbook) and save it as .xlsx, or save it as CSV UTF-8.`,
  'input.other-app': (p: { name: string; app: 'ods' | 'numbers' }) =>
    `Unsupported file: ${p.name} is ${APPS[p.app].name}. Save it as .xlsx from the application (${APPS[p.app].save}), or as CSV UTF-8, and try again.`,
  'input.binary': (p: { name: string; format: BinaryFormat; controls?: { count: number; of: number; first: number } }) =>
    `Not a spreadsheet: ${p.name} seems to be ${FORMATS[p.format]}${p.controls ? ` (${p.controls.count} of its first ${p.controls.of} bytes are control characters that text does not hold (the first at byte ${p.controls.first}))` : ''}, not a CSV or Excel file. Check that this is the file you meant.`,
  'input.empty-file': (p: { name: string }) => `Empty file: ${p.name} has no content (0 bytes).`,
  'input.not-a-workbook': (p: { name: string; extension: string }) =>
    `Not a workbook: ${p.name} is named ${p.extension} but is not an Excel workbook (it looks like a text file). If it is a CSV export, rename it to .csv.`,
  'input.zip-not-text': (p: { name: string; extension: string }) =>
    `Not a text file: ${p.name} is a zip archive, most likely an Excel workbook ${p.extension === '' ? 'with no extension' : `named ${p.extension}`}. Rename it to .xlsx.`,
  'input.utf16-no-bom': (p: { name: string; encoding: string }) =>
    `Unknown encoding: ${p.name} looks like ${p.encoding.toUpperCase()} text without a byte order mark (every other byte is 0). Read it with --encoding ${p.encoding} (or "encoding": "${p.encoding}" in the mapping).`,
  'input.cannot-read': (p: { path: string; reason: 'missing' | 'folder' | 'denied' | 'other'; detail?: string }) =>
    `Cannot read input: ${p.path}: ${p.reason === 'missing' ? 'it does not exist' : p.reason === 'folder' ? 'it is a folder' : p.reason === 'denied' ? 'permission denied' : (p.detail ?? 'unknown error')}. Check the path.`,
  'input.mixed-encoding': (p: { file: string; line: number }) =>
    `Mixed encoding: ${p.file} is UTF-8 up to line ${p.line}, where it has bytes that are not UTF-8. Save the file again with one encoding (UTF-8 is best), or force one with --encoding (or "encoding" in the mapping).`,

  // The mapping file
  'mapping.not-found': (p: { file: string; reason: 'missing' | 'folder' | 'other'; detail?: string }) =>
    `Mapping not found: ${p.file} ${p.reason === 'missing' ? 'does not exist; check the path given for the mapping' : p.reason === 'folder' ? 'is a folder; give the path of the mapping .json file' : `cannot be read (${p.detail ?? 'unknown error'})`}.`,
  'mapping.not-utf8': (p: { file: string }) => `Invalid mapping: ${p.file} is not UTF-8 text. Save it with the UTF-8 encoding (in Notepad: Save as → Encoding: UTF-8).`,
  'mapping.empty': (p: { file: string }) => `Invalid mapping: ${p.file} is empty; write a JSON object with "id" and "fields".`,
  'mapping.not-json': (p: { file: string; problem: JsonProblem; line: number; column: number }) =>
    `Invalid mapping: ${p.file} is not valid JSON: ${jsonProblem(p.problem)} at line ${p.line}, column ${p.column}.`,

  // undo and verify of an earlier run
  'undo.nothing-updated': (p: { runDir: string }) => `Nothing to undo: no row of ${p.runDir} was updated.`,
  'undo.nothing-left': (p: { records: number; runDir: string; leftAlone: number; list: string; reads: number }) =>
    `Nothing to undo: none of the ${plural(p.records, 'record')} ${p.runDir} updated holds what the run sent any more${p.leftAlone > 0 ? `: ${plural(p.leftAlone, 'field')} left alone (listed in ${p.list}; --overwrite-later-edits puts back those edited since the run)` : ', they hold their values from before the run again'}. Nothing was sent (${plural(p.reads, 'call')} spent on reads).`,
  'undo.already-undone': (p: { runDir: string; by: string; at?: string }) =>
    `Already undone: ${p.runDir} was undone by ${p.by}${p.at ? ` on ${p.at}` : ''}. Undoing it again would put its values from before over whatever the CRM holds now. To finish that undo: wolkvox-bulk resume ${p.by}`,
  'verify.not-finished': (p: { runDir: string }) => `Not finished: ${p.runDir} has no summary.json, so its last session ended before its reports. Finish it first (wolkvox-bulk resume ${p.runDir}), then verify it.`,
  'verify.nothing-updated': (p: { runDir: string }) => `Nothing to verify: no row of ${p.runDir} was updated.`,
  'verify.cancelled': (p: { runDir: string }) => `Cancelled: nothing was read. Verify ${p.runDir} later.`,

  // The plan, before the first call
  'plan.ready': (p: { dryRun: boolean; toSend: number; file: string; rows: number; invalid: number; skipped: number; unchanged: number; alreadyDone: number }) =>
    `${p.dryRun ? 'Dry run: would send' : 'Ready to send'} ${plural(p.toSend, 'row')} of ${p.file} (${plural(p.rows, 'row')}; ${n(p.invalid)} invalid, ${n(p.skipped)} skipped${p.unchanged > 0 ? `, ${n(p.unchanged)} unchanged` : ''}${p.alreadyDone > 0 ? `, ${n(p.alreadyDone)} already done` : ''})`,
  'plan.preview': (p: { toSend: number; file: string; rows: number; invalid: number; skipped: number; unchanged: number }) =>
    `Preview of ${plural(p.toSend, 'row')} of ${p.file} (${plural(p.rows, 'row')}; ${n(p.invalid)} invalid, ${n(p.skipped)} skipped${p.unchanged > 0 ? `, ${n(p.unchanged)} unchanged` : ''}): reads what the CRM holds, sends nothing`,
  'plan.where': (p: { dryRun: boolean; server?: string; operation: string; module: string }) =>
    p.dryRun ? `operation ${p.operation}, module ${p.module} (dry run: no server is contacted)` : `to ${p.server}, operation ${p.operation}, module ${p.module}`,
  'plan.pace': (p: { concurrency: number; rate?: number; runDir: string }) => `${plural(p.concurrency, 'call')} at a time${p.rate === undefined ? '' : `, at most ${p.rate}/s`}; run folder ${p.runDir}`,
  'plan.reused': (p: { from: string; minutesOld: number }) => `reads: the preview ${p.from}'s, made ${plural(p.minutesOld, 'minute')} ago (no read is made)`,
  'plan.not-reused': (p: { from: string; code: PreviewRefusal; file: string; server?: string; module: string; minutesOld?: number; fresh: number }) =>
    `Not reused: the preview ${p.from} ${
      {
        'not-a-preview': 'is not a preview (made without --preview)',
        'not-finished': 'stopped before its reads ended',
        'input-changed': `was made from another input (the SHA-256 of ${p.file} differs)`,
        'mapping-changed': 'was made with another mapping',
        'rows-changed': 'planned other rows (another --duplicates, --since or --skip-invalid)',
        'other-server': `read ${p.server ?? 'no server'}`,
        'other-module': `read the module ${p.module}`,
        old: `read the CRM ${p.minutesOld ?? 0} minutes ago (its reads are reused for ${p.fresh} minutes, as records change)`,
      }[p.code]
    }; the records are read again.`,
  'plan.skip-unchanged': () => 'rows whose values the CRM already holds are left out (unchanged, no call)',
  'plan.snapshot-from-match': () => 'snapshot: from the module read that finds the keys, when the module is read (no more calls); otherwise by id',
  'plan.snapshot-done': () => 'snapshot: already read by an earlier session (before.csv)',
  'plan.snapshot-first': (p: { strategy: 'by-id' | 'module' | 'auto'; ids: number }) =>
    `snapshot first (--snapshot ${p.strategy}): by id ${plural(p.ids, 'call')}; a module read 1 call per 250 records of the module (its size is known only by reading it), then 1 call per id it did not return${p.strategy === 'auto' ? '; auto reads the module while that is cheaper, then the ids left one by one' : ''}`,
  'plan.if-empty': (p: { fields: readonly string[] }) =>
    `written only where the CRM's field is empty (if-empty): ${p.fields.join(', ')}; a filled one is kept, and a row left with nothing to write is unchanged (no call)`,
  'plan.match': (p: PlanMatch) =>
    `match by ${p.field} (compared ${p.compare}): ${plural(p.keys, 'key')} to find once you confirm${earlier(p.known, p.pagesRead)}: query.php key by key ${plural(p.queryCalls, 'call')}, or the module read 1 call per 250 records (${MATCH_WAYS[p.strategy]}); a row whose key is on no record or on several fails, and nothing is sent for it`,
  'plan.lookup': (p: PlanLookup) =>
    `lookup ${p.labels.join(', ')} in ${p.module} by ${p.field} (compared ${p.compare}): ${plural(p.keys, 'name')} to find once you confirm${earlier(p.known, p.pagesRead)}: query.php name by name ${plural(p.queryCalls, 'call')}, or ${p.module} read 1 call per 250 records (auto: ${p.module} while its pages stay fewer than the names, then name by name); a row whose name is on no record or on several fails, and nothing is sent for it`,
  'plan.read-back': () => 'then the updated records are read back (1 call per 250 records of the module, or 1 per record, the cheaper) and compared',
  'plan.warning': (p: { text: string }) => `warning: ${p.text}`,
  'plan.quota': (p: { cost: PlanCost; available: number; hoursToReset: number; enough: boolean; sure: boolean; waits: boolean }) =>
    `${planCost(p.cost)}${p.cost.batch ? ';' : ','} ${n(p.available)} available today, resets in ${p.hoursToReset} h` +
    (p.enough ? '' : p.waits ? ` — ${p.sure ? 'when' : 'if'} they are used up the job waits for the reset and goes on by itself` : ` — the job stops cleanly ${p.sure ? 'when' : 'if'} they are used up (resume it after the reset, or add --wait-for-quota)`),

  // Why a job stopped (summary.json's stopMessage is the English)
  'stop.canary': (p: { rows: number }) => `Canary done: the first ${p.rows} rows were sent (--limit); resume sends the rest.`,
  'stop.interrupted': () => 'Interrupted: no new calls; waiting for the calls in flight.',
  'stop.write-failed': () => 'The journal cannot be written: no new calls.',
  'stop.unreachable': (p: { answer: string }) => `${p.answer}. ${FATAL_FIX.network}`,
  'stop.fatal': (p: { answer: string; fix: FatalNext }) => `Stopped by the CRM: ${p.answer}. ${FATAL_FIX[p.fix]}`,
  'stop.failure-rate': (p: BreakerTrip) =>
    `Too many rows fail: ${p.first ? `the first ${p.of} rows all failed (${p.count} of ${p.of}: ${p.message})` : `${p.failed} of the last ${p.of} rows failed (${p.count} of them: ${p.message})`}. Check the mapping and the CRM before going on (--max-failure-rate changes this check).`,
  'stop.quota-answered': () => 'Daily quota used up: the CRM answered TOKEN LIMIT EXCEEDED.',
  'stop.quota-reached': () => 'Daily quota reached: every quota unit available today was used. Resume after the reset (or use --wait-for-quota).',
  'stop.max-calls': (p: { calls: number; units?: number; max: number }) =>
    `Call budget reached: ${plural(p.calls, 'call')} made${p.units === undefined ? '' : `, ${n(p.units)} quota units counted`} (${p.units === undefined ? '--max-calls' : `--max-calls ${n(p.max)} counts quota units: an updateMany.php call counts 1 per record, unless --check-quota measured that it costs 1`}).`,

  // The summary at the end of a run
  'summary.stopped': (p: { message: string }) => `Stopped: ${p.message}`,
  'summary.preview-done': () => 'Preview finished: nothing was sent.',
  'summary.dry-run-done': () => 'Dry run finished: nothing was sent.',
  'summary.done-all': () => 'Done: every row updated.',
  'summary.done-all-or-unchanged': () => 'Done: every row updated or unchanged.',
  'summary.finished': () => 'Finished.',
  'summary.status': (p: { status: RowStatus }) => p.status,
  'summary.calls': (p: { calls: number; perUpdated?: number; units?: number; unitsUnknown: boolean; retries: number; resent: number; duration: string; rowsPerSecond: number; sessions: number }) =>
    `${plural(p.calls, 'call')}${p.perUpdated === undefined ? '' : ` (${p.perUpdated.toFixed(2)} per updated row)`}${p.unitsUnknown ? ', quota units not known (an updateMany.php call costs 1 or 1 per record: --check-quota measures it)' : p.units === undefined ? '' : `, ${plural(p.units, 'quota unit')}`}, ${plural(p.retries, 'retry', 'retries')}${p.resent > 0 ? `, ${plural(p.resent, 'row')} re-sent after a crash` : ''}; ${p.duration}${p.rowsPerSecond > 0 ? `, ${p.rowsPerSecond} rows/s` : ''}${p.sessions > 1 ? ` over ${p.sessions} sessions` : ''}`,
  'summary.reapplied': (p: { records: number }) =>
    `${plural(p.records, 'record')} may have been applied more than once (sent again after a call that may have applied ${p.records === 1 ? 'it' : 'them'}): a CRM workflow that runs on each update may have run again`,
  'summary.uncertain': (p: { calls: readonly number[] }) =>
    `${p.calls.length === 1 ? `call ${p.calls[0]} was` : `calls ${p.calls.join(', ')} were`} in flight when a process died: the CRM may or may not have seen ${p.calls.length === 1 ? 'it' : 'them'}`,
  'summary.batch': (p: BatchSummary) =>
    `batches of ${p.size}${p.used === p.size ? '' : `, ${p.unconfirmable ? `then one row per call: ${p.why ?? 'updateMany.php gave no count'}` : `${p.used} after the CRM refused bigger ones`}`}${p.cost ? `; one updateMany.php call cost ${p.cost === 'call' ? '1 unit' : '1 unit per record'}` : ''}`,
  'summary.verified': (p: { checked: number; calls: number; matched: number; differing: number; missing: number; file: string }) =>
    `verified ${plural(p.checked, 'record')} by reading them back (${plural(p.calls, 'call')}, apart from the run's): ${n(p.matched)} as sent, ${n(p.differing)} differing${p.missing > 0 ? `, ${n(p.missing)} no longer in the CRM` : ''}${p.differing + p.missing > 0 ? ` (listed in ${p.file})` : ''}`,
  'summary.match': (p: MatchSummary) =>
    `${plural(p.keys, `${p.field} key`)} found ${p.by === 'module' ? 'by reading the module' : 'by query.php'} (${plural(p.calls, 'call')}, of the run's): ${n(p.found)} on one record${failing(p.none, p.several)}`,
  'summary.lookup': (p: LookupSummary) =>
    `${plural(p.keys, `${p.module} name`)} of ${p.labels.join(', ')} found ${p.by === 'module' ? `by reading ${p.module}` : 'by query.php'} (${plural(p.calls, 'call')}, of the run's): ${n(p.found)} on one record${failing(p.none, p.several)}`,
  'summary.bodies': (p: { bodies: number; exactly: boolean }) =>
    `${p.bodies === 1 ? `First body ${p.exactly ? 'exactly ' : ''}as it would be sent` : `First ${n(p.bodies)} bodies ${p.exactly ? 'exactly ' : ''}as they would be sent`}:`,
  'summary.top-errors': () => 'Top errors:',
  'summary.error': (p: { count: string; message: string; row: number }) => `${p.count} × ${p.message} (e.g. row ${p.row})`,
  'summary.results': (p: { file: string }) => `results: ${p.file}`,
  'summary.failed-rows': (p: { file: string }) => `failed rows: ${p.file}`,

  // What to run next
  'next.unfinished-rows': (p: { resume: string }) => `${p.resume}   (sends again the rows not sent, or whose outcome is not known)`,
  'next.fatal': (p: { reason: FatalNext; resume: string }) =>
    ({
      auth: `put the right token in WOLKVOX_TOKEN (or a file for --token-file), then: ${p.resume}`,
      endpoint: `${p.resume} --server <your CRM host, such as crm0001.wolkvox.com>`,
      redirect: `${p.resume} --server <your CRM host, such as crm0001.wolkvox.com>`,
      configuration: `${p.resume} --operation <operation> --module <module>   (or correct them in the mapping, then: ${p.resume})`,
      network: `once the server can be reached (check --server and your network): ${p.resume}`,
      other: `fix the cause above, then: ${p.resume}`,
    })[p.reason],
  'next.failure-rate-crm': (p: { resume: string }) => `if the records are wrong in the CRM, fix them there, then: ${p.resume} --retry-failed`,
  'next.failure-rate-mapping': (p: { failedFile: string; mapping: string }) => `if the mapping is wrong, fix it, then send the rows not updated as a new run: wolkvox-bulk update ${p.failedFile} --mapping ${p.mapping}`,
  'next.quota': (p: { resume: string }) => `${p.resume}   (once the daily quota restarts; add --wait-for-quota to wait for it)`,
  'next.resume': (p: { resume: string }) => p.resume,
  'next.fix-keys': (p: { field: string; file: string; failedFile: string; mapping: string }) =>
    `for the rows whose ${p.field} found no record or several: fix the key in ${p.file} (or the records in the CRM), then send it as a new run: wolkvox-bulk update ${p.failedFile} --mapping ${p.mapping}`,
  'next.fix-names': (p: { labels: readonly string[]; file: string; failedFile: string; mapping: string }) =>
    `for the rows whose ${p.labels.join(', ')} found no record or several: fix the name in ${p.file} (or the records in the CRM), then send it as a new run: wolkvox-bulk update ${p.failedFile} --mapping ${p.mapping}`,
  'next.retry-failed': (p: { resume: string }) => `after fixing the records in the CRM: ${p.resume} --retry-failed`,
  'next.resend': (p: { command: string }) => `send the records not as sent again (rows the CRM holds as sent are left out): ${p.command}`,
  'next.after-preview': (p: { command: string; fresh: number }) => `${p.command}   (with the preview's other flags, within ${p.fresh} minutes)`,

  // A preview's summary
  'preview.row': (p: { what: 'change' | 'unchanged' | 'notFound' | 'ambiguous' | 'invalid' | 'skipped' }) =>
    ({ change: 'would change', unchanged: 'unchanged', notFound: 'not found', ambiguous: 'several', invalid: 'invalid', skipped: 'skipped' })[p.what],
  'preview.several-why': () => '(their key is on several records)',
  'preview.listed': (p: { file: string; lines: number }) => `listed in ${p.file}: each field that would change (${plural(p.lines, 'line')}, the rows not found included)`,
  'preview.real-run': (p: { cost: ChangePreview['cost']; fresh: number }) => {
    const { updates, batchSize, quotaUnits, updatesSkippingUnchanged } = p.cost;
    const units = quotaUnits.least === quotaUnits.most ? plural(quotaUnits.least, 'quota unit') : `${n(quotaUnits.least)} to ${n(quotaUnits.most)} quota units (an updateMany.php call costs 1, or 1 per record)`;
    return `the real run: ${plural(updates, 'update call')}${batchSize > 1 ? ` in batches of ${n(batchSize)}` : ''}, ${units}${updatesSkippingUnchanged === undefined || updatesSkippingUnchanged === updates ? '' : ` (${n(updatesSkippingUnchanged)} with --skip-unchanged)`}; no read with --reuse-preview within ${p.fresh} minutes`;
  },

  // Options and flags
  'option.refused': (p: { option: string; shown: string; type: string; expected: Expectation }) => `Expected \`${p.option}\` to be ${expectationIn(p.expected)}, got \`${p.shown}\` (${p.type}).`,
  'option.refused-flag': (p: { flag: string; typed: string; expected: Expectation }) => `${p.flag} ${p.typed}: expected ${expectationIn(p.expected)}.`,
  'option.not-on-resume': (p: { name: string; canary: boolean }) =>
    `Not on resume: ${p.canary ? `${p.name} is for a run's first session (a canary): a resume sends every row the run has left` : `${p.name} is decided when a run is checked: a resume sends each row as the run's plan holds it`}. To send with another ${p.name}, start a new run with update.`,
  'option.not-with-preview': (p: { preview: string; other: string; why: 'dry-run' | 'verify' | 'reuse' }) =>
    `Not both: ${p.preview} and ${p.other}: ${{ 'dry-run': 'a preview reads the CRM, and a dry run contacts no server', verify: 'a preview sends nothing to read back', reuse: 'a preview reads the CRM itself' }[p.why]}.`,
  'option.missing-operation': () => 'Missing operation: set "operation" in the mapping, or pass --operation (the name of your CRM operation).',
  'option.missing-module': () => 'Missing module: set "module" in the mapping, or pass --module (for example contacts).',
  'option.missing-token': () => 'Missing token: set the WOLKVOX_TOKEN environment variable, or pass --token-file with a file that holds it.',
  'option.missing-server': () => 'Missing server: pass --server or set WOLKVOX_SERVER to your CRM host, such as crm0001.wolkvox.com.',

  // Run folders: opening, resuming, verifying or undoing one
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

/** A message inside another (a value's problem inside its field, a problem inside the mapping's list), in English. */
export function wordNested(said: Nested): string {
  return (en as unknown as Record<string, (params: unknown) => string>)[said.code]?.(said.params) ?? said.code;
}
