#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { isWolkvoxBulkError } from '../errors.js';
import { EXIT, EXIT_FOR_ERROR } from '../exit-codes.js';
import { demoCommand } from './demo.js';
import { initCommand } from './init.js';
import { mockServerCommand } from './mock-server.js';
import { quotaCommand } from './quota.js';
import { resumeCommand } from './resume.js';
import { uiCommand } from './ui.js';
import { updateCommand } from './update.js';
import { validateCommand } from './validate.js';

// The CLI is the only place that reads argv and sets the exit code; it never calls process.exit()
// mid-flight, so reports and logs are always flushed.
async function main(argv: string[]): Promise<void> {
  try {
    await yargs(argv)
      .scriptName('wolkvox-bulk')
      .usage('$0 <command> [options]\n\nUpdate wolkvox CRM records in bulk from CSV and Excel files.')
      .command(updateCommand)
      .command(resumeCommand)
      .command(validateCommand)
      .command(initCommand)
      .command(quotaCommand)
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
        throw new UsageError(message || String(error ?? 'invalid usage'));
      })
      .parseAsync();
  } catch (error) {
    process.exitCode = report(error);
  }
}

class UsageError extends Error {}

function report(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`Usage error: ${error.message}\nRun with --help to see the options and examples.\n`);
    return EXIT.invalid;
  }
  if (isWolkvoxBulkError(error)) {
    process.stderr.write(`${error.message}\n`);
    return EXIT_FOR_ERROR[error.code];
  }
  process.stderr.write(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report this with the command you ran.\n`);
  return 70;
}

await main(hideBin(process.argv));
