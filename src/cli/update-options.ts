import type { Argv } from 'yargs';
import { JOB_DEFAULTS, PREVIEW_FRESH_MINUTES } from '../plan/job-settings.js';
import { DUPLICATE_POLICIES, MATCH_STRATEGIES, REPORT_FORMATS } from '../plan/option-rules.js';
import type { DuplicatePolicy, MatchStrategy, SnapshotStrategy } from '../plan/options.js';
import { connectionFrom, withConnectionOptions, withReserveOption, type ConnectionArgs } from './connection-options.js';
import { readerOverrides, withReaderOptions, type ReaderArgs } from './reader-options.js';
import type { Lang } from '../core/say.js';
import { helpIn } from './help.js';

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

/** update's flags, defined once (update and watch), described in the person's language. */
export function withUpdateOptions<T>(lang: Lang, yargs: Argv<T>): Argv<T & UpdateArgs> {
  const h = helpIn(lang);
  return withReserveOption(lang, withConnectionOptions(lang,
    withReaderOptions(lang,
      yargs
        .option('mapping', { alias: 'm', type: 'string', demandOption: true, describe: h('help.update.mapping') })
        .option('operation', { type: 'string', describe: h('help.update.operation') })
        .option('module', { type: 'string', describe: h('help.update.module') })
        .option('retries', { type: 'number', requiresArg: true, describe: h('help.update.retries', { default: JOB_DEFAULTS.retries }) })
        .option('timeout', { type: 'number', requiresArg: true, describe: h('help.update.timeout', { default: JOB_DEFAULTS.timeoutSeconds }) })
        .option('out', { alias: 'o', type: 'string', describe: h('help.update.out') })
        .option('duplicates', { choices: DUPLICATE_POLICIES, default: JOB_DEFAULTS.duplicates, describe: h('help.update.duplicates') })
        .option('skip-invalid', { type: 'boolean', default: JOB_DEFAULTS.skipInvalid, describe: h('help.update.skip-invalid') })
        .option('batch', { type: 'number', requiresArg: true, describe: h('help.update.batch', { default: JOB_DEFAULTS.batchSize }) })
        .option('snapshot', { type: 'string', describe: h('help.update.snapshot') })
        .option('skip-unchanged', { type: 'boolean', default: JOB_DEFAULTS.skipUnchanged, describe: h('help.update.skip-unchanged') })
        .option('match-by', { choices: MATCH_STRATEGIES, describe: h('help.update.match-by') })
        .option('verify', { type: 'boolean', default: JOB_DEFAULTS.verify, describe: h('help.update.verify') })
        .option('limit', { type: 'number', requiresArg: true, describe: h('help.update.limit') })
        .option('dry-run', { type: 'boolean', default: JOB_DEFAULTS.dryRun, describe: h('help.update.dry-run') })
        .option('check-quota', { type: 'boolean', default: JOB_DEFAULTS.checkQuota, describe: h('help.update.check-quota') })
        .option('report-format', { choices: REPORT_FORMATS, default: JOB_DEFAULTS.reportFormat, describe: h('help.update.report-format') })
        .option('max-failure-rate', { type: 'number', requiresArg: true, describe: h('help.update.max-failure-rate', { default: JOB_DEFAULTS.maxFailureRate }) })
        .option('since', { type: 'string', describe: h('help.update.since') })
        .option('preview', { type: 'boolean', default: false, describe: h('help.update.preview') })
        .option('reuse-preview', { type: 'string', requiresArg: true, describe: h('help.update.reuse-preview', { minutes: PREVIEW_FRESH_MINUTES }) }),
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
    // The notes of the run's files in the language spoken (run.json keeps it for resume).
    lang: args.lang,
  };
}
