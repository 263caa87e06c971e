#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { isWolkvoxBulkError } from '../core/errors.js';
import { UsageError } from './usage-error.js';
import { EXIT, EXIT_FOR_ERROR } from '../core/exit-codes.js';
import { demoCommand } from './demo.js';
import { initCommand } from './init.js';
import { mockServerCommand } from './mock-server.js';
import { probeCommand } from './probe.js';
import { quotaCommand } from './quota.js';
import { resumeCommand } from './resume.js';
import { undoCommand } from './undo.js';
import { verifyCommand } from './verify.js';
import { uiCommand } from './ui.js';
import { updateCommand } from './update.js';
import { validateCommand } from './validate.js';

// The CLI is the only place that reads argv and sets the exit code; it never calls process.exit()
// mid-flight, so reports and logs are always flushed.
async function main(argv: string[]): Promise<void> {
  // A reader that went away (`| head`, a closed terminal) must not turn the job's exit code into 1: what
  // could not be shown is in the run folder.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'EIO') throw error;
    });
  }
  try {
    await yargs(argv)
      .scriptName('wolkvox-bulk')
      .usage('$0 <command> [options]\n\nUpdate wolkvox CRM records in bulk from CSV and Excel files.')
      .command(updateCommand)
      .command(resumeCommand)
      .command(undoCommand)
      .command(verifyCommand)
      .command(validateCommand)
      .command(initCommand)
      .command(quotaCommand)
      .command(probeCommand)
      .command(demoCommand)
      .command(mockServerCommand)
      .command(uiCommand)
      .demandCommand(1, 'Missing command: run wolkvox-bulk --help to see the commands.')
      .strict()
      .wrap(Math.min(110, process.stdout.columns || 100))
      .fail((message, error) => {
        // yargs reports its own validation (unknown flags, .check() strings) as a message or a YError;
        // anything else is an error from a command and keeps its own meaning.
        // yargs also calls this again with whatever the first call threw.
        if (error instanceof Error && error.name !== 'YError') throw error;
        throw new UsageError(usageMessage(message || String(error ?? 'invalid usage')));
      })
      .parseAsync();
  } catch (error) {
    process.exitCode = report(error, argv.includes('--json'));
  }
}

// yargs' words for a flag typed with nothing after it (every number flag requires its value: without
// that, `--batch` at the end or before another flag would be silently ignored), said as the flag is typed.
function usageMessage(message: string): string {
  const missing = /^Not enough arguments following: (.+)$/.exec(message)?.[1];
  return missing === undefined ? message : `--${missing} needs a value after it (such as --${missing} 10).`;
}

// Every failure is told on stderr for people; with --json also as one JSON object on stdout for
// scripts, which otherwise get nothing exactly when they need to know what went wrong.
function report(error: unknown, json: boolean): number {
  const { exitCode, code, message, place } = describe(error);
  process.stderr.write(code === 'INTERNAL' ? `Unexpected error: ${message}\nPlease report this with the command you ran.\n` : `${message}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ error: { code, message: code === 'INTERNAL' ? message.split('\n')[0] : message, ...place }, exitCode })}\n`);
  return exitCode;
}

function describe(error: unknown) {
  if (error instanceof UsageError) {
    return { exitCode: EXIT.invalid, code: 'USAGE', message: `Usage error: ${error.message}\nRun with --help to see the options and examples.`, place: {} };
  }
  if (isWolkvoxBulkError(error)) {
    const place = { ...(error.file === undefined ? {} : { file: error.file }), ...(error.row === undefined ? {} : { row: error.row }), ...(error.column === undefined ? {} : { column: error.column }) };
    return { exitCode: EXIT_FOR_ERROR[error.code], code: error.code, message: error.message, place };
  }
  return { exitCode: EXIT.internal, code: 'INTERNAL', message: error instanceof Error ? (error.stack ?? error.message) : String(error), place: {} };
}

await main(hideBin(process.argv));
