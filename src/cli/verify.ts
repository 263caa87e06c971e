import fs from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { connectionFrom, tokenFrom, withConnectionOptions, type ConnectionArgs } from './connection-options.js';
import { checkFlags } from './usage-error.js';
import { helpIn } from './help.js';
import type { Lang } from '../core/say.js';

interface Args extends ConnectionArgs {
  'run-folder': string;
}

export function verifyCommand(lang: Lang): CommandModule<object, Args> {
  const h = helpIn(lang);
  return {
    command: 'verify <run-folder>',
    describe: h('help.verify'),
    builder: (yargs: Argv) =>
      withConnectionOptions(lang, yargs.positional('run-folder', { type: 'string', demandOption: true, describe: h('help.verify.run-folder') }), true)
        .example('$0 verify wolkvox-runs/2026-11-29T04-33-12-clientes --yes', h('help.verify.example-1')) as unknown as Argv<Args>,
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
}
