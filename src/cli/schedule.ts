import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv, CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { Lang } from '../core/say.js';
import { SCHEDULE_SYSTEMS } from '../plan/option-rules.js';
import { checkFlags } from './usage-error.js';
import { helpIn } from './help.js';

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

export const scheduleCommand = (lang: Lang, h = helpIn(lang)): CommandModule<object, Args> => ({
  command: 'schedule',
  describe: h('help.schedule'),
  builder: (yargs: Argv) =>
    yargs
      .usage(`${h('help.schedule-usage')}\n\n${h('help.schedule')}`)
      .option('daily', { type: 'string', demandOption: true, requiresArg: true, describe: h('help.schedule.daily') })
      .option('weekdays', { type: 'boolean', default: false, describe: h('help.schedule.weekdays') })
      .option('system', { choices: SCHEDULE_SYSTEMS, describe: h('help.schedule.system') })
      .option('name', { type: 'string', requiresArg: true, describe: h('help.schedule.name') })
      .option('out', { type: 'string', requiresArg: true, describe: h('help.schedule.out') })
      .option('install', { type: 'boolean', default: false, describe: h('help.schedule.install') })
      .example('$0 schedule --daily 06:00 --weekdays -- update clientes.csv -m clientes.mapping.json --server crm0001.wolkvox.com --token-file ~/.wolkvox-token', h('help.schedule.example-1'))
      .example('$0 schedule --daily 22:30 --system windows --out . -- update clientes.xlsx -m m.json --token-file C:\\Users\\ana\\wolkvox-token.txt', h('help.schedule.example-2')) as unknown as Argv<Args>,
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
});

// This computer's scheduler: Task Scheduler on Windows, both cron and systemd on Linux, cron elsewhere (macOS, BSD).
const systemOf = (platform: NodeJS.Platform): ScheduleSystem => (platform === 'win32' ? 'windows' : platform === 'linux' ? 'linux' : 'cron');
