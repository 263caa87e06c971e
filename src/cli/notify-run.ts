import { message, say, type Lang } from '../core/say.js';
import type { RunSummary } from '../core/types.js';
import type { NoticeTarget } from './notify-options.js';

/**
 * Posts what came of a job (its summary, or the error that ended it first) and says on stderr what became of
 * each notification. Never throws: the exit code is the job's. The sender is loaded only when --notify is given.
 */
export async function notifyFromTerminal(target: NoticeTarget, outcome: { readonly summary: RunSummary } | { readonly error: unknown; readonly runDir?: string }, context: { readonly lang: Lang; readonly quiet: boolean }): Promise<void> {
  try {
    const { notifyFailure, notifyRun } = await import('../run/notify.js');
    const options = {
      urls: target.urls,
      ...(target.format === undefined ? {} : { format: target.format }),
      ...(target.token === undefined ? {} : { secrets: [target.token] }),
      command: target.command,
      lang: context.lang,
    };
    const runDir = 'summary' in outcome ? undefined : (outcome.runDir ?? target.runDir);
    const outcomes =
      'summary' in outcome
        ? await notifyRun(outcome.summary, options)
        : await notifyFailure(outcome.error, { ...options, ...(target.file === undefined ? {} : { file: target.file }), ...(runDir === undefined ? {} : { runDir }) });
    for (const sent of outcomes) {
      if (sent.delivered && context.quiet) continue;
      const said = sent.delivered || sent.failure === undefined ? message('notify.delivered', { url: sent.shown }) : message('notify.failed', { url: sent.shown, attempts: sent.attempts, why: sent.failure });
      process.stderr.write(`${say(said, context.lang)}\n`);
    }
  } catch (error) {
    process.stderr.write(`${say(message('cli.unexpected', { detail: error instanceof Error ? (error.stack ?? error.message) : String(error) }), context.lang)}\n`);
  }
}
