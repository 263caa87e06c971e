import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli, tempDir } from '../helpers.js';

const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const UPDATE = ['update', 'clientes.csv', '-m', 'clientes.mapping.json', '--server', 'crm0001.wolkvox.com', '--token-file', '/home/ana/.wolkvox-token'];

// A stand-in for `crontab` (WOLKVOX_CRONTAB): -l prints the file FAKE_CRONTAB holds, - replaces it with stdin.
function fakeCrontab(dir: string): { program: string; file: string } {
  const program = path.join(dir, 'crontab');
  const file = path.join(dir, 'crontab.txt');
  fs.writeFileSync(
    program,
    `#!${process.execPath}\nconst fs = require('node:fs');\nconst file = ${JSON.stringify(file)};\nif (process.argv[2] === '-l') {\n  if (!fs.existsSync(file)) { process.stderr.write('no crontab for tester\\n'); process.exit(1); }\n  process.stdout.write(fs.readFileSync(file, 'utf8'));\n} else {\n  fs.writeFileSync(file, fs.readFileSync(0, 'utf8'));\n}\n`,
    { mode: 0o755 },
  );
  return { program, file };
}

describe('wolkvox-bulk schedule (issue 21)', () => {
  it('prints a crontab line and a systemd timer for the command, with the token nowhere', async () => {
    const dir = tempDir();
    const result = await runCli(['schedule', '--daily', '06:00', '--weekdays', '--system', 'linux', '--', ...UPDATE], { cwd: dir, env: { WOLKVOX_TOKEN: TOKEN } });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    const cron = lines.find((line) => line.startsWith('0 6 * * 1-5 '));
    expect(cron).toBe(`0 6 * * 1-5 cd ${dir} && ${process.execPath} ${CLI} ${UPDATE.join(' ')} --yes >> wolkvox-bulk-clientes.log 2>&1`);
    expect(result.stdout).toContain('OnCalendar=Mon..Fri *-*-* 06:00:00');
    expect(result.stdout).toContain(`ExecStart=${process.execPath} ${CLI} ${UPDATE.join(' ')} --yes`);
    expect(result.stdout).not.toContain(TOKEN);
  });

  it('prints the Windows task, its schtasks line and a .cmd; --out writes the XML in UTF-16 with its BOM', async () => {
    const dir = tempDir();
    const result = await runCli(['schedule', '--daily', '22:30', '--system', 'windows', '--out', 'task', '--lang', 'es', '--', 'wolkvox-bulk', ...UPDATE], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('todos los días a las 22:30');
    expect(result.stdout).toContain('schtasks /Create /TN "wolkvox-bulk-clientes" /XML "wolkvox-bulk-clientes.xml" /RU "%USERDOMAIN%\\%USERNAME%" /RP *');
    const xml = fs.readFileSync(path.join(dir, 'task', 'wolkvox-bulk-clientes.xml'));
    expect([...xml.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = xml.subarray(2).toString('utf16le');
    expect(text).toContain('<LogonType>Password</LogonType>');
    expect(text).toContain('T22:30:00</StartBoundary>');
    expect(text).toContain(`${UPDATE.join(' ')} --yes</Arguments>`);
    const cmd = fs.readFileSync(path.join(dir, 'task', 'wolkvox-bulk-clientes.cmd'), 'utf8');
    expect(cmd).toContain(`${UPDATE.join(' ')} --yes\r\n`);
    expect(cmd).toContain('pause');
    expect(result.stderr).toContain('Archivos escritos:');
  });

  it.each([
    [[...UPDATE, '--token', TOKEN], 'The command carries the token (--token)'],
    [[...UPDATE.slice(0, 6), '--out', `runs-${TOKEN}`], 'The command carries the token (the value of WOLKVOX_TOKEN)'],
    [UPDATE.slice(0, 6), 'The command needs the token from a file: add --token-file'],
  ])('refuses a command that carries the token or has no token file: %j', async (command, expected) => {
    const result = await runCli(['schedule', '--daily', '06:00', '--', ...command], { cwd: tempDir(), env: { WOLKVOX_TOKEN: TOKEN } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(expected);
    expect(result.stdout).toBe('');
  });

  it('refuses a time that is not HH:MM, naming what was typed', async () => {
    const result = await runCli(['schedule', '--daily', '6pm', '--', ...UPDATE], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--daily 6pm: expected a time of day as HH:MM (24 hours)');
  });

  it('--install --system cron: into the user\'s crontab (a stand-in here), the same schedule replaced, other lines kept', async () => {
    const dir = tempDir();
    const crontab = fakeCrontab(dir);
    const env = { WOLKVOX_CRONTAB: crontab.program };
    const first = await runCli(['schedule', '--daily', '06:00', '--system', 'cron', '--install', '--', ...UPDATE], { cwd: dir, env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(`Installed (cron): ${crontab.program} -l`);
    fs.appendFileSync(crontab.file, '15 3 * * * /usr/bin/backup\n');
    const again = await runCli(['schedule', '--daily', '07:45', '--weekdays', '--system', 'cron', '--install', '--', ...UPDATE], { cwd: dir, env });
    expect(again.code, again.stderr).toBe(0);
    const lines = fs.readFileSync(crontab.file, 'utf8').trimEnd().split('\n');
    expect(lines).toEqual([
      '15 3 * * * /usr/bin/backup',
      '# wolkvox-bulk-clientes: Monday to Friday at 07:45',
      `45 7 * * 1-5 cd ${dir} && ${process.execPath} ${CLI} ${UPDATE.join(' ')} --yes >> wolkvox-bulk-clientes.log 2>&1`,
    ]);
  });

  it('--install --system systemd: the units in the user\'s systemd folder, then daemon-reload and enable --now (a stand-in systemctl)', async () => {
    const dir = tempDir();
    const calls = path.join(dir, 'systemctl.log');
    const systemctl = path.join(dir, 'systemctl');
    fs.writeFileSync(systemctl, `#!${process.execPath}\nrequire('node:fs').appendFileSync(${JSON.stringify(calls)}, process.argv.slice(2).join(' ') + '\\n');\n`, { mode: 0o755 });
    const result = await runCli(['schedule', '--daily', '06:00', '--system', 'systemd', '--install', '--', ...UPDATE], { cwd: dir, env: { WOLKVOX_SYSTEMCTL: systemctl, XDG_CONFIG_HOME: path.join(dir, 'config') } });
    expect(result.code, result.stderr).toBe(0);
    const units = path.join(dir, 'config', 'systemd', 'user');
    expect(fs.readFileSync(path.join(units, 'wolkvox-bulk-clientes.timer'), 'utf8')).toContain('OnCalendar=*-*-* 06:00:00');
    expect(fs.readFileSync(path.join(units, 'wolkvox-bulk-clientes.service'), 'utf8')).toContain(`WorkingDirectory=${dir}`);
    expect(fs.readFileSync(calls, 'utf8')).toBe('--user daemon-reload\n--user enable --now wolkvox-bulk-clientes.timer\n');
  });

  it('--install where a user cannot install for themselves (Windows, or linux without choosing) is refused after printing', async () => {
    const result = await runCli(['schedule', '--daily', '06:00', '--system', 'windows', '--install', '--', ...UPDATE], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('<Task version="1.2"');
    expect(result.stderr).toContain('--install needs --system cron or --system systemd');
  });
});
