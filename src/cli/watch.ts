import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { Lang } from '../core/say.js';
import type { WatchFileEnd } from '../run/watch.js';
import { tokenFrom } from './connection-options.js';
import { noticeTarget, notifyFrom, withNotifyOptions, type NotifyArgs } from './notify-options.js';
import { updateOptionsFrom, withUpdateOptions, type UpdateArgs } from './update-options.js';
import { checkFlags } from './usage-error.js';
import { helpIn } from './help.js';

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

export const watchCommand = (lang: Lang, h = helpIn(lang)): CommandModule<object, Args> => ({
  command: 'watch <folder>',
  describe: h('help.watch'),
  builder: (yargs: Argv) =>
    HIDDEN.reduce((shown, flag) => shown.hide(flag), withNotifyOptions(lang, withUpdateOptions(lang,
      yargs
        .positional('folder', { type: 'string', demandOption: true, describe: h('help.watch.folder') })
        .option('done', { type: 'string', demandOption: true, requiresArg: true, describe: h('help.watch.done') })
        .option('failed', { type: 'string', demandOption: true, requiresArg: true, describe: h('help.watch.failed') })
        .option('runs', { type: 'string', default: 'wolkvox-runs', requiresArg: true, describe: h('help.watch.runs') })
        .option('once', { type: 'boolean', default: false, describe: h('help.watch.once') })
        .option('interval', { type: 'number', default: 5, requiresArg: true, describe: h('help.watch.interval') }),
    )))
      .example('$0 watch entrada --mapping clientes.mapping.json --done enviados --failed con-errores --server crm0001.wolkvox.com --token-file ~/.wolkvox-token', h('help.watch.example-1'))
      .example('$0 watch entrada -m m.json --done enviados --failed con-errores --once --json', h('help.watch.example-2')) as unknown as Argv<Args>,
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
