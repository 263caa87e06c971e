import type { Argv } from 'yargs';
import { JOB_DEFAULTS, PREVIEW_FRESH_MINUTES } from '../plan/job-settings.js';
import { DUPLICATE_POLICIES, MATCH_STRATEGIES, REPORT_FORMATS } from '../plan/option-rules.js';
import type { DuplicatePolicy, MatchStrategy, SnapshotStrategy } from '../plan/options.js';
import { connectionFrom, withConnectionOptions, withReserveOption, type ConnectionArgs } from './connection-options.js';
import { readerOverrides, withReaderOptions, type ReaderArgs } from './reader-options.js';

/** The flags of a new run from a file: `update`'s, which `watch` takes too for each file it sends. */
export interface UpdateArgs extends ReaderArgs, ConnectionArgs {
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

/** update's flags, defined once (update and watch). */
export function withUpdateOptions<T>(yargs: Argv<T>): Argv<T & UpdateArgs> {
  return withReserveOption(withConnectionOptions(
    withReaderOptions(
      yargs
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
  ));
}

/** update's flags as the library's options (all but the file); unset flags keep the defaults. */
export function updateOptionsFrom(args: UpdateArgs, env: NodeJS.ProcessEnv) {
  return {
    // A dry run calls nobody: it needs no token (and names no server).
    ...connectionFrom(args, env),
    ...readerOverrides(args),
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
    dryRun: args['dry-run'],
    checkQuota: args['check-quota'],
    reportFormat: args['report-format'],
  };
}
