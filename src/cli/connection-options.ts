import type { Argv } from 'yargs';
import { JOB_DEFAULTS } from '../plan/job-settings.js';
import type { ConnectionOptions } from '../plan/options.js';
import { readToken } from './token.js';
import { message, say, type Lang } from '../core/say.js';
import { UsageError } from './usage-error.js';
import { helpIn } from './help.js';

/** The flags `update` and `resume` share: where to send, how fast, and how to behave on a terminal. */
export interface ConnectionArgs {
  server?: string;
  'token-file'?: string;
  token?: string;
  concurrency?: number;
  rate?: number;
  'max-calls'?: number;
  'wait-for-quota'?: boolean;
  reserve?: number;
  yes: boolean;
  json: boolean;
  quiet: boolean;
  /** The language spoken (--lang, or the locale: set for every command). */
  lang: Lang;
}

/** `ofRun`: a command on an existing run (resume, verify, undo), whose settings default to the run's. */
export function withConnectionOptions<T>(lang: Lang, yargs: Argv<T>, ofRun = false): Argv<T & ConnectionArgs> {
  const h = helpIn(lang);
  return yargs
    .option('server', { type: 'string', describe: h('help.connection.server') })
    .option('token-file', { type: 'string', describe: h('help.connection.token-file') })
    .option('token', { type: 'string', hidden: true })
    .option('concurrency', { type: 'number', requiresArg: true, describe: h('help.connection.concurrency', { ofRun, default: JOB_DEFAULTS.concurrency }) })
    .option('rate', { type: 'number', requiresArg: true, describe: h('help.connection.rate') })
    .option('max-calls', { type: 'number', requiresArg: true, describe: h('help.connection.max-calls') })
    .option('wait-for-quota', { type: 'boolean', describe: h('help.connection.wait-for-quota') })
    .option('yes', { alias: 'y', type: 'boolean', default: false, describe: h('help.connection.yes') })
    .option('json', { type: 'boolean', default: false, describe: h('help.connection.json') })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: h('help.connection.quiet') })
    .check((args) => {
      // The token on the command line would show in `ps` and in shell history.
      if (args.token !== undefined) throw new UsageError(message('cli.token-as-flag'));
      return true;
    }) as Argv<T & ConnectionArgs>;
}

/** `--reserve`, for the commands that send (update, resume, undo): `verify` only reads, and reads no quota. */
export function withReserveOption<T>(lang: Lang, yargs: Argv<T>, ofRun = false): Argv<T> {
  return yargs.option('reserve', { type: 'number', requiresArg: true, describe: helpIn(lang)('help.reserve', { ofRun }) }) as Argv<T>;
}

/** The token from WOLKVOX_TOKEN or --token-file (read once the flags are known to be right). */
export const tokenFrom = (args: ConnectionArgs, env: NodeJS.ProcessEnv) => readToken(args['token-file'], env, (warning) => process.stderr.write(`${say(warning, args.lang)}\n`));

/** Connection settings from flags and environment; undefined entries keep the recorded or default values. */
export function connectionFrom(args: ConnectionArgs, env: NodeJS.ProcessEnv): Omit<ConnectionOptions, 'token'> {
  const server = args.server ?? env.WOLKVOX_SERVER;
  return {
    ...(server === undefined ? {} : { server }),
    ...(args.concurrency === undefined ? {} : { concurrency: args.concurrency }),
    ...(args.rate === undefined ? {} : { rate: args.rate }),
    ...(args['max-calls'] === undefined ? {} : { maxCalls: args['max-calls'] }),
    ...(args['wait-for-quota'] === undefined ? {} : { waitForQuota: args['wait-for-quota'] }),
    ...(args.reserve === undefined ? {} : { reserve: args.reserve }),
  };
}
