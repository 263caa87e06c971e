import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { planSchedule, type ScheduleOptions } from '../../src/run/schedule.js';
import { windowsArg } from '../../src/run/schedule-windows.js';
import { expectError } from '../helpers.js';

const TOKEN = '4f70657261746f722d3230323631323037';
const COMMAND = ['update', 'clientes.csv', '-m', 'clientes.mapping.json', '--server', 'crm0001.wolkvox.com', '--token-file', '/home/ana/.wolkvox-token', '--notify', 'https://example.com/hook?x=50%'];
const base: ScheduleOptions = { daily: '06:00', weekdays: true, system: 'linux', command: COMMAND, dir: '/data/my imports', node: '/usr/bin/node', cli: '/opt/wolkvox-bulk/dist/cli/main.js', secrets: [TOKEN], now: new Date(2026, 11, 7, 15) };

describe('schedule: what runs a command every day (issue 21)', () => {
  it('cron: the time, the weekdays, the folder and the command with full paths; % escaped for cron; --yes added', () => {
    const plan = planSchedule({ ...base, system: 'cron' });
    expect(plan.cron?.marker).toBe('# wolkvox-bulk-clientes: Monday to Friday at 06:00');
    expect(plan.cron?.line).toBe(
      "0 6 * * 1-5 cd '/data/my imports' && /usr/bin/node /opt/wolkvox-bulk/dist/cli/main.js update clientes.csv -m clientes.mapping.json --server crm0001.wolkvox.com --token-file /home/ana/.wolkvox-token --notify 'https://example.com/hook?x=50\\%' --yes >> wolkvox-bulk-clientes.log 2>&1",
    );
    expect(plan.addedYes).toBe(true);
    expect(plan.systemd).toBeUndefined();
    expect(plan.text).toContain(plan.cron?.line);
    expect(plan.text).toContain('--yes was added');
    expect(planSchedule({ ...base, system: 'cron', daily: '22:30', weekdays: false }).cron?.line).toMatch(/^30 22 \* \* \* cd /);
  });

  it('systemd: a oneshot service in the folder and a timer on the calendar, Persistent; % and $ doubled', () => {
    const plan = planSchedule({ ...base, system: 'systemd', command: [...COMMAND.slice(0, -1), 'https://example.com/$x'] });
    const service = plan.systemd?.service.text ?? '';
    expect(plan.systemd?.service.name).toBe('wolkvox-bulk-clientes.service');
    expect(service).toContain('Type=oneshot\nWorkingDirectory=/data/my imports\n');
    expect(service).toContain('ExecStart=/usr/bin/node /opt/wolkvox-bulk/dist/cli/main.js update clientes.csv -m clientes.mapping.json --server crm0001.wolkvox.com --token-file /home/ana/.wolkvox-token --notify https://example.com/$$x --yes\n');
    const timer = plan.systemd?.timer.text ?? '';
    expect(timer).toContain('OnCalendar=Mon..Fri *-*-* 06:00:00\n');
    expect(timer).toContain('Persistent=true\n');
    expect(timer).toContain('WantedBy=timers.target\n');
    expect(planSchedule({ ...base, system: 'systemd', weekdays: false, daily: '7:05' }).systemd?.timer.text).toContain('OnCalendar=*-*-* 07:05:00\n');
    expect(plan.text).toContain('systemctl --user enable --now wolkvox-bulk-clientes.timer');
  });

  it('linux: both cron and systemd', () => {
    const plan = planSchedule(base);
    expect(plan.cron).toBeDefined();
    expect(plan.systemd).toBeDefined();
    expect(plan.files.map((file) => file.name)).toEqual(['wolkvox-bulk-clientes.service', 'wolkvox-bulk-clientes.timer']);
  });

  it('windows: the task runs whether or not the user is logged on, Monday to Friday at the time, in the folder; schtasks and a .cmd', () => {
    const plan = planSchedule({ ...base, system: 'windows', dir: 'C:\\Datos\\Importar', node: 'C:\\Program Files\\nodejs\\node.exe', cli: 'C:\\npm\\node_modules\\wolkvox-bulk\\dist\\cli\\main.js', command: [...COMMAND.slice(0, 7), 'C:\\Users\\ana\\token.txt', '--notify', 'https://a.webhook.office.com/x?a=1&b=2'] });
    const xml = plan.windows?.task.text ?? '';
    expect(plan.windows?.task).toMatchObject({ name: 'wolkvox-bulk-clientes.xml', encoding: 'utf-16le' });
    expect(xml).toContain('<StartBoundary>2026-12-07T06:00:00</StartBoundary>');
    expect(xml).toContain('<DaysOfWeek>\r\n          <Monday />\r\n          <Tuesday />\r\n          <Wednesday />\r\n          <Thursday />\r\n          <Friday />\r\n        </DaysOfWeek>');
    expect(xml).not.toContain('Saturday');
    // Well-formed XML, as Task Scheduler parses it (saxes throws at the first error).
    expect(() => new SaxesParser({ xmlns: true }).write(xml.replace(/^<\?xml[^>]*\?>/, '')).close()).not.toThrow();
    expect(xml).toContain('<LogonType>Password</LogonType>');
    expect(xml).toContain('<Command>C:\\Program Files\\nodejs\\node.exe</Command>');
    expect(xml).toContain('<Arguments>C:\\npm\\node_modules\\wolkvox-bulk\\dist\\cli\\main.js update clientes.csv -m clientes.mapping.json --server crm0001.wolkvox.com --token-file C:\\Users\\ana\\token.txt --notify https://a.webhook.office.com/x?a=1&amp;b=2 --yes</Arguments>');
    expect(xml).toContain('<WorkingDirectory>C:\\Datos\\Importar</WorkingDirectory>');
    expect(plan.windows?.schtasks).toBe('schtasks /Create /TN "wolkvox-bulk-clientes" /XML "wolkvox-bulk-clientes.xml" /RU "%USERDOMAIN%\\%USERNAME%" /RP *');
    const cmd = plan.windows?.cmd.text ?? '';
    expect(cmd).toContain('cd /d C:\\Datos\\Importar\r\n');
    expect(cmd).toContain('"C:\\Program Files\\nodejs\\node.exe" C:\\npm\\node_modules\\wolkvox-bulk\\dist\\cli\\main.js update clientes.csv');
    expect(cmd).toContain('--notify "https://a.webhook.office.com/x?a=1&b=2" --yes\r\n');
    expect(cmd).toContain('\r\npause\r\n');
    expect(planSchedule({ ...base, system: 'windows', weekdays: false }).windows?.task.text).toContain('<ScheduleByDay>');
  });

  it.each([
    ['plain', 'plain'],
    ['two words', '"two words"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['C:\\a b\\', '"C:\\a b\\\\"'],
    ['', '""'],
  ])('a Windows argument %j is written %s', (word, written) => {
    expect(windowsArg(word)).toBe(written);
  });

  it.each([
    [['update', 'c.csv', '-m', 'm.json', '--token', TOKEN], /carries the token \(--token\)/],
    [['update', 'c.csv', '-m', 'm.json', `--token=${TOKEN}`], /carries the token \(--token\)/],
    [['WOLKVOX_TOKEN=abc', 'update', 'c.csv'], /Only wolkvox-bulk commands/],
    [['update', 'c.csv', '-m', 'm.json', '--token-file', 'x', `--out=${TOKEN.toUpperCase()}`], /carries the token \(the value of WOLKVOX_TOKEN\)/],
    [['update', 'c.csv', '-m', 'm.json'], /needs the token from a file: add --token-file/],
    [['resume', 'runs/x'], /needs the token from a file/],
    [[], /Nothing to schedule/],
    [['node', 'x.js'], /Only wolkvox-bulk commands are scheduled here: .* got node/],
  ])('refuses %j: the token never in a schedule', async (command, expected) => {
    await expectError(() => planSchedule({ ...base, command }), { code: 'USAGE', message: expected });
  });

  it('takes a command that calls nobody without a token file, and adds no --yes to it', () => {
    expect(planSchedule({ ...base, command: ['wolkvox-bulk', 'validate', 'c.csv', '-m', 'm.json'] })).toMatchObject({ command: ['validate', 'c.csv', '-m', 'm.json'], addedYes: false, name: 'wolkvox-bulk-c' });
    expect(planSchedule({ ...base, command: ['update', 'c.csv', '-m', 'm.json', '--dry-run'] })).toMatchObject({ addedYes: false });
  });

  it('refuses a time that is not HH:MM', async () => {
    await expectError(() => planSchedule({ ...base, daily: '25:00' }), { code: 'USAGE', message: /Expected `daily` to be a time of day as HH:MM/ });
  });
});
