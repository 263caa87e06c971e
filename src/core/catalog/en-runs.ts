import { LOCALE_OF, countIn, countedIn } from '../text.js';
import type { RowStatus } from '../types.js';

// English for the run history (`runs`), sharing the day's quota (`--reserve`, the forecast of a job longer
// than a day's quota) and the token check before any call.

const n = (value: number) => countIn('en', value);
const plural = (value: number, one: string, many?: string) => countedIn('en', value, one, many);

/** A run's state as the history says it (run/runs.ts RunHistoryState). */
export type HistoryState = 'running' | 'interrupted' | 'finished' | 'stopped' | 'undone' | 'preview' | 'dry-run' | 'damaged';

/** One line of `runs`: when, which file, what became of it, its counts, calls and exit code, its folder. */
export interface HistoryLine {
  /** When the run started, as the local clock said it (`2026-12-07 09:30`). */
  readonly when: string;
  readonly file?: string;
  readonly state: HistoryState;
  readonly resumable: boolean;
  readonly counts?: Readonly<Partial<Record<RowStatus, number>>>;
  readonly calls?: number;
  readonly exitCode?: number;
  readonly folder: string;
}

/** When a job longer than today's quota ends: how many quota days, at how many a day, and about when. */
export interface ForecastWords {
  readonly days: number;
  readonly perDay: number;
  /** ISO time, said in the person's local time and language. */
  readonly endsAt: string;
  /** Days from now to the end: the weekday alone within a week, the date too beyond it. */
  readonly daysAhead: number;
  readonly reserve: number;
  readonly waits: boolean;
}

const STATES: Readonly<Record<HistoryState, string>> = {
  running: 'running',
  interrupted: 'interrupted',
  finished: 'finished',
  stopped: 'stopped',
  undone: 'undone',
  preview: 'preview',
  'dry-run': 'dry run',
  damaged: 'damaged (run.json unreadable)',
};

const COUNT_WORDS: Readonly<Record<RowStatus, string>> = {
  updated: 'updated',
  failed: 'failed',
  not_sent: 'not sent',
  unchanged: 'unchanged',
  invalid: 'invalid',
  skipped: 'skipped',
  would_send: 'would send',
};

/** The counts of a line worth saying (none zero), in one order. */
export function countsOf(counts: HistoryLine['counts'], words: Readonly<Record<RowStatus, string>>, number: (value: number) => string): string {
  const order: readonly RowStatus[] = ['updated', 'failed', 'not_sent', 'unchanged', 'invalid', 'skipped', 'would_send'];
  return order.flatMap((status) => ((counts?.[status] ?? 0) > 0 ? [`${number(counts?.[status] ?? 0)} ${words[status]}`] : [])).join(', ');
}

/** The end of a forecast: "Thursday around 14:00", with the date beyond a week. */
export function endsAtIn(lang: keyof typeof LOCALE_OF, words: ForecastWords): { day: string; time: string } {
  const at = new Date(words.endsAt);
  const locale = LOCALE_OF[lang];
  const day = at.toLocaleDateString(locale, words.daysAhead < 7 ? { weekday: 'long' } : { weekday: 'long', day: 'numeric', month: 'long' });
  const time = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false });
  return { day, time };
}

export const enRuns = {
  'runs.no-folder': (p: { runsFolder: string }) =>
    `No runs folder at ${p.runsFolder}: name the folder that holds the run folders (update puts them in wolkvox-runs, in the folder it ran from, unless --out says otherwise).`,
  'runs.none': (p: { runsFolder: string; since?: string }) => `No runs in ${p.runsFolder}${p.since === undefined ? '' : ` since ${p.since}`}.`,
  'runs.header': (p: { runsFolder: string; runs: number }) => `${plural(p.runs, 'run')} in ${p.runsFolder}, newest first:`,
  'runs.line': (p: HistoryLine) => {
    const state = `${STATES[p.state]}${p.resumable ? ', resumable' : ''}`;
    const counts = countsOf(p.counts, COUNT_WORDS, n);
    return [p.when, p.file ?? '?', state, counts || '-', p.calls === undefined ? '-' : plural(p.calls, 'call'), p.exitCode === undefined ? '-' : `exit ${p.exitCode}`, p.folder].join('  ');
  },
  'runs.since-invalid': (p: { given: string }) => `--since ${p.given}: expected a time back from now (such as 7d, 12h, 30m, 2w) or a date (2026-12-01).`,
  'runs.index-failed': (p: { file: string; detail: string }) => `warning: the run history ${p.file} could not be written (${p.detail}); the runs are listed from their folders.`,

  'plan.reserve': (p: { reserve: number; limit: number; used: number; room: number }) =>
    `--reserve ${n(p.reserve)}: ${plural(p.reserve, 'quota unit')} of the day's ${n(p.limit)} kept for the other integrations on this token; ` +
    (p.room > 0
      ? `this job may use ${n(p.room)} today and stops (resumable, exit 3) once ${n(p.limit - p.reserve)} are used`
      : `${n(p.used)} are used already, so this job sends nothing today and stops (resumable, exit 3)`),
  'plan.reserve-unknown': (p: { reserve: number }) =>
    `warning: --reserve ${n(p.reserve)}: the CRM did not give the token's quota, so the job cannot see where the reserve starts; it stops only if the CRM refuses a call for the quota.`,
  'plan.forecast': (p: ForecastWords) => {
    const { day, time } = endsAtIn('en', p);
    return (
      `more than today's quota: about ${plural(p.days, 'day')} at ${plural(p.perDay, 'request')} a day${p.reserve > 0 ? ` (${n(p.reserve)} kept aside)` : ''}: ends ${day} around ${time}` +
      (p.waits ? ' (--wait-for-quota goes on after each reset)' : ', resumed after each reset (or with --wait-for-quota)')
    );
  },
  'plan.token-operation': (p: { tokenOperation: string; operation: string }) =>
    `warning: the token was made for the operation "${p.tokenOperation}", and this job's operation is "${p.operation}": the CRM may refuse every call. Check --operation (or the mapping's "operation") and the token.`,
  'plan.token-age': (p: { days: number }) => `the token was created ${p.days < 1 ? 'today' : `${plural(p.days, 'day')} ago`}`,
  'stop.quota-reserve': (p: { reserve: number }) =>
    `Daily quota reached, but for the ${plural(p.reserve, 'unit')} kept for other integrations (--reserve ${n(p.reserve)}). Resume after the reset (or use --wait-for-quota).`,
};
