import type { Argv, CommandModule } from 'yargs';
import { connectionFrom, tokenFrom, withConnectionOptions, withReserveOption, type ConnectionArgs } from './connection-options.js';
import { checkFlags } from './usage-error.js';

interface Args extends ConnectionArgs {
  'run-folder': string;
  out?: string;
  'overwrite-later-edits'?: boolean;
}

export const undoCommand: CommandModule<object, Args> = {
  command: 'undo <run-folder>',
  describe: 'Put back what a run updated, from its snapshot (a run made with --snapshot or --skip-unchanged)',
  builder: (yargs: Argv) =>
    withReserveOption(withConnectionOptions(
      yargs
        .positional('run-folder', { type: 'string', demandOption: true, describe: 'The run folder to take back' })
        .option('out', { alias: 'o', type: 'string', describe: 'The undo\'s own run folder (default wolkvox-runs/<date-time>-undo-<run>)' })
        .option('overwrite-later-edits', { type: 'boolean', describe: 'Put back also the fields edited in the CRM since the run (by default they are left alone; listed in left-alone.csv either way)' }),
      true,
    ), true)
      .example('$0 undo wolkvox-runs/2026-11-29T04-33-12-clientes', 'Reads the records first (the module 250 a call while that is cheaper, the rest one call each); each field still as the run sent it gets its value from before the run back (one call per record, or per batch)') as unknown as Argv<Args>,
  handler: async (args) => {
    const options = {
      ...connectionFrom(args, process.env),
      runDir: args['run-folder'],
      ...(args.out === undefined ? {} : { out: args.out }),
      ...(args['overwrite-later-edits'] ? { overwriteLaterEdits: true } : {}),
    };
    checkFlags(options);
    const token = tokenFrom(args, process.env);
    const [{ undoRun }, { runJobInTerminal }] = await Promise.all([import('../run/undo.js'), import('./run-job.js')]);
    await runJobInTerminal((hooks) => undoRun({ ...options, token, ...hooks }), { ...args, sends: true });
  },
};
