import type { Argv } from 'yargs';
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
  yes: boolean;
  json: boolean;
  quiet: boolean;
}

export function withConnectionOptions<T>(yargs: Argv<T>): Argv<T & ConnectionArgs> {
  return yargs
    .option('server', { type: 'string', describe: 'CRM host, such as crm0001.wolkvox.com (or WOLKVOX_SERVER)' })
    .option('token-file', { type: 'string', describe: 'File holding the token (or set WOLKVOX_TOKEN; never pass the token itself)' })
    .option('token', { type: 'string', hidden: true })
    .option('concurrency', { type: 'number', describe: 'Calls in flight at once; the CRM allows 2 per token (default 2)' })
    .option('rate', { type: 'number', describe: 'At most this many calls per second' })
    .option('max-calls', { type: 'number', describe: 'Stop cleanly (resumable) before making more calls than this (0: no limit)' })
    .option('wait-for-quota', { type: 'boolean', describe: 'When the daily quota runs out, wait for its reset and go on' })
    .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Do not ask for confirmation' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the summary as JSON on stdout (progress goes nowhere)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress display and no plan' })
    .check((args) => {
      // The token on the command line would show in `ps` and in shell history.
      if (args.token !== undefined) return 'the token is not accepted as a flag (it would show in process lists and shell history): set WOLKVOX_TOKEN, or pass --token-file';
      if (args.concurrency !== undefined && !(Number.isInteger(args.concurrency) && args.concurrency >= 1)) return `--concurrency must be a whole number from 1 up, got ${String(args.concurrency)}`;
      const maxCalls = args['max-calls'];
      if (maxCalls !== undefined && !(Number.isInteger(maxCalls) && maxCalls >= 0)) return `--max-calls must be a whole number from 0 up (0: no limit), got ${String(maxCalls)}`;
      if (args.concurrency !== undefined && args.concurrency > 64) return `--concurrency must be at most 64, got ${args.concurrency}`;
      if (args.rate !== undefined && !(args.rate > 0)) return `--rate must be a number above 0, got ${String(args.rate)}`;
      return true;
    }) as Argv<T & ConnectionArgs>;
}

/** Connection settings from flags and environment; undefined entries keep the recorded or default values. */
export function connectionFrom(args: ConnectionArgs, env: NodeJS.ProcessEnv, warn: (message: string) => void): Partial<ConnectionOptions> & { token: string } {
  const server = args.server ?? env.WOLKVOX_SERVER;
  return {
    token: readToken(args['token-file'], env, warn),
    ...(server === undefined ? {} : { server }),
    ...(args.concurrency === undefined ? {} : { concurrency: args.concurrency }),
    ...(args.rate === undefined ? {} : { rate: args.rate }),
    ...(args['max-calls'] === undefined ? {} : { maxCalls: args['max-calls'] }),
    ...(args['wait-for-quota'] === undefined ? {} : { waitForQuota: args['wait-for-quota'] }),
  };
}
