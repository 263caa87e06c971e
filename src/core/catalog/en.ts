import { enFields } from './en-fields.js';
import { enErrors2 } from './en-errors2.js';
import { enNotes2 } from './en-notes2.js';
import { enWatch } from './en-watch.js';
import { enNotify } from './en-notify.js';
import { enRuns } from './en-runs.js';
import { enCheck } from './en-check.js';
import { enCli } from './en-cli.js';
import { enUnattended2 } from './en-unattended2.js';
import { enHelp } from './en-help.js';
import { enHelpCommands } from './en-help-commands.js';
import { enHelpMock } from './en-help-mock.js';
import { enHelpUnattended } from './en-help-unattended.js';
import { enInit } from './en-init.js';
import { enInput } from './en-input.js';
import { enMapping } from './en-mapping.js';
import { enMock } from './en-mock.js';
import { enOptions } from './en-options.js';
import { enPage } from './en-page.js';
import { enPlan } from './en-plan.js';
import { enProbe } from './en-probe.js';
import { enReport } from './en-report.js';
import { enRows, type Nested } from './en-rows.js';
import { enRunFolder } from './en-run-folder.js';
import { enStop } from './en-stop.js';
import { enSummary } from './en-summary.js';
import { enTerminal } from './en-terminal.js';
import { enVerifyUndo } from './en-verify-undo.js';

// English: the catalog that defines every message code and its parameters (src/core/say.ts), merged from one
// file an area (en-*.ts). A wording is a plain function of its parameters; numbers are grouped as English
// writes them.

export const en = {
  ...enFields,
  ...enErrors2,
  ...enNotes2,
  ...enWatch,
  ...enNotify,
  ...enRuns,
  ...enCheck,
  ...enCli,
  ...enUnattended2,
  ...enHelp,
  ...enHelpCommands,
  ...enHelpMock,
  ...enHelpUnattended,
  ...enInit,
  ...enInput,
  ...enMapping,
  ...enMock,
  ...enOptions,
  ...enPlan,
  ...enPage,
  ...enProbe,
  ...enReport,
  ...enRows,
  ...enRunFolder,
  ...enStop,
  ...enSummary,
  ...enTerminal,
  ...enVerifyUndo,
} satisfies Record<string, (params: never) => string>;

// The parameters' shapes, where the code that makes the messages has always found them.
export type { BinaryFormat, JsonProblem } from './en-input.js';
export type { Expectation, ExpectedText, ExpectedUnit } from './en-options.js';
export { expectationIn } from './en-options.js';
export type { PlanCost } from './en-plan.js';
export type { FileCause, FolderFix } from './en-run-folder.js';
export type { BreakerTrip, FatalNext } from './en-stop.js';

/** A message inside another (a value's problem inside its field, a problem inside the mapping's list), in English. */
export function wordNested(said: Nested): string {
  return (en as unknown as Record<string, (params: unknown) => string>)[said.code]?.(said.params) ?? said.code;
}
