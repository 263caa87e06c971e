import { describe, expect, it } from 'vitest';
import type { BaselineDamage, JournalDamage, PlanDamage, TooLarge } from '../../src/core/catalog/en-errors2.js';
import { message, say, type Message } from '../../src/core/say.js';

// The refusals with a closed set of kinds (en-errors2.ts): say.test.ts words one sample of each code; here
// every kind is worded in both languages, with no hole and each its own.

const sheet = { name: 'libro.xlsx', sheet: 'Datos' };
const TOO_LARGE: readonly TooLarge[] = [
  { kind: 'rows', at: sheet, max: 1_048_576 },
  { kind: 'columns', at: sheet, row: 4, max: 16_384 },
  { kind: 'cell', at: sheet, row: 9, max: 1_048_576 },
  { kind: 'merges', at: sheet, size: 16 * 1024 ** 2 },
  { kind: 'xml-run', at: { name: 'libro.xlsx' } },
  { kind: 'shared-text', at: { name: 'libro.xlsx' }, max: 1_048_576 },
  { kind: 'zip-entries', name: 'libro.xlsx', max: 10_000 },
  { kind: 'part', at: { name: 'libro.xlsx' }, part: { kind: 'zip', part: 'xl/workbook.xml' }, size: 1.5 * 1024 ** 3, limit: 32 * 1024 ** 2, memory: false },
  { kind: 'part', at: { name: 'libro.xlsx' }, part: { kind: 'styles', part: 'xl/styles.xml' }, size: 1.5 * 1024 ** 3, limit: 32 * 1024 ** 2, memory: false },
  { kind: 'part', at: sheet, part: { kind: 'sheet' }, size: 600 * 1024 ** 2, limit: 512 * 1024 ** 2, memory: false },
];
const JOURNAL: readonly JournalDamage[] = [{ kind: 'missing' }, { kind: 'cut-line', line: 4 }, { kind: 'shorter', bytes: 0, expected: 4800 }, { kind: 'changed' }, { kind: 'sessions', sessions: 1, expected: 2 }];
const PLAN: readonly PlanDamage[] = [
  ...(['missing', 'mid-line', 'changed', 'after-end', 'not-whole', 'empty'] as const).map((kind) => ({ kind })),
  { kind: 'length', bytes: 10, expected: 20 },
  { kind: 'format', format: '9', expected: 1 },
  { kind: 'row', row: 7 },
  { kind: 'rows', rows: 3, end: 4 },
  { kind: 'line', first: true },
  { kind: 'shape', first: false },
];
const BASELINE: readonly BaselineDamage[] = [{ kind: 'not-baseline' }, { kind: 'order' }, { kind: 'size', count: 10, expected: 176, bytes: 170 }];

const messages: readonly Message[] = [
  ...TOO_LARGE.map((problem) => message('input.too-large', problem)),
  ...JOURNAL.map((why) => message('journal.damaged', { file: 'run/journal.ndjson', why, results: 'run/results.csv' })),
  ...PLAN.map((why) => message('plan-file.damaged', { file: 'run/plan.ndjson', why, results: 'run/results.csv' })),
  ...BASELINE.map((why) => message('baseline.damaged', { file: 'run/baseline.bin', why })),
];

describe('the once-English refusals with kinds', () => {
  it.each(messages.map((said) => [`${said.code} ${JSON.stringify(said.params).slice(0, 60)}`, said] as const))('%s: worded in both languages, each its own', (_name, said) => {
    const [english, spanish] = [say(said, 'en'), say(said, 'es')];
    for (const text of [english, spanish]) expect(text).not.toMatch(/undefined|NaN|\[object|null/);
    expect(spanish).not.toBe(english);
  });

  it('every kind says something of its own (no two kinds worded alike)', () => {
    for (const lang of ['en', 'es'] as const) expect(new Set(messages.map((said) => say(said, lang))).size).toBe(messages.length);
  });

  it('words numbers and sizes as each language writes them, and keeps the names of files and parts', () => {
    const rows = message('input.too-large', { kind: 'rows', at: sheet, max: 1_048_576 });
    expect(say(rows, 'en')).toMatch(/^Too large: sheet 'Datos' of libro\.xlsx goes past row 1,048,576, the last row of a worksheet/);
    expect(say(rows, 'es')).toMatch(/^Demasiado grande: la hoja 'Datos' de libro\.xlsx pasa de la fila 1\.048\.576, la última de una hoja de cálculo/);
    const part = message('input.too-large', { kind: 'part', at: { name: 'libro.xlsx' }, part: { kind: 'zip', part: 'xl/workbook.xml' }, size: 1.5 * 1024 ** 3, limit: 32 * 1024 ** 2, memory: false });
    expect(say(part, 'en')).toMatch(/^Too large: libro\.xlsx \(xl\/workbook\.xml\) unpacks to 1\.5 GB, more than the 32 MB this tool reads\./);
    expect(say(part, 'es')).toMatch(/^Demasiado grande: libro\.xlsx \(xl\/workbook\.xml\) ocupa 1,5 GB al descomprimirse, más de los 32 MB que esta herramienta lee\./);
  });
});
