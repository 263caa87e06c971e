import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { readToken } from './token.js';
import { helpIn } from './help.js';
import { message, say, type Lang, type Message } from '../core/say.js';
import { UsageError } from './usage-error.js';

interface Args {
  port: number;
  open: boolean;
  runs: string;
  'token-file'?: string;
  lang: Lang;
}

export function uiCommand(lang: Lang): CommandModule<object, Args> {
  const h = helpIn(lang);
  return {
    command: 'ui',
    describe: h('help.ui'),
    builder: (yargs: Argv) =>
      yargs
        .option('port', { type: 'number', requiresArg: true, default: 0, describe: h('help.ui.port') })
        .option('open', { type: 'boolean', default: true, describe: h('help.ui.open') })
        .option('runs', { type: 'string', default: 'wolkvox-runs', describe: h('help.ui.runs') })
        .option('token-file', { type: 'string', describe: h('help.ui.token-file') })
        .check((args) => {
          if (!(Number.isInteger(args.port) && args.port >= 0 && args.port <= 65535)) throw new UsageError(message('cli.port-refused', { typed: String(args.port) }));
          return true;
        })
        .example('$0 ui', h('help.ui.example-1'))
        .example('WOLKVOX_TOKEN=... $0 ui --no-open --port 8765', h('help.ui.example-2')) as unknown as Argv<Args>,
    handler: async (args) => {
      const warn = (text: string) => process.stderr.write(`${text}\n`);
      const tell = (said: Message) => warn(say(said, args.lang));
      const fromFile = args['token-file'] === undefined ? undefined : readToken(args['token-file'], {}, tell);
      const fromEnv = process.env.WOLKVOX_TOKEN?.trim();
      // The page's server, and through it the whole library, is loaded only for this command.
      const [{ startUiServer }, { openInBrowser }] = await Promise.all([import('../ui/server.js'), import('../ui/open-browser.js')]);
      const ui = await startUiServer({
        port: args.port,
        runsRoot: args.runs,
        ...(fromFile ? { token: { token: fromFile, source: 'file' as const } } : fromEnv ? { token: { token: fromEnv, source: 'environment' as const } } : {}),
        ...(process.env.WOLKVOX_SERVER ? { server: process.env.WOLKVOX_SERVER } : {}),
        ...(process.env.WOLKVOX_LOG_LEVEL ? { logLevel: process.env.WOLKVOX_LOG_LEVEL } : {}),
      });
      process.stdout.write(`${say(message('cli.ui-address', { url: ui.url }), args.lang)}\n`);
      const removeOpener = args.open ? openInBrowser(ui.url, path.join(args.runs, '.ui'), tell) : () => undefined;
      await new Promise<void>((resolve) => {
        let signals = 0;
        const onSignal = () => {
          signals += 1;
          // A second Ctrl-C quits at once: the journal holds every finished row, so resume still works.
          if (signals > 1) process.exit(130);
          if (ui.busy) tell(message('cli.ui-stopping'));
          ui.close().then(resolve, resolve);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      });
      removeOpener();
    },
  };
}
