import { countIn } from '../text.js';

// English for what runs unattended: a run's notification (its title and labels, and the terminal's line when
// one could not be delivered) and `schedule` (what installs a nightly run, and its refusals).

/** How a run ended, as its notification says: finished, stopped (resumable), or failed before its summary. */
export type NoticeEvent = 'finished' | 'stopped' | 'failed';

/** A label of a notification's facts. */
export type NoticeField = 'rows' | 'calls' | 'exit-code' | 'run-folder' | 'file' | 'why';

/** Why a notification was not delivered: the receiver's HTTP status, no answer in time, or a network error's code. */
export type NoticeFailure = { readonly kind: 'status'; readonly status: number } | { readonly kind: 'timeout'; readonly seconds: number } | { readonly kind: 'network'; readonly code: string };

/** The systems `schedule` writes for. */
export type ScheduleKind = 'cron' | 'systemd' | 'windows';

const EVENTS: Readonly<Record<NoticeEvent, string>> = { finished: 'finished', stopped: 'stopped and can be resumed', failed: 'failed' };

const FIELDS: Readonly<Record<NoticeField, string>> = { rows: 'Rows', calls: 'Calls', 'exit-code': 'Exit code', 'run-folder': 'Run folder', file: 'File', why: 'Why' };

const failure = (why: NoticeFailure) =>
  why.kind === 'status' ? `the receiver answered HTTP ${why.status}` : why.kind === 'timeout' ? `no answer within ${why.seconds} s` : `network error ${why.code}`;

const when = (p: { time: string; weekdays: boolean }) => `${p.weekdays ? 'Monday to Friday' : 'every day'} at ${p.time}`;

export const enNotify = {
  'notify.headline': (p: { event: NoticeEvent; file?: string; exitCode: number }) => `wolkvox-bulk${p.file ? ` · ${p.file}` : ''}: ${EVENTS[p.event]} (exit code ${p.exitCode})`,
  'notify.field': (p: { field: NoticeField }) => FIELDS[p.field],
  'notify.delivered': (p: { url: string }) => `Notified ${p.url}.`,
  'notify.failed': (p: { url: string; attempts: number; why: NoticeFailure }) =>
    `Notification not delivered to ${p.url} after ${countIn('en', p.attempts)} ${p.attempts === 1 ? 'attempt' : 'attempts'}: ${failure(p.why)}. The run and its exit code are not affected.`,

  'schedule.when': when,
  'schedule.cron': (p: { time: string; weekdays: boolean; dir: string; install: boolean }) =>
    `# cron: ${when(p)} (this computer's time), in ${p.dir}. ${p.install ? 'Added to your crontab:' : 'Add this line with `crontab -e`, or run this again with --install:'}`,
  'schedule.systemd': (p: { time: string; weekdays: boolean; unit: string; dir: string }) =>
    `# systemd (user timer): ${when(p)}, in ${p.dir}. Save the two files below in ~/.config/systemd/user/, then:\n#   systemctl --user daemon-reload && systemctl --user enable --now ${p.unit}.timer\n#   loginctl enable-linger "$USER"   (runs it while you are logged out too)\n#   journalctl --user -u ${p.unit}.service   (what it printed)`,
  'schedule.windows': (p: { time: string; weekdays: boolean; name: string; dir: string }) =>
    `REM Windows Task Scheduler: ${when(p)}, in ${p.dir}. Save the XML below as ${p.name}.xml (UTF-16, as --out writes it), then in a command prompt:`,
  'schedule.windows-password': () => 'REM It asks for your Windows password: the task then runs whether or not you are logged on.',
  'schedule.windows-cmd': (p: { name: string }) => `REM To run it by hand, save this as ${p.name}.cmd and double-click it:`,
  'schedule.written': (p: { files: readonly string[] }) => `Written: ${p.files.join(', ')}`,
  'schedule.added-yes': () => 'Note: --yes was added to the command (nobody is there to confirm a scheduled run).',
  'schedule.installed': (p: { kind: ScheduleKind; where: string }) => `Installed (${p.kind}): ${p.where}`,
  'schedule.install-where': () => '--install needs --system cron or --system systemd (your own crontab, or a systemd user timer). On Windows, run the schtasks line above: it asks for your password.',
  'schedule.install-failed': (p: { command: string; detail: string }) => `Could not install: \`${p.command}\` failed: ${p.detail}. Nothing was changed; the text above installs it by hand.`,
  'schedule.no-command': () => 'Nothing to schedule: put the command after --, such as: wolkvox-bulk schedule --daily 06:00 -- update clientes.csv -m clientes.mapping.json --token-file ~/.wolkvox-token',
  'schedule.not-ours': (p: { word: string }) => `Only wolkvox-bulk commands are scheduled here: after -- comes a command such as update or resume, got ${p.word}.`,
  'schedule.token-in-command': (p: { what: string }) =>
    `The command carries the token (${p.what}): a schedule is kept in plain text (crontab, unit files, the task). Put the token in a file only you can read (chmod 600) and pass --token-file <that file> instead. Nothing was scheduled.`,
  'schedule.needs-token-file': () =>
    'The command needs the token from a file: add --token-file ~/.wolkvox-token (a file only you can read). WOLKVOX_TOKEN is not passed to a scheduled run, and a token on the command line would be kept in plain text. Nothing was scheduled.',
};
