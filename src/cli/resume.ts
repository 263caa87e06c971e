import type { Argv, CommandModule } from 'yargs';
import { connectionFrom, tokenFrom, withConnectionOptions, type ConnectionArgs } from './connection-options.js';
import { checkFlags } from './usage-error.js';

interface Args extends ConnectionArgs {
  'run-folder': string;
  operation?: string;
  module?: string;
  batch?: number;
  'retry-failed': boolean;
  'check-quota': boolean;
}

export const resumeCommand: CommandModule<object, Args> = {
  command: 'resume <run-folder>',
  describe: 'Continue a stopped run: send only what is not done yet',
  builder: (yargs: Argv) =>
    withConnectionOptions(
      yargs
        .positional('run-folder', { type: 'string', demandOption: true, describe: 'The run folder update printed' })
        .option('operation', { type: 'string', describe: 'Correct the CRM operation (default: the run\'s)' })
        .option('module', { type: 'string', describe: 'Correct the CRM module (default: the run\'s)' })
        .option('batch', { type: 'number', requiresArg: true, describe: 'Records per updateMany.php call (default: the run\'s)' })
        .option('retry-failed', { type: 'boolean', default: false, describe: 'Also send again the rows the CRM refused (after fixing them in the CRM)' })
        .option('check-quota', { type: 'boolean', default: false, describe: 'Read the token\'s daily quota first (one call)' }),
    )
      .example('$0 resume wolkvox-runs/2026-11-29T04-33-12-clientes', 'Go on where the run stopped (Ctrl-C, quota, crash, --limit)')
      .example('$0 resume wolkvox-runs/2026-11-29T04-33-12-clientes --retry-failed --wait-for-quota', 'Send the refused rows again too, waiting for the quota reset if needed') as unknown as Argv<Args>,
  handler: async (args) => {
    const options = {
      ...connectionFrom(args, process.env),
      runDir: args['run-folder'],
      retryFailed: args['retry-failed'],
      ...(args.operation === undefined ? {} : { operation: args.operation }),
      ...(args.module === undefined ? {} : { module: args.module }),
      ...(args.batch === undefined ? {} : { batchSize: args.batch }),
      ...(args['check-quota'] ? { checkQuota: true } : {}),
    };
    checkFlags(options);
    const token = tokenFrom(args, process.env);
    const [{ resumeRun }, { runJobInTerminal }] = await Promise.all([import('../run/resume.js'), import('./run-job.js')]);
    await runJobInTerminal((hooks) => resumeRun({ ...options, token, ...hooks }), { ...args, sends: true, callsBeforeAsking: args['check-quota'] });
  },
};
