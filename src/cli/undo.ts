import type { Argv, CommandModule } from 'yargs';
import { connectionFrom, tokenFrom, withConnectionOptions, withReserveOption, type ConnectionArgs } from './connection-options.js';
import { checkFlags } from './usage-error.js';
import { helpIn } from './help.js';
import type { Lang } from '../core/say.js';

interface Args extends ConnectionArgs {
  'run-folder': string;
  out?: string;
  'overwrite-later-edits'?: boolean;
}

export function undoCommand(lang: Lang): CommandModule<object, Args> {
  const h = helpIn(lang);
  return {
    command: 'undo <run-folder>',
    describe: h('help.undo'),
    builder: (yargs: Argv) =>
      withReserveOption(lang, withConnectionOptions(lang,
        yargs
          .positional('run-folder', { type: 'string', demandOption: true, describe: h('help.undo.run-folder') })
          .option('out', { alias: 'o', type: 'string', describe: h('help.undo.out') })
          .option('overwrite-later-edits', { type: 'boolean', describe: h('help.undo.overwrite-later-edits') }),
        true,
      ), true)
        .example('$0 undo wolkvox-runs/2026-11-29T04-33-12-clientes', h('help.undo.example-1')) as unknown as Argv<Args>,
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
}
