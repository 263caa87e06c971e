import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { JobEvent, Plan } from '../core/events.js';
import type { Logger, RunSummary } from '../core/types.js';
import { createRunLogger } from '../store/run-log.js';
import { createProgress } from './progress.js';
import { colourer } from './format.js';
import { message, say, type Lang } from '../core/say.js';
import { renderPlan } from './render-plan.js';
import { renderSummary } from './render-summary.js';
import { WolkvoxBulkError } from '../core/errors.js';
import { stopOnSignals } from './stop-signals.js';
import { failedFileOf } from '../run/next-steps.js';
import { notifyFromTerminal } from './notify-run.js';
import type { NoticeTarget } from './notify-options.js';

export interface JobHooks {
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly onEvent: (event: JobEvent) => void;
  readonly confirm?: (plan: Plan) => Promise<boolean>;
}

export interface TerminalOptions {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly yes: boolean;
  /** The job may call a real CRM (not a dry run, not the demo): it needs a yes from a person or --yes. */
  readonly sends: boolean;
  /** The job makes a call before it asks (--check-quota reads the quota for the plan). */
  readonly callsBeforeAsking?: boolean;
  /** The language it speaks in (--lang): English by default. */
  readonly lang?: Lang;
  /** A job that says its plan and summary its own way (`verify` reads; it sends nothing). */
  readonly render?: { readonly plan: (plan: Plan, lang: Lang) => string; readonly summary: typeof renderSummary };
  /** Where to post what came of the job (--notify). */
  readonly notice?: NoticeTarget;
}

/**
 * Runs a job (update, resume, demo) with the terminal around it: Ctrl-C handling, the plan and its
 * confirmation, live progress, the log file, the summary and the exit code.
 */
export async function runJobInTerminal(start: (hooks: JobHooks) => Promise<RunSummary>, terminal: TerminalOptions): Promise<void> {
  // Asked on the terminal, or not at all: a job that would send with nobody to say yes is refused before
  // it spends a call (a cron line or a pipe must say --yes). The refusal comes after the file's check, so
  // bad input is still reported first, unless the job would spend a call before asking.
  const mustAsk = terminal.sends && !terminal.yes;
  const canAsk = Boolean(process.stdin.isTTY && process.stderr.isTTY) && !terminal.json;
  const lang = terminal.lang ?? 'en';
  // A job that only reads back (verify) is refused in its own words: it sends nothing, but spends quota.
  const refusal = (plan?: Plan) =>
    new WolkvoxBulkError('USAGE', message('cli.confirmation-needed', { json: terminal.json, ...(plan && plan.toSend === 0 && plan.readBack ? { reads: true } : {}) }));
  const quiet = terminal.quiet || terminal.json;
  // A job that failed before its summary is told too: a nightly run refused at its start is what a notification is for.
  const toldFailure = async (error: unknown, runDir?: string) => {
    if (terminal.notice) await notifyFromTerminal(terminal.notice, { error, ...(runDir === undefined ? {} : { runDir }) }, { lang, quiet });
    return error;
  };
  if (mustAsk && !canAsk && terminal.callsBeforeAsking) throw await toldFailure(refusal());
  const stop = stopOnSignals(lang);
  const logger = createRunLogger(process.env.WOLKVOX_LOG_LEVEL ?? 'info');
  const showProgress = Boolean(process.stderr.isTTY) && !terminal.json && !terminal.quiet;
  const progress = createProgress(process.stderr, showProgress, lang);
  // The progress line starts only once the plan is confirmed: drawn earlier, it would hide the question.
  let heldPlan: JobEvent | undefined;
  let runDir: string | undefined;
  const onEvent = (event: JobEvent) => {
    if (event.type === 'plan') {
      runDir = event.plan.runDir;
      logger.attach(path.join(event.plan.runDir, 'log.ndjson'));
      if (!terminal.quiet && !terminal.json) process.stderr.write((terminal.render?.plan ?? renderPlan)(event.plan, lang));
    }
    if (event.type === 'row') logger.debug({ row: event.result.rowNumber, status: event.result.status, attempts: event.result.attempts }, 'row');
    else logger.info({ event }, event.type);
    if (event.type === 'plan' && mustAsk) heldPlan = event;
    else progress.onEvent(event);
  };
  const confirm = mustAsk
    ? async (plan: Plan) => {
        if (!canAsk) throw refusal(plan);
        const yes = await askToGo(plan, lang);
        if (yes && heldPlan) progress.onEvent(heldPlan);
        return yes;
      }
    : undefined;
  const stopWatching = () => {
    progress.stop();
    stop.dispose();
    logger.close();
  };
  let summary: RunSummary;
  try {
    summary = await start({ signal: stop.signal, logger, onEvent, ...(confirm ? { confirm } : {}) });
  } catch (error) {
    stopWatching();
    throw await toldFailure(error, runDir);
  }
  stopWatching();
  if (terminal.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    const failed = failedFileOf(summary);
    const paint = colourer(process.stdout, process.env);
    process.stdout.write((terminal.render?.summary ?? renderSummary)(summary, { paint, lang, ...(failed ? { failedFile: failed } : {}) }));
  }
  process.exitCode = summary.exitCode;
  if (terminal.notice) await notifyFromTerminal(terminal.notice, { summary }, { lang, quiet });
}

async function askToGo(plan: Plan, lang: Lang): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const question = plan.dryRun ? message('cli.ask-dry-run') : plan.toSend === 0 && plan.readBack ? message('cli.ask-read-back') : message('cli.ask-send', { rows: plan.toSend });
    const answer = await prompt.question(say(question, lang)).catch((error: unknown) => {
      // Ctrl-C and Ctrl-D at the question close it (the terminal is in raw mode: no SIGINT comes): a "no".
      if ((error as Error).name !== 'AbortError') throw error;
      process.stderr.write('\n');
      return '';
    });
    return /^(y|yes|s|si|sí)$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
