import type { Nested } from './en-rows.js';
import { wordNested } from './en.js';

// English for the human columns of the files a run writes: results.csv's _wvx_message and failed.csv's
// _wvx_error (a row's notes the run itself wrote; the CRM's answers stay as the CRM said them) and
// failed.csv's first line. This English is also what plan.ndjson and summary.json keep.

/** One of a row's problems, in its column when it has one. */
export interface ColumnProblem {
  readonly column?: string;
  readonly problem: Nested;
}

export const enReport = {
  'report.problems': (p: { problems: readonly ColumnProblem[] }) =>
    p.problems.map((problem) => (problem.column ? `column ${problem.column}: ${wordNested(problem.problem)}` : wordNested(problem.problem))).join('; '),
  'report.nothing-to-send': () => 'nothing to send: every mapped cell is empty',
  'report.same-as-since': (p: { runDir: string }) => `same values as sent by ${p.runDir} (--since)`,
  'report.in-crm-already': () => 'the CRM already holds these values (--skip-unchanged)',
  'report.not-sent': () => 'not sent',
  'report.failed-note': (p: { run: string }) => `Rows not updated in run ${p.run}; fix them and send this file with the same mapping.`,
} satisfies Record<string, (params: never) => string>;
