import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { withoutEagerHelp } from '../../src/cli/lazy-help.js';
import { runCli } from '../helpers.js';

// Issue 18: yargs renders a command's whole help as its handler starts; the CLI never shows it then.

interface Usage {
  hasCachedHelpMessage(): boolean;
}
const usageOf = (parser: unknown) => (parser as { getInternalMethods(): { getUsageInstance(): Usage } }).getInternalMethods().getUsageInstance();

/** A parser with one command whose handler waits, as a job's does. */
function parser() {
  let ran = false;
  const built = yargs(['job', '--rows', '3'])
    .command('job', 'a job', (y) => y.option('rows', { type: 'number', describe: 'how many rows' }), async () => {
      await Promise.resolve();
      ran = true;
    })
    .fail((_text, error) => {
      throw error;
    });
  return { built, ran: () => ran };
}

describe('withoutEagerHelp', () => {
  it('yargs as it is renders the help when a command starts (what this stops; if yargs stops doing it, this says so)', async () => {
    const { built, ran } = parser();
    await built.parseAsync();
    expect(ran()).toBe(true);
    expect(usageOf(built).hasCachedHelpMessage()).toBe(true);
  });

  it('with it, the command runs and no help is rendered', async () => {
    const { built, ran } = parser();
    await withoutEagerHelp(built).parseAsync();
    expect(ran()).toBe(true);
    expect(usageOf(built).hasCachedHelpMessage()).toBe(false);
  });

  it('--help still prints a command\'s help, in the CLI as a person runs it', async () => {
    const result = await runCli(['update', '--help'], { env: { LANG: 'es_CO.UTF-8' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--batch');
    expect(result.stdout).toContain('--mapping');
  });
});
