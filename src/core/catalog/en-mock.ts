// English for the simulated CRM's own words to the person running it (`mock-server`, `demo`): where it
// listens, what it did, and a records file or --records it cannot take. Its HTTP answers stay the real CRM's.

/** What is wrong with one seeded record. */
export type RecordProblem =
  | { readonly kind: 'no-id' }
  | { readonly kind: 'repeated-id'; readonly id: string; readonly first: string }
  | { readonly kind: 'bad-created'; readonly value: string };

const RECORD_PROBLEM = (problem: RecordProblem) =>
  problem.kind === 'no-id'
    ? 'has no wolkvox_id (a non-empty text)'
    : problem.kind === 'repeated-id'
      ? `repeats wolkvox_id ${problem.id} (first at ${problem.first})`
      : `has wolkvox_fecha_creacion ${problem.value}; expected "YYYY-MM-DD HH:mm:ss"`;

export const enMock = {
  'mock.listening': (p: { url: string }) => `Simulated wolkvox CRM listening on ${p.url} (Ctrl-C to stop)`,
  'mock.demo-running': (p: { url: string }) => `Simulated wolkvox CRM running at ${p.url} (this demo needs no token and changes nothing real).`,
  'mock.demo-applied': (p: { applied: number; calls: number; maxInFlight: number }) =>
    `The simulated CRM applied ${p.applied} updates in ${p.calls} calls (at most ${p.maxInFlight} at once).`,
  'mock.records-twice': (p: { shared: string; value: string }) => `--records gives the records of every other module twice (${p.shared}, ${p.value}); name a module with module=file.`,
  'mock.records-bad': (p: { value: string }) => `--records '${p.value}': expected a file, or module=file (such as empresas=empresas.csv).`,
  'mock.records-module-twice': (p: { module: string }) => `--records names module '${p.module}' twice.`,
  'mock.cannot-read': (p: { file: string; detail: string }) => `Cannot read ${p.file}: ${p.detail}`,
  'mock.records-kind': (p: { file: string }) => `Records file ${p.file}: expected a .csv or .jsonl file.`,
  'mock.records-csv': (p: { file: string; detail: string }) => `Records file ${p.file}: ${p.detail}`,
  'mock.records-record': (p: { file: string; line: number; problem: RecordProblem }) => `Records file ${p.file} line ${p.line}: the record ${RECORD_PROBLEM(p.problem)}.`,
  'mock.records-seeded': (p: { at: string; problem: RecordProblem }) => `Simulated CRM: ${p.at} ${RECORD_PROBLEM(p.problem)}.`,
  'mock.records-not-json': (p: { file: string; line: number; detail: string }) => `Records file ${p.file} line ${p.line}: not JSON (${p.detail}).`,
  'mock.records-not-object': (p: { file: string; line: number }) => `Records file ${p.file} line ${p.line}: expected a JSON object (a record).`,
} satisfies Record<string, (params: never) => string>;
