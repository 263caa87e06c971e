#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { isWolkvoxBulkError } from '../errors.js';
import { EXIT, EXIT_FOR_ERROR } from './exit-codes.js';
import { demoCommand } from './demo.js';
import { mockServerCommand } from './mock-server.js';

// The CLI is the only place that reads argv and sets the exit code; it never calls process.exit()
// mid-flight, so reports and logs are always flushed.
async function main(argv: string[]): Promise<void> {
  try {
    await yargs(argv)
      .scriptName('wolkvox-bulk')
      .usage('$0 <command> [options]\n\nUpdate wolkvox CRM records in bulk from CSV and Excel files.')
      .command(demoCommand)
      .command(mockServerCommand)
      .demandCommand(1, 'Missing command: run wolkvox-bulk --help to see the commands.')
      .strict()
      .wrap(Math.min(110, process.stdout.columns || 100))
      .fail((message, error) => {
        if (error) throw error;
        throw new UsageError(message);
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
