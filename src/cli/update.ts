import type { Argv, CommandModule } from 'yargs';
import type { DuplicatePolicy, SnapshotStrategy } from '../plan/options.js';
import { connectionFrom, tokenFrom, withConnectionOptions, type ConnectionArgs } from './connection-options.js';
import { readerOverrides, withReaderOptions, type ReaderArgs } from './reader-options.js';
import { checkFlags } from './usage-error.js';

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
  batch?: number;
  snapshot?: string;
  'skip-unchanged': boolean;
  verify: boolean;
  'dry-run': boolean;
  'check-quota': boolean;
  'max-failure-rate'?: number;
  'report-format': 'csv' | 'xlsx';
  since?: string;
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
          .option('retries', { type: 'number', requiresArg: true, describe: 'Retries of a call that failed for a transient reason (default 5)' })
          .option('timeout', { type: 'number', requiresArg: true, describe: 'Seconds to wait for one answer (default 60)' })
          .option('out', { alias: 'o', type: 'string', describe: 'Run folder (default wolkvox-runs/<date-time>-<file name>)' })
          .option('duplicates', { choices: ['error', 'first', 'last', 'all'] as const, default: 'error' as const, describe: 'An id on several rows: stop (error), send the first, the last, or all in file order' })
          .option('skip-invalid', { type: 'boolean', default: false, describe: 'Send the valid rows even if some are invalid' })
          .option('batch', { type: 'number', requiresArg: true, describe: 'Records per updateMany.php call (default 1: one update.php call per row); every row is still confirmed' })
          .option('snapshot', { type: 'string', describe: 'Read each record\'s current values first into before.csv, what `undo` puts back: by-id, module or auto (the cheaper; the default)' })
          .option('skip-unchanged', { type: 'boolean', default: false, describe: 'Leave out rows whose values the CRM already holds (reads a snapshot first)' })
          .option('verify', { type: 'boolean', default: false, describe: 'Read back what was updated at the end, and list what differs in verify.csv' })
          .option('limit', { type: 'number', requiresArg: true, describe: 'Send only the first N rows (a canary run; resume sends the rest)' })
          .option('dry-run', { type: 'boolean', default: false, describe: 'Do everything but the calls' })
          .option('check-quota', { type: 'boolean', default: false, describe: 'Read the token\'s daily quota first (one call) and say whether the job fits' })
          .option('report-format', { choices: ['csv', 'xlsx'] as const, default: 'csv' as const, describe: 'xlsx also writes results.xlsx (coloured statuses, filter)' })
          .option('max-failure-rate', { type: 'number', requiresArg: true, describe: 'Stop when more than this share of the last 100 rows failed (default 0.5; 0: never)' })
          .option('since', { type: 'string', describe: 'An earlier run folder: rows whose values that run left in the CRM are not sent again (no reads)' }),
      ),
    )
      .example('WOLKVOX_TOKEN=... $0 update clientes.csv -m clientes.mapping.json --server crm0001.wolkvox.com', 'Send every row, 2 calls at a time')
      .example('$0 update clientes.xlsx -m m.json --server crm0001.wolkvox.com --token-file ~/.wolkvox-token --limit 20', 'A canary run of 20 rows; then check the CRM and `resume` the rest')
      .example('$0 update clientes.csv -m m.json --dry-run', 'Check everything and write the reports without sending')
      .example('$0 update clientes.csv -m m.json --server crm0001.wolkvox.com --since wolkvox-runs/<yesterday>', 'A nightly import: send only the rows that changed since yesterday\'s run') as unknown as Argv<Args>,
  handler: async (args) => {
    const dryRun = args['dry-run'];
    const options = {
      // A dry run calls nobody: it needs no token (and names no server).
      ...connectionFrom(args, process.env),
      ...readerOverrides(args),
      file: args.file,
      mapping: args.mapping,
      ...(args.operation === undefined ? {} : { operation: args.operation }),
      ...(args.module === undefined ? {} : { module: args.module }),
      ...(args.retries === undefined ? {} : { retries: args.retries }),
      ...(args.timeout === undefined ? {} : { timeoutSeconds: args.timeout }),
      ...(args.out === undefined ? {} : { out: args.out }),
      ...(args.limit === undefined ? {} : { limit: args.limit }),
      ...(args.batch === undefined ? {} : { batchSize: args.batch }),
      // `--snapshot` alone means the cheaper strategy.
      ...(args.snapshot === undefined ? {} : { snapshot: (args.snapshot === '' ? 'auto' : args.snapshot) as SnapshotStrategy }),
      skipUnchanged: args['skip-unchanged'],
      verify: args.verify,
      ...(args['max-failure-rate'] === undefined ? {} : { maxFailureRate: args['max-failure-rate'] }),
      ...(args.since === undefined ? {} : { since: args.since }),
      duplicates: args.duplicates,
      skipInvalid: args['skip-invalid'],
      dryRun,
      checkQuota: args['check-quota'],
      reportFormat: args['report-format'],
    };
    checkFlags(options);
    const token = dryRun ? undefined : tokenFrom(args, process.env);
    const [{ runUpdate }, { runJobInTerminal }] = await Promise.all([import('../run/update.js'), import('./run-job.js')]);
    await runJobInTerminal((hooks) => runUpdate({ ...options, ...(token === undefined ? {} : { token }), ...hooks }), { ...args, sends: !dryRun, callsBeforeAsking: args['check-quota'] });
  },
};
