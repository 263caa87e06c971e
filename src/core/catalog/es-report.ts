import type { enReport } from './en-report.js';
import { wordNested } from './es.js';

// Spanish for the human columns of the files a run writes (a Spanish run's results.csv and failed.csv).

type Words = typeof enReport;

export const esReport: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'report.problems': (p) => p.problems.map((problem) => (problem.column ? `columna ${problem.column}: ${wordNested(problem.problem)}` : wordNested(problem.problem))).join('; '),
  'report.nothing-to-send': () => 'nada que enviar: todas las celdas mapeadas están vacías',
  'report.same-as-since': (p) => `los mismos valores que envió ${p.runDir} (--since)`,
  'report.in-crm-already': () => 'el CRM ya tiene estos valores (--skip-unchanged)',
  'report.not-sent': () => 'no enviada',
  'report.failed-note': (p) => `Filas no actualizadas en la ejecución ${p.run}; corríjalas y envíe este archivo con el mismo mapeo.`,
};
