import { describe, expect, it } from 'vitest';
import { en } from '../../src/core/catalog/en.js';
import { es } from '../../src/core/catalog/es.js';
import { countIn, LANGS, message, say, type MessageCode, type ParamsOf } from '../../src/core/say.js';

// Parameters for any code: every plain parameter a catalog asks for reads as 2 (a number, a text, a yes);
// those of a closed set of values or of a shape are given here.
const anyParams = new Proxy({}, { get: (_target, key) => (key === Symbol.toPrimitive ? undefined : 2) });
const SHAPED: { readonly [C in MessageCode]?: ParamsOf<C> } = {
  'input.other-app': { name: 'a.ods', app: 'ods' },
  'input.binary': { name: 'a.pdf', format: 'data', controls: { count: 90, of: 8192, first: 3 } },
  'input.utf16-no-bom': { name: 'a.csv', encoding: 'utf-16le' },
  'mapping.not-json': { file: 'm.json', problem: { kind: 'token', char: '}', hint: 'trailing-comma' }, line: 3, column: 32 },
  'plan.not-reused': { from: 'runs/p', code: 'old', file: 'c.csv', module: 'contacts', minutesOld: 45, fresh: 30 },
  'plan.if-empty': { fields: ['Email', 'Teléfono'] },
  'plan.match': { field: 'documento', compare: 'document', keys: 1200, strategy: 'auto', queryCalls: 1200, known: 3, pagesRead: 2 },
  'plan.lookup': { module: 'empresas', labels: ['Empresa'], field: 'nombre', compare: 'ignore-case', keys: 40, strategy: 'auto', queryCalls: 40, known: 0, pagesRead: 1 },
  'plan.quota': { cost: { rows: 1000, batch: { size: 100, calls: 10 }, lookupCalls: 5, snapshotReads: { ids: 1000 } }, available: 500, hoursToReset: 7, enough: false, sure: false, waits: false },
  'summary.status': { status: 'not_sent' },
  'summary.uncertain': { calls: [3, 4] },
  'summary.lookup': { module: 'empresas', labels: ['Empresa'], field: 'nombre', compare: 'exact', keys: 40, by: 'module', strategy: 'auto', calls: 2, queryCalls: 40, moduleCalls: 2, found: 37, none: 2, several: 1, notFound: 3, ambiguous: 1 },
  'next.fatal': { reason: 'auth', resume: 'wolkvox-bulk resume runs/x' },
  'next.fix-names': { labels: ['Empresa'], file: 'failed.csv', failedFile: 'runs/x/failed.csv', mapping: 'm.json' },
  'preview.row': { what: 'notFound' },
  'next.resume': { resume: 'wolkvox-bulk resume runs/x' },
  'stop.fatal': { answer: 'PLEASE VALIDATE TOKEN', fix: 'auth' },
  'run.cannot-write': { path: 'runs/x/journal.ndjson', cause: { code: 'ENOSPC', detail: 'ENOSPC: no space left on device' }, fix: { kind: 'permissions', dir: 'runs/x', then: 'verify' } },
  'run.write-failed': { dir: 'runs/x', cause: { code: 'EFBIG', detail: 'EFBIG' }, file: 'runs/x/results.csv', what: 'reports', space: true },
  'run.unreadable': { file: 'runs/x/run.json', cause: { code: 'EACCES', detail: 'EACCES: permission denied' } },
  'option.refused': { option: 'batchSize', shown: '0', type: 'number', expected: { kind: 'whole', min: 1, max: 1000, unit: 'records-per-call' } },
  'option.refused-flag': { flag: '--snapshot', typed: 'ids', expected: { kind: 'one-of', choices: ['by-id', 'module', 'auto'] } },
  'option.not-on-resume': { name: '--limit', canary: true },
  'option.not-with-preview': { preview: '--preview', other: '--dry-run', why: 'dry-run' },
  'run.sent-nothing': { runDir: 'runs/x', was: 'preview', command: 'verify' },
  'run.no-plan': { runDir: 'runs/x', command: 'undo', results: 'runs/x/results.csv' },
  'run.out-not-empty': { runDir: 'runs/x', shown: ['a.txt', 'b.txt', 'c.txt'], entries: 5 },
  'run.no-dry-run-lookup': { mapping: 'm.json', labels: ['Empresa', 'Sede'] },
  'stop.failure-rate': { first: false, failed: 51, of: 100, count: 40, message: 'RECORD NOT FOUND' },
  'preview.real-run': { cost: { batchSize: 100, updates: 12, quotaUnits: { least: 12, most: 1200 }, updatesSkippingUnchanged: 4 }, fresh: 30 },
};
// A message that is a command and nothing else reads the same in both languages.
const COMMAND_ONLY: readonly MessageCode[] = ['next.resume'];
const paramsOf = (code: MessageCode): unknown => SHAPED[code] ?? anyParams;
const codes = Object.keys(en) as MessageCode[];

describe('the message catalogs', () => {
  it.each(codes)('%s is worded in Spanish and in English, each its own, with no hole', (code) => {
    const english = (en[code] as (params: unknown) => string)(paramsOf(code));
    const spanish = (es[code] as (params: unknown) => string)(paramsOf(code));
    for (const text of [english, spanish]) expect(text).not.toMatch(/undefined|NaN|\[object|null/);
    if (!COMMAND_ONLY.includes(code)) expect(spanish).not.toBe(english);
  });

  it('Spanish has no word for a code English does not define', () => {
    expect(Object.keys(es).sort()).toEqual([...codes].sort());
  });

  it('says a message with its parameters in the language asked, numbers grouped as each writes them', () => {
    const question = message('cli.ask-send', { rows: 2400 });
    expect(say(question, 'es')).toBe('¿Enviar 2.400 filas? [s/N] ');
    expect(say(question, 'en')).toBe('Send 2,400 rows? [y/N] ');
    expect(say(message('cli.ask-send', { rows: 1 }), 'es')).toBe('¿Enviar 1 fila? [s/N] ');
    expect([countIn('es', 1234567), countIn('en', 1234567)]).toEqual(['1.234.567', '1,234,567']);
    expect(LANGS).toEqual(['es', 'en']);
  });
});
