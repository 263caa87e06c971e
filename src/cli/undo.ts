import type { Argv, CommandModule } from 'yargs';
import { undoRun } from '../run/undo.js';
import { connectionFrom, tokenFrom, withConnectionOptions, type ConnectionArgs } from './connection-options.js';
import { runJobInTerminal } from './run-job.js';
import { checkFlags } from './usage-error.js';

interface Args extends ConnectionArgs {
  'run-folder': string;
  out?: string;
}

export const undoCommand: CommandModule<object, Args> = {
  command: 'undo <run-folder>',
  describe: 'Put back what a run updated, from its snapshot (a run made with --snapshot or --skip-unchanged)',
  builder: (yargs: Argv) =>
    withConnectionOptions(
      yargs
        .positional('run-folder', { type: 'string', demandOption: true, describe: 'The run folder to take back' })
        .option('out', { alias: 'o', type: 'string', describe: 'The undo\'s own run folder (default wolkvox-runs/<date-time>-undo-<run>)' }),
    )
      .example('$0 undo wolkvox-runs/2026-11-29T04-33-12-clientes', 'Each record the run updated gets its values from before the run back (one call per record, or per batch)') as unknown as Argv<Args>,
  handler: async (args) => {
    const options = { ...connectionFrom(args, process.env), runDir: args['run-folder'], ...(args.out === undefined ? {} : { out: args.out }) };
    checkFlags(options);
    const token = tokenFrom(args, process.env);
    await runJobInTerminal((hooks) => undoRun({ ...options, token, ...hooks }), { ...args, sends: true });
  },
};
