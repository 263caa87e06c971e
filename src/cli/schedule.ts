import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv, CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { Lang } from '../core/say.js';
import { SCHEDULE_SYSTEMS } from '../plan/option-rules.js';
import { checkFlags } from './usage-error.js';

type ScheduleSystem = (typeof SCHEDULE_SYSTEMS)[number];

interface Args {
  daily: string;
  weekdays: boolean;
  system?: ScheduleSystem;
  name?: string;
  out?: string;
  install: boolean;
  lang?: Lang;
}

export const scheduleCommand: CommandModule<object, Args> = {
  command: 'schedule',
  describe: 'Print what runs a command every day on this system (cron, systemd, Windows Task Scheduler); --install installs it',
  builder: (yargs: Argv) =>
    yargs
      .usage('$0 schedule --daily HH:MM [--weekdays] -- <the command>')
      .option('daily', { type: 'string', demandOption: true, requiresArg: true, describe: 'The time of day, HH:MM (24 hours, the computer\'s time zone)' })
      .option('weekdays', { type: 'boolean', default: false, describe: 'Monday to Friday only' })
      .option('system', { choices: SCHEDULE_SYSTEMS, describe: 'What to write for: linux (cron and systemd), cron, systemd or windows (default: this computer\'s)' })
      .option('name', { type: 'string', requiresArg: true, describe: 'The schedule\'s name (default: wolkvox-bulk-<the command\'s file name>)' })
      .option('out', { type: 'string', requiresArg: true, describe: 'Also write its files into this folder (systemd\'s units; the task\'s XML in UTF-16 and its .cmd)' })
      .option('install', { type: 'boolean', default: false, describe: 'Install it: into your crontab (--system cron), or as a systemd user timer (--system systemd)' })
      .example('$0 schedule --daily 06:00 --weekdays -- update clientes.csv -m clientes.mapping.json --server crm0001.wolkvox.com --token-file ~/.wolkvox-token', 'A crontab line and a systemd timer for the update, Monday to Friday at 06:00')
      .example('$0 schedule --daily 22:30 --system windows --out . -- update clientes.xlsx -m m.json --token-file C:\\Users\\ana\\wolkvox-token.txt', 'The Task Scheduler XML, the schtasks line and a .cmd file') as unknown as Argv<Args>,
  handler: async (args) => {
    const system = args.system ?? systemOf(process.platform);
    checkFlags({ daily: args.daily, scheduleSystem: system, ...(args.out === undefined ? {} : { out: args.out }) });
    const argv = hideBin(process.argv);
    const command = argv.includes('--') ? argv.slice(argv.indexOf('--') + 1) : [];
    const lang = args.lang ?? 'en';
    const { planSchedule } = await import('../run/schedule.js');
    const plan = planSchedule({
      daily: args.daily,
      weekdays: args.weekdays,
      system,
      command,
      dir: process.cwd(),
      node: process.execPath,
      cli: fileURLToPath(new URL('./main.js', import.meta.url)),
      ...(args.name === undefined ? {} : { name: args.name }),
      secrets: [process.env.WOLKVOX_TOKEN ?? ''],
      lang,
    });
    process.stdout.write(plan.text);
    const { installSchedule, writeScheduleFiles } = await import('./schedule-install.js');
    if (args.out !== undefined) writeScheduleFiles(plan, path.resolve(args.out), lang);
    if (args.install) await installSchedule(plan, system, lang);
  },
};

// This computer's scheduler: Task Scheduler on Windows, both cron and systemd on Linux, cron elsewhere (macOS, BSD).
const systemOf = (platform: NodeJS.Platform): ScheduleSystem => (platform === 'win32' ? 'windows' : platform === 'linux' ? 'linux' : 'cron');
