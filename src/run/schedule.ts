import { message, say, type Lang } from '../core/say.js';
import { checkOptions, type SCHEDULE_SYSTEMS } from '../plan/option-rules.js';
import { scheduledCommand, scheduleName } from './schedule-command.js';
import { cmdFile, schtasksLine, taskXml } from './schedule-windows.js';

export type ScheduleSystem = (typeof SCHEDULE_SYSTEMS)[number];

/** What `schedule` is asked for: when, on what system, and the wolkvox-bulk command to run. */
export interface ScheduleOptions {
  /** The time of day, HH:MM (24 hours), in the computer's own time zone. */
  readonly daily: string;
  /** Monday to Friday only. @default false */
  readonly weekdays?: boolean;
  /** linux writes both cron and systemd. */
  readonly system: ScheduleSystem;
  /** The command's words after `wolkvox-bulk` (a leading `wolkvox-bulk` is taken off). */
  readonly command: readonly string[];
  /** The folder it runs in: the command's relative paths are from there. */
  readonly dir: string;
  /** node and the CLI's script, as full paths: a scheduler's PATH is not the shell's. */
  readonly node: string;
  readonly cli: string;
  /** The schedule's name. @default wolkvox-bulk-<the command's file name> */
  readonly name?: string;
  /** Text that must not be in a schedule (the token's value): a command holding it is refused. */
  readonly secrets?: readonly string[];
  /** @default 'en' */
  readonly lang?: Lang;
  /** Today, for the task's first day. @default new Date() */
  readonly now?: Date;
}

/** A file a system reads, with the encoding it expects it in. */
export interface ScheduleFile {
  readonly name: string;
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-16le';
}

/** What installs the schedule, for each system asked, and all of it as the text to print. */
export interface SchedulePlan {
  readonly name: string;
  /** The command as scheduled (after `wolkvox-bulk`). */
  readonly command: readonly string[];
  readonly addedYes: boolean;
  /** The crontab entry: a marker comment (by which --install finds it again) and the line. */
  readonly cron?: { readonly marker: string; readonly line: string };
  readonly systemd?: { readonly service: ScheduleFile; readonly timer: ScheduleFile };
  readonly windows?: { readonly task: ScheduleFile; readonly cmd: ScheduleFile; readonly schtasks: string };
  /** Files to write for --out (systemd's units, Windows' task and .cmd). */
  readonly files: readonly ScheduleFile[];
  readonly text: string;
}

/** The schedule of a wolkvox-bulk command on this system (nothing is installed: see the CLI's --install). */
export function planSchedule(options: ScheduleOptions): SchedulePlan {
  checkOptions({ daily: options.daily, scheduleSystem: options.system });
  const lang = options.lang ?? 'en';
  const { args, addedYes } = scheduledCommand(options.command, options.secrets);
  const name = scheduleName(args, options.name);
  const [hours = '0', minutes = '0'] = options.daily.split(':');
  const time = `${hours.padStart(2, '0')}:${minutes}`;
  const weekdays = options.weekdays ?? false;
  const when = { time, weekdays };
  const description = `wolkvox-bulk ${args.join(' ')}`;
  const sections: string[] = [];
  const files: ScheduleFile[] = [];
  let cron: SchedulePlan['cron'];
  let systemd: SchedulePlan['systemd'];
  let windows: SchedulePlan['windows'];
  if (options.system === 'linux' || options.system === 'cron') {
    const marker = `# ${name}: ${say(message('schedule.when', when), 'en')}`;
    const line = `${Number(minutes)} ${Number(hours)} * * ${weekdays ? '1-5' : '*'} cd ${shellWord(options.dir)} && ${[options.node, options.cli, ...args].map(shellWord).join(' ')} >> ${shellWord(`${name}.log`)} 2>&1`;
    cron = { marker, line };
    sections.push([say(message('schedule.cron', { ...when, dir: options.dir, install: false }), lang), marker, line].join('\n'));
  }
  if (options.system === 'linux' || options.system === 'systemd') {
    const service = unitFile(`${name}.service`, [
      '[Unit]',
      `Description=${systemdText(description)}`,
      'Wants=network-online.target',
      'After=network-online.target',
      '',
      '[Service]',
      'Type=oneshot',
      `WorkingDirectory=${systemdText(options.dir)}`,
      `ExecStart=${[options.node, options.cli, ...args].map(systemdWord).join(' ')}`,
    ]);
    const timer = unitFile(`${name}.timer`, [
      '[Unit]',
      `Description=${systemdText(`${name}: ${say(message('schedule.when', when), 'en')}`)}`,
      '',
      '[Timer]',
      `OnCalendar=${weekdays ? 'Mon..Fri ' : ''}*-*-* ${time}:00`,
      // A run missed while the computer was off starts when it is back.
      'Persistent=true',
      '',
      '[Install]',
      'WantedBy=timers.target',
    ]);
    systemd = { service, timer };
    files.push(service, timer);
    sections.push([say(message('schedule.systemd', { ...when, unit: name, dir: options.dir }), lang), ...[service, timer].map(shownFile)].join('\n'));
  }
  if (options.system === 'windows') {
    const now = options.now ?? new Date();
    const startDate = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    const task = { name, description, time, weekdays, dir: options.dir, node: options.node, cli: options.cli, args, startDate };
    const xmlFile: ScheduleFile = { name: `${name}.xml`, text: taskXml(task), encoding: 'utf-16le' };
    const cmd: ScheduleFile = { name: `${name}.cmd`, text: cmdFile(task, say(message('notify.field', { field: 'exit-code' }), lang)), encoding: 'utf-8' };
    const schtasks = schtasksLine(name);
    windows = { task: xmlFile, cmd, schtasks };
    files.push(xmlFile, cmd);
    sections.push(
      [
        say(message('schedule.windows', { ...when, name, dir: options.dir }), lang),
        schtasks,
        say(message('schedule.windows-password'), lang),
        shownFile(xmlFile),
        say(message('schedule.windows-cmd', { name }), lang),
        shownFile(cmd),
      ].join('\n'),
    );
  }
  if (addedYes) sections.push(say(message('schedule.added-yes'), lang));
  return { name, command: args, addedYes, ...(cron ? { cron } : {}), ...(systemd ? { systemd } : {}), ...(windows ? { windows } : {}), files, text: `${sections.join('\n\n')}\n` };
}

const unitFile = (name: string, lines: readonly string[]): ScheduleFile => ({ name, text: `${lines.join('\n')}\n`, encoding: 'utf-8' });

const shownFile = (file: ScheduleFile) => `----- ${file.name} -----\n${file.text.replaceAll('\r\n', '\n').trimEnd()}\n-----`;

// A word for sh, in a crontab line: quoted unless plain, and % escaped (cron turns a bare % into a new line).
function shellWord(word: string): string {
  const quoted = /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
  return quoted.replaceAll('%', '\\%');
}

// systemd expands % (specifiers) and $ (variables) in unit files: doubled, they are themselves.
const systemdText = (text: string) => text.replaceAll('%', '%%').replaceAll('$', '$$$$');

// A word of ExecStart: quoted unless plain (systemd's own quoting, C-like escapes inside the quotes).
function systemdWord(word: string): string {
  const text = systemdText(word);
  return /^[\w@%+=:,./$-]+$/.test(text) ? text : `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
