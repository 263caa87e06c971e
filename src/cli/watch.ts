import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { Lang } from '../core/say.js';
import type { WatchFileEnd } from '../run/watch.js';
import { tokenFrom } from './connection-options.js';
import { noticeTarget, notifyFrom, withNotifyOptions, type NotifyArgs } from './notify-options.js';
import { updateOptionsFrom, withUpdateOptions, type UpdateArgs } from './update-options.js';
import { checkFlags } from './usage-error.js';

interface Args extends UpdateArgs, NotifyArgs {
  folder: string;
  done: string;
  failed: string;
  runs: string;
  once: boolean;
  interval: number;
}

// update's flags that do not fit a run per file: kept (so they are refused by name, with the reason) but
// not shown.
const HIDDEN = ['out', 'limit', 'dry-run', 'preview', 'reuse-preview'];

export const watchCommand = (lang: Lang): CommandModule<object, Args> => ({
  command: 'watch <folder>',
  describe: 'Send each CSV or Excel file put in a folder as its own run, then move it to done or failed',
  builder: (yargs: Argv) =>
    HIDDEN.reduce((shown, flag) => shown.hide(flag), withNotifyOptions(withUpdateOptions(lang,
      yargs
        .positional('folder', { type: 'string', demandOption: true, describe: 'The folder to watch' })
        .option('done', { type: 'string', demandOption: true, requiresArg: true, describe: 'Where a file goes once every row was updated' })
        .option('failed', { type: 'string', demandOption: true, requiresArg: true, describe: 'Where any other file goes, with a note beside it (<file>.txt): why, and what to do' })
        .option('runs', { type: 'string', default: 'wolkvox-runs', requiresArg: true, describe: 'The folder of the run folders, and of the ledger of the files sent (by content)' })
        .option('once', { type: 'boolean', default: false, describe: 'Take the files there now, then exit (for a scheduler); exit code: 0 all done, else the worst' })
        .option('interval', { type: 'number', default: 5, requiresArg: true, describe: 'Seconds between two looks; a file is taken once it stops changing between two' }),
    )))
      .example('$0 watch entrada --mapping clientes.mapping.json --done enviados --failed con-errores --server crm0001.wolkvox.com --token-file ~/.wolkvox-token', 'Send each file put in entrada/ until Ctrl-C')
      .example('$0 watch entrada -m m.json --done enviados --failed con-errores --once --json', 'For a scheduler: take what is there, one JSON line a file, and exit') as unknown as Argv<Args>,
  handler: async (args) => {
    const options = { ...updateOptionsFrom(args, process.env), folder: args.folder, done: args.done, failed: args.failed, runs: args.runs, once: args.once, intervalSeconds: args.interval };
    checkFlags({ ...options, ...notifyFrom(args) }, { watch: true });
    const token = tokenFrom(args, process.env);
    // --notify: each file's run is posted as it ends, as `update --notify` posts its one run.
    const target = noticeTarget(notifyFrom(args), { command: 'watch', token });
    const [{ runWatch }, { watchInTerminal }, { notifyFromTerminal }] = await Promise.all([import('../run/watch.js'), import('./watch-terminal.js'), import('./notify-run.js')]);
    const onRunEnd = target
      ? async (end: WatchFileEnd) => {
          if (end.kind === 'moved' && end.summary) await notifyFromTerminal({ ...target, file: end.file }, { summary: end.summary }, { lang: args.lang, quiet: args.quiet || args.json });
        }
      : undefined;
    await watchInTerminal((hooks) => runWatch({ ...options, token, ...hooks, ...(onRunEnd ? { onRunEnd } : {}) }), { json: args.json, quiet: args.quiet, lang: args.lang, folder: path.normalize(args.folder) });
  },
});
