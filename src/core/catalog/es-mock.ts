import type { enMock, RecordProblem } from './en-mock.js';

// Spanish for the simulated CRM's own words to the person running it (`mock-server`, `demo`).

type Words = typeof enMock;

const RECORD_PROBLEM = (problem: RecordProblem) =>
  problem.kind === 'no-id'
    ? 'no tiene wolkvox_id (un texto no vacío)'
    : problem.kind === 'repeated-id'
      ? `repite el wolkvox_id ${problem.id} (la primera vez en ${problem.first})`
      : `tiene wolkvox_fecha_creacion ${problem.value}; se esperaba "YYYY-MM-DD HH:mm:ss"`;

export const esMock: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'mock.listening': (p) => `CRM wolkvox simulado escuchando en ${p.url} (Ctrl-C para detenerlo)`,
  'mock.demo-running': (p) => `CRM wolkvox simulado en ${p.url} (esta demostración no necesita token y no cambia nada real).`,
  'mock.demo-applied': (p) => `El CRM simulado aplicó ${p.applied} actualizaciones en ${p.calls} solicitudes (como máximo ${p.maxInFlight} a la vez).`,
  'mock.records-twice': (p) => `--records da dos veces los registros de todos los demás módulos (${p.shared}, ${p.value}); nombre un módulo con módulo=archivo.`,
  'mock.records-bad': (p) => `--records '${p.value}': se esperaba un archivo, o módulo=archivo (por ejemplo empresas=empresas.csv).`,
  'mock.records-module-twice': (p) => `--records nombra dos veces el módulo '${p.module}'.`,
  'mock.cannot-read': (p) => `No se puede leer ${p.file}: ${p.detail}`,
  'mock.records-kind': (p) => `Archivo de registros ${p.file}: se esperaba un archivo .csv o .jsonl.`,
  'mock.records-csv': (p) => `Archivo de registros ${p.file}: ${p.detail}`,
  'mock.records-record': (p) => `Archivo de registros ${p.file}, línea ${p.line}: el registro ${RECORD_PROBLEM(p.problem)}.`,
  'mock.records-seeded': (p) => `CRM simulado: ${p.at} ${RECORD_PROBLEM(p.problem)}.`,
  'mock.records-not-json': (p) => `Archivo de registros ${p.file}, línea ${p.line}: no es JSON (${p.detail}).`,
  'mock.records-not-object': (p) => `Archivo de registros ${p.file}, línea ${p.line}: se esperaba un objeto JSON (un registro).`,
};
