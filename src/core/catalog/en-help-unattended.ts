// English of the --help of what runs unattended (issue 21): watch, schedule, runs, and the --notify and
// --reserve flags that update, resume, undo and watch take. Spanish: es-help-unattended.ts.

export const enHelpUnattended = {
  'help.notify': () =>
    'After the run, or its stop, POST what came of it to this address (http or https): JSON, or a Slack or Teams message for their webhooks; repeatable. A notification that fails is retried and reported, and never changes the exit code',
  'help.notify-format': () =>
    "The notification's body (default: by address: hooks.slack.com is slack; *.webhook.office.com, outlook.office.com and Power Automate addresses are teams; any other json)",
  'help.reserve': (p: { ofRun: boolean }) =>
    `Keep this many quota units of the day for the token's other integrations (web forms…): reads the quota first (1 call) and stops, resumable, before them (${p.ofRun ? "default: the run's" : 'default 0'})`,
  'help.watch': () => 'Send each CSV or Excel file put in a folder as its own run, then move it to done or failed',
  'help.watch.folder': () => 'The folder to watch',
  'help.watch.done': () => 'Where a file goes once every row was updated',
  'help.watch.failed': () => 'Where any other file goes, with a note beside it (<file>.txt): why, and what to do',
  'help.watch.runs': () => 'The folder of the run folders, and of the ledger of the files sent (by content)',
  'help.watch.once': () => 'Take the files there now, then exit (for a scheduler); exit code: 0 all done, else the worst',
  'help.watch.interval': () => 'Seconds between two looks; a file is taken once it stops changing between two',
  'help.watch.example-1': () => 'Send each file put in entrada/ until Ctrl-C',
  'help.watch.example-2': () => 'For a scheduler: take what is there, one JSON line a file, and exit',
  'help.schedule': () => 'Print what runs a command every day on this system (cron, systemd, Windows Task Scheduler); --install installs it',
  'help.schedule-usage': () => '$0 schedule --daily HH:MM [--weekdays] -- <the command>',
  'help.schedule.daily': () => "The time of day, HH:MM (24 hours, the computer's time zone)",
  'help.schedule.weekdays': () => 'Monday to Friday only',
  'help.schedule.system': () => "What to write for: linux (cron and systemd), cron, systemd or windows (default: this computer's)",
  'help.schedule.name': () => "The schedule's name (default: wolkvox-bulk-<the command's file name>)",
  'help.schedule.out': () => "Also write its files into this folder (systemd's units; the task's XML in UTF-16 and its .cmd)",
  'help.schedule.install': () => 'Install it: into your crontab (--system cron), or as a systemd user timer (--system systemd)',
  'help.schedule.example-1': () => 'A crontab line and a systemd timer for the update, Monday to Friday at 06:00',
  'help.schedule.example-2': () => 'The Task Scheduler XML, the schtasks line and a .cmd file',
  'help.runs': () => 'The run history: one line per run, newest first (when, file, state, counts, calls, exit code)',
  'help.runs.runs-folder': () => "The folder holding the run folders (update's --out default and ui's --runs)",
  'help.runs.since': () => 'Only runs started, resumed or ended since: 7d, 12h, 30m, 2w back from now, or a date (2026-12-01)',
  'help.runs.json': () => 'Print the runs as JSON on stdout',
  'help.runs.example-1': () => 'The runs in wolkvox-runs/, newest first',
  'help.runs.example-2': () => "Last week's runs, for a script",
} satisfies Record<string, (params: never) => string>;
