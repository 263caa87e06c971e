import { readFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { JOB_DEFAULTS, PREVIEW_FRESH_MINUTES } from '../plan/job-settings.js';
import { DUPLICATE_POLICIES, MATCH_STRATEGIES, REPORT_FORMATS } from '../plan/option-rules.js';
import type { DuplicatePolicy, MatchStrategy, SnapshotStrategy } from '../plan/options.js';
import { connectionFrom, tokenFrom, withConnectionOptions, withReserveOption, type ConnectionArgs } from './connection-options.js';
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
  'match-by'?: MatchStrategy;
  verify: boolean;
  'dry-run': boolean;
  'check-quota': boolean;
  'max-failure-rate'?: number;
  'report-format': 'csv' | 'xlsx';
  since?: string;
  preview: boolean;
  'reuse-preview'?: string;
}

export const updateCommand: CommandModule<object, Args> = {
  command: 'update <file>',
  describe: 'Update CRM records from a CSV or XLSX file, one call per row',
  builder: (yargs: Argv) =>
    withReserveOption(withConnectionOptions(
      withReaderOptions(
        yargs
          .positional('file', { type: 'string', demandOption: true, describe: 'CSV or XLSX file' })
          .option('mapping', { alias: 'm', type: 'string', demandOption: true, describe: 'Mapping file (JSON)' })
          .option('operation', { type: 'string', describe: 'CRM operation (default: the mapping\'s)' })
          .option('module', { type: 'string', describe: 'CRM module, such as contacts (default: the mapping\'s)' })
          .option('retries', { type: 'number', requiresArg: true, describe: `Retries of a call that failed for a transient reason (default ${JOB_DEFAULTS.retries})` })
          .option('timeout', { type: 'number', requiresArg: true, describe: `Seconds to wait for one answer (default ${JOB_DEFAULTS.timeoutSeconds})` })
          .option('out', { alias: 'o', type: 'string', describe: 'Run folder (default wolkvox-runs/<date-time>-<file name>)' })
          .option('duplicates', { choices: DUPLICATE_POLICIES, default: JOB_DEFAULTS.duplicates, describe: 'An id on several rows: stop (error), send the first, the last, or all in file order' })
          .option('skip-invalid', { type: 'boolean', default: JOB_DEFAULTS.skipInvalid, describe: 'Send the valid rows even if some are invalid' })
          .option('batch', { type: 'number', requiresArg: true, describe: `Records per updateMany.php call (default ${JOB_DEFAULTS.batchSize}: one update.php call per row); every row is still confirmed` })
          .option('snapshot', { type: 'string', describe: 'Read each record\'s current values first into before.csv, what `undo` puts back: by-id, module or auto (the cheaper; the default)' })
          .option('skip-unchanged', { type: 'boolean', default: JOB_DEFAULTS.skipUnchanged, describe: 'Leave out rows whose values the CRM already holds (reads a snapshot first)' })
          .option('match-by', { choices: MATCH_STRATEGIES, describe: 'With a mapping\'s "match": find the keys\' records by reading the module once (250 a call), by query.php per key, or auto (the cheaper; the default)' })
          .option('verify', { type: 'boolean', default: JOB_DEFAULTS.verify, describe: 'Read back what was updated at the end, and list what differs in verify.csv' })
          .option('limit', { type: 'number', requiresArg: true, describe: 'Send only the first N rows (a canary run; resume sends the rest)' })
          .option('dry-run', { type: 'boolean', default: JOB_DEFAULTS.dryRun, describe: 'Do everything but the calls' })
          .option('check-quota', { type: 'boolean', default: JOB_DEFAULTS.checkQuota, describe: 'Read the token\'s daily quota first (one call) and say whether the job fits' })
          .option('report-format', { choices: REPORT_FORMATS, default: JOB_DEFAULTS.reportFormat, describe: 'xlsx also writes results.xlsx (coloured statuses, filter)' })
          .option('max-failure-rate', { type: 'number', requiresArg: true, describe: `Stop when more than this share of the last 100 rows failed (default ${JOB_DEFAULTS.maxFailureRate}; 0: never)` })
          .option('since', { type: 'string', describe: 'An earlier run folder: rows whose values that run left in the CRM are not sent again (no reads)' })
          .option('preview', { type: 'boolean', default: false, describe: 'Send nothing: read the records (the cheaper way) and write preview.csv, each field that would change (its value now, the value to send), with the counts and the real run\'s cost. A yes/no flag (validate --preview N shows N bodies)' })
          .option('reuse-preview', { type: 'string', requiresArg: true, describe: `A preview's run folder: use its reads instead of reading again, if made from the same file and mapping less than ${PREVIEW_FRESH_MINUTES} minutes ago` }),
      ),
    ))
      .example('WOLKVOX_TOKEN=... $0 update clientes.csv -m clientes.mapping.json --server crm0001.wolkvox.com', 'Send every row, 2 calls at a time')
      .example('$0 update clientes.xlsx -m m.json --server crm0001.wolkvox.com --token-file ~/.wolkvox-token --limit 20', 'A canary run of 20 rows; then check the CRM and `resume` the rest')
      .example('$0 update clientes.csv -m m.json --dry-run', 'Check everything and write the reports without sending')
      .example('$0 update clientes.csv -m m.json --server crm0001.wolkvox.com --preview', 'Read the records and list in preview.csv what would change; send nothing')
      .example('$0 update clientes.csv -m m.json --server crm0001.wolkvox.com --reuse-preview wolkvox-runs/<the preview>', 'Then send, with the preview\'s reads (no read again) if it is recent and the file and mapping are the same')
      .example('$0 update clientes.csv -m m.json --server crm0001.wolkvox.com --reserve 500 --wait-for-quota', 'A job longer than a day\'s quota on a shared token: keep 500 quota units a day for the web forms, going on after each reset')
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
      ...(args['match-by'] === undefined ? {} : { matchBy: args['match-by'] }),
      verify: args.verify,
      ...(args['max-failure-rate'] === undefined ? {} : { maxFailureRate: args['max-failure-rate'] }),
      ...(args.since === undefined ? {} : { since: args.since }),
      ...(args.preview ? { previewChanges: true } : {}),
      ...(args['reuse-preview'] === undefined ? {} : { reusePreview: args['reuse-preview'] }),
      duplicates: args.duplicates,
      skipInvalid: args['skip-invalid'],
      dryRun,
      checkQuota: args['check-quota'],
      reportFormat: args['report-format'],
    };
    checkFlags(options);
    const token = dryRun ? undefined : tokenFrom(args, process.env);
    const [{ runUpdate }, { runJobInTerminal }] = await Promise.all([import('../run/update.js'), import('./run-job.js')]);
    // A mapping's "match" reads the CRM for its keys before the plan is shown, as --check-quota reads the quota.
    const callsBeforeAsking = args['check-quota'] || (args.reserve ?? 0) > 0 || findsByKey(args.mapping);
    await runJobInTerminal((hooks) => runUpdate({ ...options, ...(token === undefined ? {} : { token }), ...hooks }), { ...args, sends: !dryRun && !args.preview, callsBeforeAsking });
  },
};

// Whether the mapping file finds records by "match" (a glance only: the job reads and checks it properly).
function findsByKey(file: string): boolean {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && 'match' in value;
  } catch {
    return false;
  }
}
