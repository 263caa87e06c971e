// English: the catalog that defines every message code and its parameters (src/core/say.ts). A wording is
// a plain function of its parameters; numbers are grouped as English writes them.

const n = (value: number) => value.toLocaleString('en-US');
const plural = (value: number, one: string, many = `${one}s`) => `${n(value)} ${value === 1 ? one : many}`;

export const en = {
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
} satisfies Record<string, (params: never) => string>;
