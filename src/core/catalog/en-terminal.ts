import { countIn, countedIn } from '../text.js';

// English for the command line's own words: usage errors, its questions, the progress line and its notes,
// `quota`.

const n = (value: number) => countIn('en', value);
const plural = (value: number, one: string, many?: string) => countedIn('en', value, one, many);

export const enTerminal = {
  'cli.usage': (p: { detail: string }) => `Usage error: ${p.detail}\nRun with --help to see the options and examples.`,
  'cli.flag-needs-value': (p: { flag: string }) => `--${p.flag} needs a value after it (such as --${p.flag} 10).`,
  'cli.missing-command': () => 'Missing command: run wolkvox-bulk --help to see the commands.',
  'cli.unexpected': (p: { detail: string }) => `Unexpected error: ${p.detail}\nPlease report this with the command you ran.`,
  'cli.confirmation-needed': (p: { json: boolean; reads?: boolean }) =>
    p.reads
      ? `Confirmation needed: this job reads the records back from the CRM (it sends nothing, but each read spends quota), and there is no terminal to ask on${p.json ? ' (--json)' : ''}. Add --yes to read without asking. Nothing was read.`
      : `Confirmation needed: this job sends updates to the CRM, and there is no terminal to ask on${p.json ? ' (--json)' : ''}. Add --yes to send without asking. Nothing was sent.`,
  'cli.stopping': () => 'Stopping: no new calls; waiting for the calls in flight, then writing the reports. Press Ctrl-C again to quit at once.',
  'cli.ask-dry-run': () => 'Run the dry run? [y/N] ',
  'cli.ask-read-back': () => 'Read back the updated records? [y/N] ',
  'cli.ask-send': (p: { rows: number }) => `Send ${plural(p.rows, 'row')}? [y/N] `,
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
  'quota.title': (p: { host: string; operation: string }) => `Token quota on ${p.host} (operation ${p.operation}):`,
  'quota.limit': (p: { limit: string }) => `limit          ${p.limit} calls a day`,
  'quota.used': (p: { used: string }) => `used today     ${p.used} (this check included)`,
  'quota.available': (p: { available: string }) => `available      ${p.available}`,
  'quota.resets': (p: { hours: string }) => `resets in      ${p.hours} h`,
} satisfies Record<string, (params: never) => string>;
