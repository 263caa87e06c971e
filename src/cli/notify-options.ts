import type { Argv } from 'yargs';
import { helpIn } from './help.js';
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
export function withNotifyOptions<T>(lang: Lang, yargs: Argv<T>): Argv<T & NotifyArgs> {
  const h = helpIn(lang);
  return yargs
    // Not an array flag: yargs would take the words after it (the file) as more addresses; given again, it is a list.
    .option('notify', { type: 'string', requiresArg: true, describe: h('help.notify') })
    .option('notify-format', { choices: NOTIFY_FORMATS, describe: h('help.notify-format') }) as Argv<T & NotifyArgs>;
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
