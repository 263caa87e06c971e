import path from 'node:path';
import { createRunLogger, isWolkvoxBulkError, message, type JobEvent, type Logger, type Plan, type RunSummary, type TokenInfo } from '../index.js';
import { HttpError, pageError, type PageError } from './http.js';
import { createProgressTracker, type ProgressSnapshot } from './progress.js';
import { pagePlan, pageSummary, type Words } from './words.js';

/** The job the page shows: where it is, what it plans, how far it got, how it ended. */
export interface JobView {
  /** The run folder's name. */
  readonly run: string;
  /** `preview`: an update with `previewChanges`, which reads the CRM and sends nothing. */
  readonly kind: 'update' | 'preview' | 'resume' | 'verify' | 'undo';
  /**
   * Counts up with each view pushed, over every job: an answer to a request can reach the page after a
   * newer view came by the event stream, and the page keeps the newer one.
   */
  readonly version: number;
  /**
   * checking: reading the whole file; confirming: the plan made, waiting for the page's yes or no; sending:
   * past the plan; done: a summary; failed: an error before one (a "no" too: CANCELLED).
   */
  readonly phase: 'checking' | 'confirming' | 'sending' | 'done' | 'failed';
  readonly stopping: boolean;
  /** The canary size, when this is a canary. */
  readonly limit?: number;
  /** The page's upload the job reads (its input), which is not deleted while the job runs. */
  readonly upload?: string;
  /** The plan, its warnings worded in the page's languages. */
  readonly plan?: Plan & { readonly warningsWords: readonly Words[] };
  readonly progress?: ProgressSnapshot;
  readonly summary?: RunSummary & { readonly stopWords?: Words };
  readonly error?: PageError;
}

export interface JobHooks {
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly onEvent: (event: JobEvent) => void;
  /** Before the job's first call: the person's answer when the job asks (else yes), and the quota read. */
  readonly confirm?: (plan: Plan) => Promise<boolean>;
}

// Often enough for a live bar, rarely enough that a fast job does not flood the page.
const PUSH_MS = 200;

/**
 * Runs one job at a time (two jobs on one token would break the CRM's limit of 2 calls in flight) with
 * the same hooks the CLI gives a job: a stop signal, the run's log, the events. `readQuota` reads the
 * token's day (as `wolkvox-bulk quota` does) once a job is about to spend: the progress panel counts down from it.
 */
export function createJobRunner(logLevel = 'info', readQuota?: (plan: Plan) => Promise<TokenInfo>) {
  let view: JobView | undefined;
  let controller: AbortController | undefined;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  // The job's question, while the page has not answered it.
  let answer: ((yes: boolean) => void) | undefined;
  let tracker = createProgressTracker();
  let version = 0;
  const listeners = new Set<(view: JobView) => void>();

  const push = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!view) return;
    view = { ...view, version: ++version, ...(view.phase === 'sending' ? { progress: tracker.snapshot() } : {}) };
    for (const listener of listeners) listener(view);
  };
  const pushSoon = () => {
    timer ??= setTimeout(push, PUSH_MS);
  };

  return {
    current: () => view,
    isRunning: () => running !== undefined,
    subscribe(listener: (view: JobView) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /**
     * Starts a job on a run folder; refused while another one runs. With `ask`, the job waits after its
     * plan for the page's answer (`answer`), as the CLI waits for a yes on the terminal. `upload`: the
     * page's upload it reads.
     */
    start(run: string, kind: JobView['kind'], limit: number | undefined, job: (hooks: JobHooks) => Promise<RunSummary>, ask = false, upload?: string): JobView {
      if (running) throw new HttpError(409, message('page.job-running'));
      const abort = new AbortController();
      const logger = createRunLogger(logLevel);
      controller = abort;
      tracker = createProgressTracker();
      view = { run, kind, version, phase: 'checking', stopping: false, ...(limit === undefined ? {} : { limit }), ...(upload === undefined ? {} : { upload }) };
      const onEvent = (event: JobEvent) => {
        tracker.onEvent(event);
        if (event.type === 'plan') {
          logger.attach(path.join(event.plan.runDir, 'log.ndjson'));
          view = { ...(view as JobView), phase: 'sending', plan: pagePlan(event.plan) };
          push();
          return;
        }
        if (event.type === 'row') logger.debug({ row: event.result.rowNumber, status: event.result.status, attempts: event.result.attempts }, 'row');
        else logger.info({ event }, event.type);
        if (event.type === 'stopping') view = { ...(view as JobView), stopping: true };
        pushSoon();
      };
      // Before the first call (once the person said yes: a "no" costs nothing), the day's quota left, unless
      // the library read it (checkQuota) or nothing will be spent.
      const quotaBeforeFirstCall = async (plan: Plan): Promise<void> => {
        if (plan.quota) return;
        if (plan.dryRun) return tracker.quotaUnread('dry-run');
        if (plan.toSend === 0 && !plan.readsOnly) return tracker.quotaUnread('nothing-to-spend');
        if (!readQuota || plan.server === undefined) return tracker.quotaUnread('unanswered');
        const own = tracker;
        try {
          const info = await readQuota(plan);
          own.onEvent({ type: 'quota', info });
          logger.info({ available: info.available, limit: info.limit }, 'quota');
        } catch (error) {
          own.quotaUnread('unanswered');
          logger.warn({ error: isWolkvoxBulkError(error) ? error.code : String(error) }, 'quota not read');
        }
        push();
      };
      // A plan with no row to send (every one unchanged since a run, say) spends nothing: nothing to ask.
      const confirm = async (plan: Plan) =>
        plan.toSend === 0 ||
        new Promise<boolean>((resolve) => {
          answer = (yes) => {
            answer = undefined;
            if (yes) view = { ...(view as JobView), phase: 'sending' };
            push();
            resolve(yes);
          };
          view = { ...(view as JobView), phase: 'confirming', plan: pagePlan(plan) };
          push();
        });
      const beforeFirstCall = async (plan: Plan) => {
        const yes = ask ? await confirm(plan) : true;
        if (yes) await quotaBeforeFirstCall(plan);
        return yes;
      };
      running = job({ signal: abort.signal, logger, onEvent, confirm: beforeFirstCall })
        .then(
          (summary) => {
            view = { ...(view as JobView), phase: 'done', progress: tracker.snapshot(), summary: pageSummary(summary) };
          },
          (error: unknown) => {
            view = { ...(view as JobView), phase: 'failed', error: pageError(error) };
          },
        )
        .finally(() => {
          answer = undefined;
          logger.close();
          running = undefined;
          controller = undefined;
          push();
        });
      push();
      return view;
    },
    /** The page's answer to the job's question: go ahead, or cancel (nothing sent). */
    answer(run: string, yes: boolean): void {
      if (!answer || view?.run !== run) throw new HttpError(409, `No job in ${run} is waiting for an answer.`);
      answer(yes);
    },
    /** Stops the job cleanly: no new calls, the ones in flight finish, the reports are written. */
    stop(run: string): void {
      if (!controller || view?.run !== run) throw new HttpError(409, `No job is running in ${run}.`);
      // A job still asking is answered "no": it has sent nothing.
      answer?.(false);
      controller.abort();
      view = { ...view, stopping: true };
      push();
    },
    /** Stops whatever runs and waits for its reports (the server is closing). */
    async close(): Promise<void> {
      answer?.(false);
      controller?.abort();
      await running;
      clearTimeout(timer);
      listeners.clear();
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
