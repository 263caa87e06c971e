import type { Argv, CommandModule } from 'yargs';
import { connectionFrom, tokenFrom, withConnectionOptions, withReserveOption, type ConnectionArgs } from './connection-options.js';
import { noticeTarget, notifyFrom, toldIfFails, withNotifyOptions, type NotifyArgs } from './notify-options.js';
import { checkFlags } from './usage-error.js';
import { helpIn } from './help.js';
import type { Lang } from '../core/say.js';

// update's flags that decide what is sent: accepted here only to be refused by name, with the reason
// (yargs would say no more than "Unknown argument").
interface FixedArgs {
  duplicates?: string;
  'skip-invalid'?: boolean;
  limit?: number;
  'dry-run'?: boolean;
  'report-format'?: string;
  snapshot?: string;
  'skip-unchanged'?: boolean;
  verify?: boolean;
  since?: string;
}

interface Args extends ConnectionArgs, FixedArgs, NotifyArgs {
  'run-folder': string;
  operation?: string;
  module?: string;
  batch?: number;
  retries?: number;
  timeout?: number;
  'max-failure-rate'?: number;
  'retry-failed': boolean;
  'check-quota': boolean;
}

export function resumeCommand(lang: Lang): CommandModule<object, Args> {
  const h = helpIn(lang);
  return {
    command: 'resume <run-folder>',
    describe: h('help.resume'),
    builder: (yargs: Argv) =>
      withNotifyOptions(lang, withReserveOption(lang, withConnectionOptions(lang,
        yargs
          .positional('run-folder', { type: 'string', demandOption: true, describe: h('help.resume.run-folder') })
          .option('operation', { type: 'string', describe: h('help.resume.operation') })
          .option('module', { type: 'string', describe: h('help.resume.module') })
          .option('batch', { type: 'number', requiresArg: true, describe: h('help.resume.batch') })
          .option('retries', { type: 'number', requiresArg: true, describe: h('help.resume.retries') })
          .option('timeout', { type: 'number', requiresArg: true, describe: h('help.resume.timeout') })
          .option('max-failure-rate', { type: 'number', requiresArg: true, describe: h('help.resume.max-failure-rate') })
          .option('retry-failed', { type: 'boolean', default: false, describe: h('help.resume.retry-failed') })
          .option('check-quota', { type: 'boolean', default: false, describe: h('help.resume.check-quota') })
          .options(FIXED_FLAGS),
        true,
      ), true))
        .example('$0 resume wolkvox-runs/2026-11-29T04-33-12-clientes', h('help.resume.example-1'))
        .example('$0 resume wolkvox-runs/2026-11-29T04-33-12-clientes --retry-failed --wait-for-quota', h('help.resume.example-2')) as unknown as Argv<Args>,
    handler: async (args) => {
      const options = {
        ...connectionFrom(args, process.env),
        runDir: args['run-folder'],
        retryFailed: args['retry-failed'],
        ...(args.operation === undefined ? {} : { operation: args.operation }),
        ...(args.module === undefined ? {} : { module: args.module }),
        ...(args.batch === undefined ? {} : { batchSize: args.batch }),
        ...(args.retries === undefined ? {} : { retries: args.retries }),
        ...(args.timeout === undefined ? {} : { timeoutSeconds: args.timeout }),
        ...(args['max-failure-rate'] === undefined ? {} : { maxFailureRate: args['max-failure-rate'] }),
        ...(args['check-quota'] ? { checkQuota: true } : {}),
      };
      checkFlags({ ...options, ...fixedOf(args), ...notifyFrom(args) }, { resume: true });
      const unread = noticeTarget(notifyFrom(args), { command: 'resume', runDir: args['run-folder'] });
      const token = await toldIfFails(unread, args, () => tokenFrom(args, process.env));
      const notice = unread && { ...unread, token };
      const [{ resumeRun }, { runJobInTerminal }] = await Promise.all([import('../run/resume.js'), import('./run-job.js')]);
      await runJobInTerminal((hooks) => resumeRun({ ...options, token, ...hooks }), { ...args, sends: true, callsBeforeAsking: args['check-quota'] || (args.reserve ?? 0) > 0, ...(notice ? { notice } : {}) });
    },
  };
}

const FIXED_FLAGS = {
  duplicates: { type: 'string', hidden: true },
  'skip-invalid': { type: 'boolean', hidden: true },
  limit: { type: 'number', requiresArg: true, hidden: true },
  'dry-run': { type: 'boolean', hidden: true },
  'report-format': { type: 'string', hidden: true },
  snapshot: { type: 'string', hidden: true },
  'skip-unchanged': { type: 'boolean', hidden: true },
  verify: { type: 'boolean', hidden: true },
  since: { type: 'string', hidden: true },
} as const;

// The fixed flags typed, under the library's names (for the library's refusal).
function fixedOf(args: FixedArgs) {
  return {
    duplicates: args.duplicates,
    skipInvalid: args['skip-invalid'],
    limit: args.limit,
    dryRun: args['dry-run'],
    reportFormat: args['report-format'],
    snapshot: args.snapshot,
    skipUnchanged: args['skip-unchanged'],
    verify: args.verify,
    since: args.since,
  };
}
