import type { Catalog } from '../say.js';
import type { Nested } from './en-rows.js';
import { esFields } from './es-fields.js';
import { esErrors2 } from './es-errors2.js';
import { esNotes2 } from './es-notes2.js';
import { esWatch } from './es-watch.js';
import { esNotify } from './es-notify.js';
import { esRuns } from './es-runs.js';
import { esCheck } from './es-check.js';
import { esCli } from './es-cli.js';
import { esUnattended2 } from './es-unattended2.js';
import { esHelp } from './es-help.js';
import { esHelpCommands } from './es-help-commands.js';
import { esHelpMock } from './es-help-mock.js';
import { esHelpUnattended } from './es-help-unattended.js';
import { esInit } from './es-init.js';
import { esInput } from './es-input.js';
import { esMapping } from './es-mapping.js';
import { esMock } from './es-mock.js';
import { esOptions } from './es-options.js';
import { esPage } from './es-page.js';
import { esPlan } from './es-plan.js';
import { esProbe } from './es-probe.js';
import { esReport } from './es-report.js';
import { esRows } from './es-rows.js';
import { esRunFolder } from './es-run-folder.js';
import { esStop } from './es-stop.js';
import { esSummary } from './es-summary.js';
import { esTerminal } from './es-terminal.js';
import { esVerifyUndo } from './es-verify-undo.js';

// Spanish, for contact-centre staff in Latin America: usted, "solicitudes a la API" or "consultas" (never
// "llamadas", which reads as phone calls), numbers grouped as Colombia writes them (2.400; 1.234,5). Merged
// from one file an area (es-*.ts), each the Spanish of its en-*.ts.

export const es: Catalog = {
  ...esFields,
  ...esErrors2,
  ...esNotes2,
  ...esWatch,
  ...esNotify,
  ...esRuns,
  ...esCheck,
  ...esCli,
  ...esUnattended2,
  ...esHelp,
  ...esHelpCommands,
  ...esHelpMock,
  ...esHelpUnattended,
  ...esInit,
  ...esInput,
  ...esMapping,
  ...esMock,
  ...esOptions,
  ...esPlan,
  ...esPage,
  ...esProbe,
  ...esReport,
  ...esRows,
  ...esRunFolder,
  ...esStop,
  ...esSummary,
  ...esTerminal,
  ...esVerifyUndo,
};

/** A message inside another, in Spanish. */
export function wordNested(said: Nested): string {
  return (es as unknown as Record<string, (params: unknown) => string>)[said.code]?.(said.params) ?? said.code;
}
