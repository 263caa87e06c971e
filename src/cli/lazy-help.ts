import type { Argv } from 'yargs';

// The part of yargs' internals this reaches (not in its types): the usage instance of a parser.
interface YargsInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * Stops yargs rendering a command's whole help text as the command's handler starts. yargs does it
 * (`cacheHelpMessage`, cliui wrapping and measuring every option of the command) so that a handler that
 * fails later can still show its help; this CLI never shows help on a failure (`.fail` words what went
 * wrong), so the text was thrown away: 60–150 ms of CPU inside every job's first steps, before its first
 * call. `--help` renders it as before, when asked. Angular's CLI does the same (angular/angular-cli#34087).
 * A yargs without these internals keeps its own behaviour.
 */
export function withoutEagerHelp<T>(parser: Argv<T>): Argv<T> {
  const usage = (parser as unknown as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
  return parser;
}
