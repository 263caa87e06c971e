#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { isWolkvoxBulkError } from '../core/errors.js';
import { message, say, type Lang } from '../core/say.js';
import { helpIn, YARGS_SPANISH } from './help.js';
import { langOf, LANGS } from './lang.js';
import { withoutEagerHelp } from './lazy-help.js';
import { repeatedFlagsMiddleware } from './repeated-flags.js';
import { UsageError } from './usage-error.js';
import { EXIT, EXIT_FOR_ERROR } from '../core/exit-codes.js';
import { demoCommand } from './demo.js';
import { initCommand } from './init.js';
import { mockServerCommand } from './mock-server.js';
import { probeCommand } from './probe.js';
import { quotaCommand } from './quota.js';
import { resumeCommand } from './resume.js';
import { scheduleCommand } from './schedule.js';
import { runsCommand } from './runs.js';
import { undoCommand } from './undo.js';
import { verifyCommand } from './verify.js';
import { uiCommand } from './ui.js';
import { updateCommand } from './update.js';
import { validateCommand } from './validate.js';
import { watchCommand } from './watch.js';

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
  const lang = langOf(argv, process.env);
  const h = helpIn(lang);
  try {
    const parser = yargs(argv)
      .scriptName('wolkvox-bulk')
      .locale(lang)
      .updateStrings(lang === 'es' ? YARGS_SPANISH : {})
      .option('lang', { choices: LANGS, global: true, describe: h('help.main.lang') })
      // Every command speaks the language chosen here, from --lang or the locale.
      .middleware((args) => {
        args.lang ??= lang;
      })
      // A flag of one value given twice is refused by name, for every command.
      .middleware(repeatedFlagsMiddleware(argv), true)
      .usage(h('help.usage'))
      .command(updateCommand(lang))
      .command(resumeCommand(lang))
      .command(undoCommand(lang))
      .command(verifyCommand(lang))
      .command(validateCommand(lang))
      .command(initCommand(lang))
      .command(quotaCommand(lang))
      .command(probeCommand(lang))
      .command(demoCommand(lang))
      .command(mockServerCommand(lang))
      .command(uiCommand(lang))
      .command(watchCommand(lang))
      .command(scheduleCommand(lang))
      .command(runsCommand(lang))
      .demandCommand(1, say(message('cli.missing-command'), lang))
      .strict()
      .wrap(Math.min(110, process.stdout.columns || 100))
      .fail((text, error) => {
        // yargs reports its own validation (unknown flags, .check() strings) as a message or a YError;
        // anything else is an error from a command and keeps its own meaning.
        // yargs also calls this again with whatever the first call threw.
        if (error instanceof Error && error.name !== 'YError') throw error;
        throw new UsageError(usageMessage(text || String(error ?? 'invalid usage'), lang));
      });
    await withoutEagerHelp(parser).parseAsync();
  } catch (error) {
    process.exitCode = report(error, argv.includes('--json'), lang);
  }
}

// yargs' words for a flag typed with nothing after it (every number flag requires its value: without
// that, `--batch` at the end or before another flag would be silently ignored), said as the flag is typed.
function usageMessage(text: string, lang: Lang): string {
  // yargs says it in the language it was given (.locale): its English and its Spanish.
  const missing = /^(?:Not enough arguments following|No hay suficientes argumentos después de): (.+)$/.exec(text)?.[1];
  return missing === undefined ? text : say(message('cli.flag-needs-value', { flag: missing }), lang);
}

// Every failure is told on stderr for people, in their language; with --json also as one JSON object on
// stdout for scripts, which otherwise get nothing exactly when they need to know what went wrong: its
// code, the English text and, for a message of the catalog, its code and parameters (never the locale's).
function report(error: unknown, json: boolean, lang: Lang): number {
  const { exitCode, code, english, said, place } = describe(error, lang);
  process.stderr.write(`${said}\n`);
  if (json) {
    const detail = isWolkvoxBulkError(error) && error.said ? { messageCode: error.said.code, params: error.said.params } : {};
    process.stdout.write(`${JSON.stringify({ error: { code, message: code === 'INTERNAL' ? english.split('\n')[0] : english, ...detail, ...place }, exitCode })}\n`);
  }
  return exitCode;
}

function describe(error: unknown, lang: Lang) {
  if (error instanceof UsageError) {
    const words = (language: Lang) => say(message('cli.usage', { detail: error.said ? say(error.said, language) : error.message }), language);
    return { exitCode: EXIT.invalid, code: 'USAGE', english: words('en'), said: words(lang), place: {} };
  }
  if (isWolkvoxBulkError(error)) {
    const place = { ...(error.file === undefined ? {} : { file: error.file }), ...(error.row === undefined ? {} : { row: error.row }), ...(error.column === undefined ? {} : { column: error.column }) };
    return { exitCode: EXIT_FOR_ERROR[error.code], code: error.code, english: error.message, said: error.said ? say(error.said, lang) : error.message, place };
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { exitCode: EXIT.internal, code: 'INTERNAL', english: detail, said: say(message('cli.unexpected', { detail }), lang), place: {} };
}

await main(hideBin(process.argv));
