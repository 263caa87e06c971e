import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const COMMANDS = ['update', 'resume', 'undo', 'verify', 'validate', 'init', 'quota', 'probe', 'demo', 'mock-server', 'ui', 'watch', 'schedule'];

describe('--help', () => {
  it('lists every command', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(`wolkvox-bulk ${command}`);
    expect(result.stdout).toMatchSnapshot();
  });

  it.each(COMMANDS)('%s: usage, options and real examples', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const examples = result.stdout.split('Examples:')[1] ?? '';
    expect(examples.split('\n').filter((line) => line.trim().startsWith('wolkvox-bulk ') || line.includes(' wolkvox-bulk ')).length).toBeGreaterThanOrEqual(1);
    expect(result.stdout).toMatchSnapshot();
  });

  it('names the flag and the fix in a usage error', async () => {
    const result = await runCli(['update', 'x.csv', '--mapping', 'm.json', '--concurrency', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage error: --concurrency 0: expected a whole number of calls in flight from 1 to 64.');
    expect(result.stderr).toContain('Run with --help to see the options and examples.');
    for (const [flag, value, message] of [
      ['--timeout', '0', '--timeout 0: expected a number of seconds from 0.1 up.'],
      ['--max-failure-rate', '2', '--max-failure-rate 2: expected a number (a share: 0.5 is half; 0 turns the check off) from 0 to 1.'],
      ['--retries', '-1', '--retries -1: expected a whole number from 0 to 20.'],
      ['--rate', '0.005', '--rate 0.005: expected a number of calls per second from 0.01 up.'],
      ['--out', '', '--out "": expected a folder path.'],
    ]) {
      const bad = await runCli(['update', 'x.csv', '--mapping', 'm.json', flag as string, value as string]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(message);
    }
    const unknown = await runCli(['update', 'x.csv', '--mapping', 'm.json', '--concurency', '2']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown argument: concurency/);
  });
});
