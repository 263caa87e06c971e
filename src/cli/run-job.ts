import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { JobEvent, Plan } from '../job/events.js';
import type { Logger, RunSummary } from '../types.js';
import { createRunLogger } from './logger.js';
import { createProgress } from './progress.js';
import { colourer } from './format.js';
import { renderPlan, renderSummary } from './render-summary.js';

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
}

/**
 * Runs a job (update, resume, demo) with the terminal around it: Ctrl-C handling, the plan and its
 * confirmation, live progress, the log file, the summary and the exit code.
 */
export async function runJobInTerminal(start: (hooks: JobHooks) => Promise<RunSummary>, terminal: TerminalOptions): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts === 1) {
      process.stderr.write('\nStopping: no new calls; waiting for the calls in flight, then writing the reports. Press Ctrl-C again to quit at once.\n');
      controller.abort();
    } else {
      // A second Ctrl-C quits now: the journal already holds every finished row, so resume still works.
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const logger = createRunLogger(process.env.WOLKVOX_LOG_LEVEL ?? 'info');
  const showProgress = Boolean(process.stderr.isTTY) && !terminal.json && !terminal.quiet;
  const progress = createProgress(process.stderr, showProgress);
  const onEvent = (event: JobEvent) => {
    if (event.type === 'plan') {
      logger.attach(path.join(event.plan.runDir, 'log.ndjson'));
      if (!terminal.quiet && !terminal.json) process.stderr.write(renderPlan(event.plan));
    }
    if (event.type === 'row') logger.debug({ row: event.result.rowNumber, status: event.result.status, attempts: event.result.attempts }, 'row');
    else logger.info({ event }, event.type);
    progress.onEvent(event);
  };
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY) && !terminal.yes && !terminal.json;
  const confirm = interactive ? askToGo : undefined;
  let summary: RunSummary;
  try {
    summary = await start({ signal: controller.signal, logger, onEvent, ...(confirm ? { confirm } : {}) });
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    logger.close();
  }
  if (terminal.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    const failed =
      summary.counts.failed + summary.counts.not_sent > 0
        ? ['failed.csv', 'failed.xlsx'].map((name) => path.join(summary.runDir, name)).find((file) => fs.existsSync(file))
        : undefined;
    const paint = colourer(process.stdout, process.env);
    process.stdout.write(renderSummary(summary, { paint, ...(failed ? { failedFile: failed } : {}) }));
  }
  process.exitCode = summary.exitCode;
}

async function askToGo(plan: Plan): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${plan.dryRun ? 'Run the dry run' : `Send ${plan.toSend} rows`}? [y/N] `);
    return /^(y|yes|s|si|sí)$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
