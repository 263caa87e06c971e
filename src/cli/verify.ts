import fs from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { connectionFrom, tokenFrom, withConnectionOptions, type ConnectionArgs } from './connection-options.js';
import { checkFlags } from './usage-error.js';

interface Args extends ConnectionArgs {
  'run-folder': string;
}

export const verifyCommand: CommandModule<object, Args> = {
  command: 'verify <run-folder>',
  describe: 'Read back the records a run updated and list in verify.csv every field that differs from what was sent (exit 5 when one does)',
  builder: (yargs: Argv) =>
    withConnectionOptions(yargs.positional('run-folder', { type: 'string', demandOption: true, describe: 'The run folder to check' }))
      .example('$0 verify wolkvox-runs/2026-11-29T04-33-12-clientes --yes', 'Reads cost quota: the module 250 records a call while that is cheaper, the rest one call each') as unknown as Argv<Args>,
  handler: async (args) => {
    const options = { ...connectionFrom(args, process.env), runDir: args['run-folder'] };
    checkFlags(options);
    const token = tokenFrom(args, process.env);
    const [{ verifyRun }, { runJobInTerminal }, { renderVerifyPlan, renderVerifySummary }] = await Promise.all([
      import('../run/verify.js'),
      import('./run-job.js'),
      import('./render-verify.js'),
    ]);
    const render = {
      plan: renderVerifyPlan,
      summary: (summary: Parameters<typeof renderVerifySummary>[0], context: Parameters<typeof renderVerifySummary>[1]) =>
        renderVerifySummary(summary, { ...context, baseline: fs.existsSync(path.join(summary.runDir, 'baseline.bin')) }),
    };
    // Reads send nothing, but they spend quota: asked like a job that sends.
    await runJobInTerminal((hooks) => verifyRun({ ...options, token, ...hooks }), { ...args, sends: true, render });
  },
};
