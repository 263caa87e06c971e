import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
import { message, say, type Lang } from '../core/say.js';
import type { ScheduleFile, SchedulePlan, ScheduleSystem } from '../run/schedule.js';

// Installing a schedule where a user may without an administrator: their own crontab, or a systemd user
// timer. The programs are `crontab` and `systemctl` unless WOLKVOX_CRONTAB / WOLKVOX_SYSTEMCTL name others
// (the tests' stand-ins, so a test never touches the real user's crontab or timers).

/** Writes the plan's files (systemd's units; the task's XML in UTF-16 with its BOM, as schtasks reads it; the .cmd) into a folder. */
export function writeScheduleFiles(plan: SchedulePlan, dir: string, lang: Lang): void {
  fs.mkdirSync(dir, { recursive: true });
  const written = plan.files.map((file) => writeFile(dir, file));
  if (written.length > 0) process.stderr.write(`${say(message('schedule.written', { files: written }), lang)}\n`);
}

function writeFile(dir: string, file: ScheduleFile): string {
  const target = path.join(dir, file.name);
  fs.writeFileSync(target, file.encoding === 'utf-16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(file.text, 'utf16le')]) : file.text);
  return target;
}

/** Installs the plan for the user: into their crontab (the entry of the same name replaced), or as a systemd user timer. */
export async function installSchedule(plan: SchedulePlan, system: ScheduleSystem, lang: Lang): Promise<void> {
  if (system === 'cron' && plan.cron) {
    const crontab = process.env.WOLKVOX_CRONTAB ?? 'crontab';
    const listed = run(crontab, ['-l']);
    // `crontab -l` fails with "no crontab for <user>" when there is none yet: an empty one.
    if (listed.status !== 0 && !/no crontab/i.test(listed.stderr)) throw failed(`${crontab} -l`, listed.stderr);
    const kept = withoutEntry(listed.status === 0 ? listed.stdout : '', plan.name);
    const written = run(crontab, ['-'], `${kept}${plan.cron.marker}\n${plan.cron.line}\n`);
    if (written.status !== 0) throw failed(`${crontab} -`, written.stderr);
    process.stderr.write(`${say(message('schedule.installed', { kind: 'cron', where: `${crontab} -l` }), lang)}\n`);
    return;
  }
  if (system === 'systemd' && plan.systemd) {
    const systemctl = process.env.WOLKVOX_SYSTEMCTL ?? 'systemctl';
    const dir = path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'systemd', 'user');
    fs.mkdirSync(dir, { recursive: true });
    const files = [plan.systemd.service, plan.systemd.timer].map((file) => writeFile(dir, file));
    for (const args of [['--user', 'daemon-reload'], ['--user', 'enable', '--now', plan.systemd.timer.name]]) {
      const done = run(systemctl, args);
      if (done.status !== 0) throw failed(`${systemctl} ${args.join(' ')}`, done.stderr);
    }
    process.stderr.write(`${say(message('schedule.installed', { kind: 'systemd', where: files.join(', ') }), lang)}\n`);
    return;
  }
  throw new WolkvoxBulkError('USAGE', message('schedule.install-where'));
}

// The crontab without this schedule's entry (its marker line and the line after it), ending with a new line.
function withoutEntry(crontab: string, name: string): string {
  const lines = crontab.split('\n');
  const kept = lines.filter((line, index) => !line.startsWith(`# ${name}:`) && !(lines[index - 1] ?? '').startsWith(`# ${name}:`));
  const text = kept.join('\n').replace(/\n*$/, '');
  return text === '' ? '' : `${text}\n`;
}

function run(command: string, args: readonly string[], input?: string) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...(input === undefined ? {} : { input }) });
  return { status: result.error ? -1 : result.status, stdout: result.stdout ?? '', stderr: result.error ? result.error.message : (result.stderr ?? '') };
}

const failed = (command: string, detail: string) => new WolkvoxBulkError('USAGE', message('schedule.install-failed', { command, detail: detail.trim() || 'no reason given' }));
