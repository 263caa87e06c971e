import type { Argv } from 'yargs';
import { JOB_DEFAULTS } from '../plan/job-settings.js';
import type { ConnectionOptions } from '../plan/options.js';
import { readToken } from './token.js';

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
}

/** `ofRun`: a command on an existing run (resume, verify, undo), whose settings default to the run's. */
export function withConnectionOptions<T>(yargs: Argv<T>, ofRun = false): Argv<T & ConnectionArgs> {
  return yargs
    .option('server', { type: 'string', describe: 'CRM host, such as crm0001.wolkvox.com (or WOLKVOX_SERVER)' })
    .option('token-file', { type: 'string', describe: 'File holding the token (or set WOLKVOX_TOKEN; never pass the token itself)' })
    .option('token', { type: 'string', hidden: true })
    .option('concurrency', { type: 'number', requiresArg: true, describe: `Calls in flight at once; the CRM allows 2 per token (${ofRun ? 'default: the run\'s' : `default ${JOB_DEFAULTS.concurrency}`})` })
    .option('rate', { type: 'number', requiresArg: true, describe: 'At most this many calls per second' })
    .option('max-calls', { type: 'number', requiresArg: true, describe: 'Stop cleanly (resumable) before spending more quota units than this: 1 a call, 1 a record for a batch call until its cost is measured (0: no limit)' })
    .option('wait-for-quota', { type: 'boolean', describe: 'When the daily quota runs out, wait for its reset and go on' })
    .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Do not ask for confirmation' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the summary as JSON on stdout (progress goes nowhere)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress display and no plan' })
    .check((args) => {
      // The token on the command line would show in `ps` and in shell history.
      if (args.token !== undefined) return 'the token is not accepted as a flag (it would show in process lists and shell history): set WOLKVOX_TOKEN, or pass --token-file';
      return true;
    }) as Argv<T & ConnectionArgs>;
}

/** `--reserve`, for the commands that send (update, resume, undo): `verify` only reads, and reads no quota. */
export function withReserveOption<T>(yargs: Argv<T>, ofRun = false): Argv<T> {
  return yargs.option('reserve', {
    type: 'number',
    requiresArg: true,
    describe: `Keep this many quota units of the day for the token's other integrations (web forms…): reads the quota first (1 call) and stops, resumable, before them (${ofRun ? 'default: the run\'s' : 'default 0'})`,
  }) as Argv<T>;
}

/** The token from WOLKVOX_TOKEN or --token-file (read once the flags are known to be right). */
export const tokenFrom = (args: ConnectionArgs, env: NodeJS.ProcessEnv) => readToken(args['token-file'], env, (message) => process.stderr.write(`${message}\n`));

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
