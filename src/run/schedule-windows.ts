// What Windows' Task Scheduler takes: the task as XML (run whether or not the user is logged on), the
// schtasks line that registers it, and a .cmd file that runs the same command by a double-click.

/** One word of a command line as a Windows program reads it back (CommandLineToArgvW's rules). */
export function windowsArg(word: string): string {
  if (word !== '' && !/[\s"]/.test(word)) return word;
  // Backslashes are literal except before a quote: doubled there (and before the closing quote).
  return `"${word.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}

// In a .cmd file, % starts a variable even inside quotes, and & | < > ^ ( ) end or redirect a command outside them.
const cmdArg = (word: string) => {
  const quoted = /[&|<>^()!]/.test(word) && !/[\s"]/.test(word) ? `"${word}"` : windowsArg(word);
  return quoted.replaceAll('%', '%%');
};

const xml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

export interface WindowsTask {
  readonly name: string;
  readonly description: string;
  readonly time: string;
  readonly weekdays: boolean;
  readonly dir: string;
  readonly node: string;
  readonly cli: string;
  readonly args: readonly string[];
  /** The first day it may run (today), as Task Scheduler's StartBoundary needs a date. */
  readonly startDate: string;
}

/** The task's XML (Task Scheduler's own schema, as its export writes it). */
export function taskXml(task: WindowsTask): string {
  const [hours = '0', minutes = '0'] = task.time.split(':');
  const schedule = task.weekdays
    ? ['      <ScheduleByWeek>', '        <DaysOfWeek>', ...DAYS.map((day) => `          <${day} />`), '        </DaysOfWeek>', '        <WeeksInterval>1</WeeksInterval>', '      </ScheduleByWeek>']
    : ['      <ScheduleByDay>', '        <DaysInterval>1</DaysInterval>', '      </ScheduleByDay>'];
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    `    <Description>${xml(task.description)}</Description>`,
    '  </RegistrationInfo>',
    '  <Triggers>',
    '    <CalendarTrigger>',
    `      <StartBoundary>${task.startDate}T${hours.padStart(2, '0')}:${minutes}:00</StartBoundary>`,
    '      <Enabled>true</Enabled>',
    ...schedule,
    '    </CalendarTrigger>',
    '  </Triggers>',
    '  <Principals>',
    '    <Principal id="Author">',
    // Password: it runs whether or not the user is logged on (schtasks /RP asks for the password once).
    '      <LogonType>Password</LogonType>',
    '      <RunLevel>LeastPrivilege</RunLevel>',
    '    </Principal>',
    '  </Principals>',
    '  <Settings>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
    // A run missed while the computer was off starts when it is back.
    '    <StartWhenAvailable>true</StartWhenAvailable>',
    '    <RunOnlyIfNetworkAvailable>true</RunOnlyIfNetworkAvailable>',
    // Ended before the next day's run (a stopped run resumes: `wolkvox-bulk resume`).
    '    <ExecutionTimeLimit>PT23H</ExecutionTimeLimit>',
    '    <Enabled>true</Enabled>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    `      <Command>${xml(task.node)}</Command>`,
    `      <Arguments>${xml([task.cli, ...task.args].map(windowsArg).join(' '))}</Arguments>`,
    `      <WorkingDirectory>${xml(task.dir)}</WorkingDirectory>`,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
    '',
  ].join('\r\n');
}

/** The line that registers the task from its XML, for the user at the keyboard (it asks for the password). */
export const schtasksLine = (name: string) => `schtasks /Create /TN "${name}" /XML "${name}.xml" /RU "%USERDOMAIN%\\%USERNAME%" /RP *`;

/** A .cmd file that runs the same command in its folder, and waits for a key so its window can be read. */
export function cmdFile(task: WindowsTask, exitLabel: string): string {
  return [
    '@echo off',
    'chcp 65001 >nul',
    // A comment is still read for %: the command's words are shown without what cmd would take for its own.
    `REM ${task.description.replace(/[%&|<>^]/g, ' ')}`,
    `cd /d ${windowsArg(task.dir).replaceAll('%', '%%')}`,
    [task.node, task.cli, ...task.args].map(cmdArg).join(' '),
    'set "WVX_EXIT=%ERRORLEVEL%"',
    'echo.',
    `echo ${exitLabel.replace(/[&|<>^%]/g, '')}: %WVX_EXIT%`,
    'pause',
    'exit /b %WVX_EXIT%',
    '',
  ].join('\r\n');
}
