import type { Argv } from 'yargs';
import type { Lang } from '../core/say.js';
import { NOTIFY_FORMATS } from '../plan/option-rules.js';

type NotifyFormat = (typeof NOTIFY_FORMATS)[number];

/** The flags of a job's notification: where to post what came of it, and in what format. */
export interface NotifyArgs {
  notify?: string | string[];
  'notify-format'?: NotifyFormat;
  /** The global --lang (or the locale's), which a notification speaks. */
  lang: Lang;
  json: boolean;
  quiet: boolean;
}

/** --notify (repeatable) and --notify-format, for the commands that run a job unattended (update, resume, watch). */
export function withNotifyOptions<T>(yargs: Argv<T>): Argv<T & NotifyArgs> {
  return yargs
    .option('notify', {
      // Not an array flag: yargs would take the words after it (the file) as more addresses; given again, it is a list.
      type: 'string',
      requiresArg: true,
      describe: 'After the run, or its stop, POST what came of it to this address (http or https): JSON, or a Slack or Teams message for their webhooks; repeatable. A notification that fails is retried and reported, and never changes the exit code',
    })
    .option('notify-format', { choices: NOTIFY_FORMATS, describe: 'The notification\'s body (default: by address: hooks.slack.com is slack; *.webhook.office.com, outlook.office.com and Power Automate addresses are teams; any other json)' }) as Argv<T & NotifyArgs>;
}

/** The notification flags under the library's names (checked by the option rules with the others). */
export function notifyFrom(args: NotifyArgs): { notify?: readonly string[]; notifyFormat?: NotifyFormat } {
  return {
    ...(args.notify === undefined ? {} : { notify: [args.notify].flat() }),
    ...(args['notify-format'] === undefined ? {} : { notifyFormat: args['notify-format'] }),
  };
}

/** Where a job's notification goes (--notify, --notify-format), and what the job is known by before its summary. */
export interface NoticeTarget {
  readonly urls: readonly string[];
  readonly format?: NotifyFormat;
  readonly command: string;
  readonly file?: string;
  readonly runDir?: string;
  /** The token: kept out of every body. */
  readonly token?: string;
}

/** The notification flags as a target, or undefined without --notify. */
export function noticeTarget(flags: { readonly notify?: readonly string[]; readonly notifyFormat?: NoticeTarget['format'] }, job: Omit<NoticeTarget, 'urls' | 'format'>): NoticeTarget | undefined {
  if (flags.notify === undefined || flags.notify.length === 0) return undefined;
  return { urls: flags.notify, ...(flags.notifyFormat === undefined ? {} : { format: flags.notifyFormat }), ...job };
}

/**
 * What a job reads before it starts (the token file): a failure there is notified too, then thrown. A
 * nightly run whose token file went missing is what a notification is for.
 */
export async function toldIfFails<T>(notice: NoticeTarget | undefined, args: NotifyArgs, read: () => T): Promise<T> {
  try {
    return read();
  } catch (error) {
    if (notice) {
      const { notifyFromTerminal } = await import('./notify-run.js');
      await notifyFromTerminal(notice, { error }, { lang: args.lang, quiet: args.quiet || args.json });
    }
    throw error;
  }
}
