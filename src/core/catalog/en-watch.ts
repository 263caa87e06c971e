import { countIn, countedIn } from '../text.js';
import type { StopReason } from '../types.js';
import type { Nested } from './en-rows.js';
import { wordNested } from './en.js';

// English for `watch`: its lines on the terminal, and the notes it leaves beside a file it set aside
// (`<file>.txt` in the failed folder), each saying why and what to do.

/** What became of a watched file. */
export type WatchOutcome = 'done' | 'failed' | 'duplicate';

/** Why a file was refused before anything was sent: the library's message, or only its English. */
export type WatchRefusal = { readonly said: Nested } | { readonly text: string };

/** A run's rows by what became of them, as a note counts them. */
export interface NoteCounts {
  readonly rows: number;
  readonly updated: number;
  readonly failed: number;
  readonly invalid: number;
  readonly notSent: number;
}

/** What the CRM answered most, as summary.json lists it (its text is the CRM's, in English or as it came). */
export interface NoteError {
  readonly message: string;
  readonly count: number;
  readonly exampleRow: number;
}

/** A run that did not end with every row updated: what its note says. */
export interface RunNote {
  readonly file: string;
  readonly runDir: string;
  readonly folder: string;
  /** A CSV's rows are its lines. */
  readonly csv: boolean;
  readonly counts: NoteCounts;
  readonly errors: readonly NoteError[];
  /** Why it stopped early, when it did. */
  readonly stop?: { readonly reason: StopReason; readonly said?: Nested; readonly text?: string };
  /** `resume` has something to do (rows left, or to send again). */
  readonly resumable: boolean;
  /** failed.csv or failed.xlsx of the run, when written. */
  readonly failedFile?: string;
  /** Reading back (--verify) found records not as sent. */
  readonly notAsSent?: number;
}

const n = (value: number) => countIn('en', value);
const plural = (value: number, one: string, many?: string) => countedIn('en', value, one, many);

const refusal = (why: WatchRefusal) => ('said' in why ? wordNested(why.said) : why.text);

const STOPS: Readonly<Record<StopReason, string>> = {
  interrupted: 'it was stopped (Ctrl-C or a service stop)',
  quota: 'the token\'s daily quota ran out',
  fatal: 'the CRM refused the calls themselves (token, server, operation or module)',
  'max-calls': 'it reached --max-calls',
  'failure-rate': 'too many rows in a row were refused (--max-failure-rate)',
  limit: 'it reached --limit',
  'write-failed': 'a file of its run folder could not be written (is the disk full?)',
};

/** What a run's note says happened: its counts, why it stopped, what the CRM said (not what to do). */
function runFacts(p: RunNote): string[] {
  const counts = `${n(p.counts.updated)} of ${plural(p.counts.rows, 'row')} updated${p.counts.failed > 0 ? `, ${n(p.counts.failed)} refused by the CRM` : ''}${p.counts.invalid > 0 ? `, ${n(p.counts.invalid)} invalid` : ''}${p.counts.notSent > 0 ? `, ${n(p.counts.notSent)} not sent yet` : ''}.`;
  const lines = [p.stop ? `${p.file} stopped before its end (run ${p.runDir}): ${counts}` : `${p.file} was sent as run ${p.runDir}: ${counts}`, ''];
  if (p.stop) lines.push(`Why: ${STOPS[p.stop.reason]}.`, ...(p.stop.said ? [wordNested(p.stop.said)] : p.stop.text ? [p.stop.text] : []), '');
  if (p.errors.length > 0) {
    lines.push('What the CRM said:', ...p.errors.map((error) => `  - ${error.message} (${plural(error.count, 'row')}, such as ${p.csv ? 'line' : 'row'} ${error.exampleRow})`), '');
  }
  if (p.notAsSent !== undefined && p.notAsSent > 0) lines.push(`Reading the records back found ${plural(p.notAsSent, 'record')} not as sent: see verify.csv in the run folder.`, '');
  return lines;
}

/**
 * What a note that was to go beside a file says happened, without its steps: the file could not be moved, so
 * it is still in the watched folder, and the steps (put it back there) would not fit. Empty for a duplicate.
 */
function noteFacts(note: Nested): string {
  if (note.code === 'watch.note-refused') return `Why it was not sent:\n${refusal((note.params as { why: WatchRefusal }).why)}`;
  if (note.code === 'watch.note-run') return runFacts(note.params as RunNote).join('\n').trimEnd();
  return '';
}

function runNote(p: RunNote): string {
  const lines = runFacts(p);
  lines.push('What to do:');
  if (p.stop?.reason === 'quota') lines.push('  Nothing is lost: the run can go on where it stopped. Once the quota resets (or with --wait-for-quota):');
  else if (p.stop) lines.push('  Nothing is lost: the run can go on where it stopped. Once the cause is fixed:');
  if (p.resumable) {
    lines.push(`  - put this file back into ${p.folder}: the watch goes on with its run, sending only the rows left (none twice);`, `  - or run: wolkvox-bulk resume ${p.runDir}`);
  }
  if (p.counts.failed > 0 && p.failedFile) {
    lines.push(`  - the refused rows, with their columns, are in ${p.failedFile}: fix them and put that file into ${p.folder} as a new file;`);
    lines.push(`  - or, once the CRM side is fixed, send them again: wolkvox-bulk resume ${p.runDir} --retry-failed`);
  }
  if (!p.resumable && p.counts.failed === 0) lines.push(`  - see the reports in ${p.runDir}.`);
  return `${lines.join('\n')}\n`;
}

export const enWatch = {
  'option.not-on-watch': (p: { name: string; why: 'out' | 'sends-nothing' | 'limit' }) =>
    `Not on watch: ${p.name}: ${
      {
        out: 'each file gets a run folder of its own under --runs',
        'sends-nothing': 'a watch sends each file and moves it to the done folder, so a file only checked would count as sent. Check a file first with validate, or update --preview',
        limit: 'a watch sends each file whole',
      }[p.why]
    }.`,

  // The terminal
  'watch.watching': (p: { folder: string; seconds: number }) => `Watching ${p.folder} every ${p.seconds} s: each CSV or Excel file put there is checked and sent as its own run. Ctrl-C stops.`,
  'watch.file-start': (p: { file: string; runDir: string; resumed: boolean }) => (p.resumed ? `${p.file}: going on with its run ${p.runDir}` : `${p.file}: checked; sending as run ${p.runDir}`),
  'watch.file-end': (p: { file: string; outcome: WatchOutcome; movedTo: string; note?: string; exitCode: number }) =>
    `${p.file}: ${{ done: 'done', failed: 'not done', duplicate: 'already sent' }[p.outcome]} (exit ${p.exitCode}) → ${p.movedTo}${p.note ? `; see ${p.note}` : ''}`,
  'watch.file-left': (p: { file: string; why: 'taken' | 'same-content-busy' | 'stopped' | 'move-failed'; detail?: string }) =>
    `${p.file}: left where it is: ${
      {
        taken: 'another watcher has it',
        'same-content-busy': 'another watcher is sending a file with the same content',
        stopped: 'the watch stopped during it; the next watch goes on with its run',
        'move-failed': `it could not be moved (${p.detail ?? ''}); move it yourself`,
      }[p.why]
    }.`,
  'watch.still-changing': (p: { files: readonly string[] }) => `Still being written, left for the next look: ${p.files.join(', ')}.`,
  'watch.end': (p: { done: number; failed: number; duplicates: number; left: number; unmovable?: number; exitCode: number }) =>
    `Watch ended: ${plural(p.done, 'file')} done, ${n(p.failed)} not done, ${n(p.duplicates)} already sent${p.left > 0 ? `, ${n(p.left)} left for the next watch` : ''}${p.unmovable ? `, ${n(p.unmovable)} that could not be moved (still in the watched folder)` : ''} (exit ${p.exitCode}).`,
  'watch.folder-missing': (p: { folder: string }) => `Folder not found: ${p.folder} is not a folder. Give watch the folder to watch (it is not created: a typing mistake would be watched forever).`,
  'watch.same-folder': (p: { which: 'done' | 'failed' | 'runs'; folder: string }) =>
    `The ${{ done: 'done folder (--done)', failed: 'failed folder (--failed)', runs: 'runs folder (--runs)' }[p.which]} cannot be the watched folder ${p.folder}: what is put there would be taken again. Choose another folder.`,
  'watch.not-a-folder': (p: { which: 'done' | 'failed'; folder: string }) =>
    `The ${{ done: 'done folder (--done)', failed: 'failed folder (--failed)' }[p.which]} ${p.folder} is a file, not a folder: name a folder (it is created if it does not exist).`,

  // The notes beside the files set aside
  'watch.note-refused': (p: { file: string; why: WatchRefusal; folder: string }) =>
    `${p.file} was not sent: nothing was sent to the CRM.\n\nWhy:\n${refusal(p.why)}\n\nWhat to do: fix the file (or the mapping) and put it back into ${p.folder}: it is checked again and sent as a new file.\n`,
  'watch.note-run': (p: RunNote) => runNote(p),
  /** After the warning of a file that could not be moved: what its note says happened (`note`: that note). */
  'watch.unmovable-facts': (p: { note: Nested }) => noteFacts(p.note),
  'watch.note-duplicate': (p: { file: string; earlier: string; runDir: string; at: string }) =>
    `${p.file} was not sent: its content is the same as ${p.earlier}, sent at ${p.at} as run ${p.runDir}. A file's content is sent once.\n\nWhat to do: nothing, if this was a copy. To send the same rows again on purpose, start a new run: wolkvox-bulk update ${p.file} --mapping <mapping>\n`,
} satisfies Record<string, (params: never) => string>;
