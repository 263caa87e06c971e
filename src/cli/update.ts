import type { Argv, CommandModule } from 'yargs';
import { WolkvoxBulkError } from '../core/errors.js';
import type { DuplicatePolicy } from '../plan/options.js';
import { runUpdate } from '../run/update.js';
import { connectionFrom, withConnectionOptions, type ConnectionArgs } from './connection-options.js';
import { readerOverrides, withReaderOptions, type ReaderArgs } from './reader-options.js';
import { runJobInTerminal } from './run-job.js';

interface Args extends ReaderArgs, ConnectionArgs {
  file: string;
  mapping: string;
  operation?: string;
  module?: string;
  retries?: number;
  timeout?: number;
  out?: string;
  duplicates: DuplicatePolicy;
  'skip-invalid': boolean;
  limit?: number;
  'dry-run': boolean;
  'check-quota': boolean;
  'max-failure-rate'?: number;
  'report-format': 'csv' | 'xlsx';
}

export const updateCommand: CommandModule<object, Args> = {
  command: 'update <file>',
  describe: 'Update CRM records from a CSV or XLSX file, one call per row',
  builder: (yargs: Argv) =>
    withConnectionOptions(
      withReaderOptions(
        yargs
          .positional('file', { type: 'string', demandOption: true, describe: 'CSV or XLSX file' })
          .option('mapping', { alias: 'm', type: 'string', demandOption: true, describe: 'Mapping file (JSON)' })
          .option('operation', { type: 'string', describe: 'CRM operation (default: the mapping\'s)' })
          .option('module', { type: 'string', describe: 'CRM module, such as contacts (default: the mapping\'s)' })
          .option('retries', { type: 'number', describe: 'Retries of a call that failed for a transient reason (default 5)' })
          .option('timeout', { type: 'number', describe: 'Seconds to wait for one answer (default 60)' })
          .option('out', { alias: 'o', type: 'string', describe: 'Run folder (default wolkvox-runs/<date-time>-<file name>)' })
          .option('duplicates', { choices: ['error', 'first', 'last', 'all'] as const, default: 'error' as const, describe: 'An id on several rows: stop (error), send the first, the last, or all in file order' })
          .option('skip-invalid', { type: 'boolean', default: false, describe: 'Send the valid rows even if some are invalid' })
          .option('limit', { type: 'number', describe: 'Send only the first N rows (a canary run; resume sends the rest)' })
          .option('dry-run', { type: 'boolean', default: false, describe: 'Do everything but the calls' })
          .option('check-quota', { type: 'boolean', default: false, describe: 'Read the token\'s daily quota first (one call) and say whether the job fits' })
          .option('report-format', { choices: ['csv', 'xlsx'] as const, default: 'csv' as const, describe: 'xlsx also writes results.xlsx (coloured statuses, filter)' })
          .option('max-failure-rate', { type: 'number', describe: 'Stop when more than this share of the last 100 rows failed (default 0.5; 0: never)' }),
      ),
    )
      .check((args) => {
        // Usage errors name the flag, not the library option behind it.
        if (args.retries !== undefined && !(Number.isInteger(args.retries) && args.retries >= 0 && args.retries <= 20)) return `--retries must be a whole number from 0 to 20, got ${String(args.retries)}`;
        if (args.timeout !== undefined && !(args.timeout >= 0.1)) return `--timeout must be a number of seconds from 0.1 up, got ${String(args.timeout)}`;
        if (args.out !== undefined && args.out.trim() === '') return `--out must be a folder path, got ${JSON.stringify(args.out)}`;
        if (args.limit !== undefined && !(Number.isInteger(args.limit) && args.limit >= 1)) return `--limit must be a whole number from 1 up, got ${String(args.limit)}`;
        const rate = args['max-failure-rate'];
        if (rate !== undefined && !(rate >= 0 && rate <= 1)) return `--max-failure-rate must be a share from 0 to 1 (0.5 is half), got ${String(rate)}`;
        return true;
      })
      .example('WOLKVOX_TOKEN=... $0 update clientes.csv -m clientes.mapping.json --server crm0001.wolkvox.com', 'Send every row, 2 calls at a time')
      .example('$0 update clientes.xlsx -m m.json --server crm0001.wolkvox.com --token-file ~/.wolkvox-token --limit 20', 'A canary run of 20 rows; then check the CRM and `resume` the rest')
      .example('$0 update clientes.csv -m m.json --dry-run', 'Check everything and write the reports without sending') as unknown as Argv<Args>,
  handler: async (args) => {
    const dryRun = args['dry-run'];
    // A dry run needs no token; a real one does, and the server too.
    const connection = dryRun && !process.env.WOLKVOX_TOKEN && !args['token-file'] ? { token: 'dry-run' } : connectionFrom(args, process.env, (message) => process.stderr.write(`${message}\n`));
    const server = connection.server ?? (dryRun ? 'http://127.0.0.1:9' : undefined);
    if (server === undefined) throw new WolkvoxBulkError('USAGE', 'Missing server: pass --server or set WOLKVOX_SERVER to your CRM host, such as crm0001.wolkvox.com.');
    await runJobInTerminal(
      (hooks) =>
        runUpdate({
          ...connection,
          server,
          ...readerOverrides(args),
          file: args.file,
          mapping: args.mapping,
          ...(args.operation === undefined ? {} : { operation: args.operation }),
          ...(args.module === undefined ? {} : { module: args.module }),
          ...(args.retries === undefined ? {} : { retries: args.retries }),
          ...(args.timeout === undefined ? {} : { timeoutSeconds: args.timeout }),
          ...(args.out === undefined ? {} : { out: args.out }),
          ...(args.limit === undefined ? {} : { limit: args.limit }),
          ...(args['max-failure-rate'] === undefined ? {} : { maxFailureRate: args['max-failure-rate'] }),
          duplicates: args.duplicates,
          skipInvalid: args['skip-invalid'],
          dryRun,
          checkQuota: args['check-quota'],
          reportFormat: args['report-format'],
          ...hooks,
        }),
      { ...args, sends: !dryRun, callsBeforeAsking: args['check-quota'] },
    );
  },
};
