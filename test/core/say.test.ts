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
  // probe's report (issue 20)
  'probe.sent-back': { fields: ['Email', 'Ciudad'], byMapping: true },
  'probe.left-out': { fields: ['Teléfono'] },
  'probe.answer': { answer: { httpStatus: 404, apiCode: '404', message: 'RECORD NOT FOUND', kind: 'row', reason: 'not-found' } },
  'probe.count': { seen: 'yes', count: 1 },
  'probe.missing-id': { behaviour: 'refused', answer: { message: 'RECORD NOT FOUND', kind: 'row', reason: 'not-found' }, namesId: true },
  'probe.nothing-to-send': { id: '65d8', mappingFields: ['Email'] },
  // init's draft, the simulated CRM's records (issue 20)
  'init.wrote': { out: 'm.json', where: message('input.described', { name: 'c.csv', shape: { kind: 'xlsx', sheet: 'Hoja1' }, headerRow: 3 }) },
  'init.found': { found: [{ kind: 'sheet', sheet: 'Datos', skipped: ['Léame'] }, { kind: 'header', workbook: true, row: 4 }], retry: 'wolkvox-bulk init c.xlsx --header-row N' },
  'init.left-out': { columns: [{ name: '', list: { letters: 'C, E, G, I, K, M, O, Q', positions: '3, 5, 7, 9, 11, 13, 15, 17', more: 2 }, count: 10 }, { name: 'Tel', list: { letters: 'D–E', positions: '4–5', more: 0 }, count: 2 }] },
  'init.nothing-to-map': { where: message('input.described', { name: 'c.csv', shape: { kind: 'csv', encoding: 'utf-8', bom: false, delimiter: ',' }, headerRow: 1 }), named: ['Id'], unnamed: [{ name: '', list: { letters: 'B', positions: '2', more: 0 }, count: 1 }], workbook: false, retry: 'wolkvox-bulk init c.csv --header-row N' },
  'init.cannot-draft': { where: message('input.described', { name: 'c.csv', shape: { kind: 'xlsx', sheet: 'H' }, headerRow: 1 }), problems: [{ path: 'fields."A"', problem: message('mapping.needs', { what: 'currency.symbol' }) }] },
  'mock.records-record': { file: 'r.csv', line: 3, problem: { kind: 'repeated-id', id: 'a1', first: 'line 2' } },
  'mock.records-seeded': { at: 'records[2]', problem: { kind: 'bad-created', value: '"ayer"' } },
  'cli.encoding-refused': { typed: 'utf7', encodings: ['utf-8', 'windows-1252'] },
  'help.reader.encoding': { encodings: ['utf-8', 'windows-1252'] },
  'report.problems': { problems: [{ column: 'Saldo', problem: message('value.not-number', { text: 'abc' }) }, { problem: message('value.id-space', { text: 'a b' }) }] },
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
  // Row problems: a value its field refuses, inside its place (issue 20)
  'value.wrong-kind': { cell: { kind: 'date', text: '2024-01-15' }, want: 'yes-no', accepted: 'sí/no' },
  'value.not-date-cell': { cell: { kind: 'yes-no', text: 'TRUE' }, example: 'DD/MM/YYYY' },
  'value.not-in-map': { text: 'Z', keys: ['A', 'I'], more: true },
  'value.number-decimal': { text: '1.5', decimal: ',' },
  'row.in-field': { field: 'Saldo', problem: message('value.not-number', { text: 'abc' }) },
  'row.in-id': { problem: message('value.id-space', { text: 'a b' }) },
  'row.in-attachments': { problem: message('row.attachment', { name: 'a.pdf', problem: { kind: 'not-found', folder: '/x' } }) },
  'row.attachment': { name: 'a.pdf', problem: { kind: 'too-big', bytes: 2_000_000, max: 1_000_000 } },
  'row.id-empty': { source: { kind: 'template', template: '{A}-{B}', columns: ['A', 'B'] }, errors: ['#N/A'] },
  'row.id-incomplete': { columns: ['B'], source: { kind: 'template', template: '{A}-{B}', columns: ['A', 'B'] } },
  'row.id-empty-after-map': { source: { kind: 'column', column: 'Cédula' } },
  'row.field-empty': { source: { kind: 'template', template: '{A} {B}', columns: ['A', 'B'] }, errors: ['#REF!'] },
  'row.cells': { cells: [{ cell: 'C5', column: 'Saldo', problem: { kind: 'formula' } }, { cell: 'D5', column: 'Total', problem: { kind: 'number', raw: '1e999' } }] },
  'row.label-empty-with-id': { source: { kind: 'column', column: 'Empresa' }, idColumn: 'Empresa id' },
  'row.linked-id-bad': { column: 'Empresa id', problem: message('value.id-slash', { text: 'a/b' }) },
  // The mapping file's problems (issue 20)
  'mapping.must-be-text': { what: 'column', got: { kind: 'empty-string' } },
  'mapping.must-be-boolean': { got: { kind: 'value', json: '"yes"', type: 'string' } },
  'mapping.must-be-choice': { choices: ['lower', 'upper'], got: { kind: 'value', json: '"Lower"', type: 'string' }, meant: 'lower' },
  'mapping.must-be-whole': { min: 1, what: 'header-row', got: { kind: 'value', json: '0', type: 'number' } },
  'mapping.must-be-constant': { got: { kind: 'list' } },
  'mapping.must-be-object': { what: 'match', got: { kind: 'object' } },
  'mapping.needs': { what: 'currency.symbol' },
  'mapping.needs-source': { choices: ['column', 'value', 'template'] },
  'mapping.two-sources': { sources: ['column', 'value'] },
  'mapping.unknown-type': { got: { kind: 'value', json: '"numero"', type: 'string' }, meant: 'number', types: ['string', 'number'] },
  'mapping.option-not-for-type': { types: ['date', 'datetime'], type: 'string' },
  'mapping.id-key': { key: 'write' },
  'mapping.id-type': { got: { kind: 'value', json: '"number"', type: 'string' } },
  'mapping.constant-refused': { problem: message('value.not-number', { text: 'x' }) },
  'format.unknown-token': { run: 'yy', meant: 'YYYY', tokens: ['YYYY', 'MM'] },
  'format.missing': { missing: ['DD'] },
  'mapping.columns-are': { file: 'c.csv', headers: ['Cédula', 'Correo'] },
  'mapping.columns-after-fix': { file: 'c.csv', keys: ['sheet', 'headerRow'] },
  'mapping.invalid': {
    file: 'm.json',
    problems: [{ path: 'fields."Saldo".type', problem: message('mapping.unknown-type', { got: { kind: 'value', json: '"numero"', type: 'string' }, meant: 'number', types: ['number'] }) }],
    extra: [message('mapping.columns-are', { file: 'c.csv', headers: ['Cédula'] })],
  },
  // The whole-file check: validate's report and update's refusals (issue 20)
  'input.described': { name: 'c.csv', shape: { kind: 'csv', encoding: 'windows-1252', bom: true, delimiter: ';' }, headerRow: 1 },
  'check.problem': { csv: true, row: 14, column: 'Saldo', problem: message('value.not-number', { text: 'abc' }), text: "'abc' is not a number" },
  'header.lettered': { at: { row: 3, file: 'libro.xlsx', sheet: 'Clientes' }, name: '', shown: { list: { letters: 'B–C, E', positions: '2–3, 5', more: 0 }, count: 3 }, named: ['B', 'C'], leftOut: { list: { letters: 'E', positions: '5', more: 0 }, count: 1 } },
  'header.repeated-name': { name: 'Teléfono', columns: { list: { letters: 'C–D', positions: '3–4', more: 0 }, count: 2 }, paths: ['fields."Teléfono"'] },
  'header.repeated-read': { at: { row: 1, file: 'datos.csv' }, names: [{ name: 'Teléfono', columns: { list: { letters: 'C–D', positions: '3–4', more: 0 }, count: 2 }, paths: ['fields."Teléfono"'] }], more: 2, letter: 'C' },
  'check.repeated': { entry: { id: 'a1', rows: [2, 9, 14, 20, 31], more: 118 }, csv: false },
  'check.rows-invalid': {
    invalid: 2,
    rows: 2400,
    file: 'c.csv',
    problems: [{ csv: true, row: 4, text: 'Line 4 has 3 fields, the header has 2' }, { csv: true, row: 9, column: 'Fecha', problem: message('value.not-real-date', { text: '31/02/2024', format: 'DD/MM/YYYY' }), text: '' }],
    more: 3,
    command: 'wolkvox-bulk validate c.csv -m m.json',
    valid: 2398,
  },
  'check.duplicates': { field: 'documento', count: 6, file: 'c.csv', csv: true, entries: [{ id: '123', rows: [2, 5], more: 0 }], moreIds: 5, moreRows: 10, full: 'wolkvox-bulk validate c.csv -m m.json --duplicates-file c-duplicates.csv' },
  'validate.count': { what: 'duplicate-keys' },
  'validate.if-empty': { fields: ['Email', 'Teléfono'] },
  'validate.duplicates-heading': { keys: true, policy: 'first' },
  // The plan's warnings and the notes while sending; the page's wordings of the library's codes (issue 20)
  'send.pause': { reason: 'rate-limited' },
  'plan.note': { text: 'a note kept as text' },
  'send.batch-unconfirmable': { count: 12, sent: 10 },
  'undo.note-field': { label: 'Email', records: 3, file: 'left-alone.csv', why: { type: 'date' } },
  'row.key-records': { field: 'nombre', key: "'Initech'", records: 7, ids: ['e3', 'e4'], module: 'empresas' },
  'row.named-problems': { problems: [{ name: 'Empresa', problem: message('row.key-records', { field: 'nombre', key: "'Acme'", records: 0, ids: [] }) }] },
  'page.row.problems': { problems: [{ column: 'Saldo', problem: message('row.in-field', { field: 'Saldo', problem: message('value.not-number', { text: 'abc' }) }) }] },
  'page.plan.not-reused': { from: 'runs/p', code: 'rows-changed', file: 'c.csv', module: 'contacts', fresh: 30 },
  'page.value.not-in-map': { text: 'Z', keys: ['A', 'I'], more: true },
  'page.row.field-empty': { source: { kind: 'template', template: '{A} {B}', columns: ['A', 'B'] }, errors: ['#REF!'] },
  'page.stop.fatal': { answer: 'PLEASE VALIDATE TOKEN', fix: 'auth' },
  'page.stop.failure-rate': { first: true, failed: 5, of: 5, count: 5, message: 'RECORD NOT FOUND' },
  'validate.lookup': { labels: ['Empresa'], names: 40, module: 'empresas', field: 'nombre', compare: 'ignore-case' },
  'init.types': { fields: [{ field: 'Saldo', type: 'number', decimal: ',' }, { field: 'Monto', type: 'number' }, { field: 'Alta', type: 'date', inputFormat: 'DD/MM/YYYY' }], rows: 24 },
  // watch: its lines and the notes beside the files it sets aside (issue 21)
  'option.not-on-watch': { name: '--limit', why: 'limit' },
  'watch.file-end': { file: 'c.csv', outcome: 'failed', movedTo: 'fallidos/c.csv', note: 'fallidos/c.csv.txt', exitCode: 1 },
  'watch.file-left': { file: 'c.csv', why: 'move-failed', detail: 'EACCES' },
  'watch.still-changing': { files: ['a.csv', 'b.xlsx'] },
  'watch.same-folder': { which: 'failed', folder: 'entrada' },
  'watch.not-a-folder': { which: 'done', folder: 'enviados' },
  'watch.note-refused': { file: 'c.csv', why: { said: message('run.no-data-rows', { file: 'c.csv' }) }, folder: 'entrada' },
  'watch.note-run': {
    file: 'c.csv',
    runDir: 'runs/x',
    folder: 'entrada',
    csv: true,
    counts: { rows: 2400, updated: 2000, failed: 3, invalid: 0, notSent: 397 },
    errors: [{ message: 'RECORD NOT FOUND', count: 3, exampleRow: 14 }],
    stop: { reason: 'quota', said: message('run.no-data-rows', { file: 'c.csv' }) },
    resumable: true,
    failedFile: 'runs/x/failed.csv',
    notAsSent: 2,
  },
  // What runs unattended: notifications and schedules (issue 21)
  'notify.headline': { event: 'stopped', file: 'c.csv', exitCode: 3 },
  'notify.field': { field: 'run-folder' },
  'notify.failed': { url: 'https://hooks.slack.com/…', attempts: 4, why: { kind: 'status', status: 500 } },
  'schedule.written': { files: ['wolkvox-bulk-c.xml', 'wolkvox-bulk-c.cmd'] },
  'schedule.installed': { kind: 'cron', where: 'crontab' },
  // The run history and sharing the quota (issue 21)
  'runs.line': { when: '2026-12-07 09:30', file: 'c.csv', state: 'stopped', resumable: true, counts: { updated: 40, not_sent: 60 }, calls: 40, exitCode: 3, folder: 'wolkvox-runs/x' },
  // A run's own notes beyond issue 20's (words2)
  'watch.unmovable-facts': { note: message('watch.note-refused', { file: 'd.csv', why: { text: 'line 2: no id' }, folder: 'entrada' }) },
  'read.stopped': { during: 'verify', stop: message('stop.interrupted'), reason: 'interrupted', calls: 3, dir: 'runs/x' },
  'note.gave-up': { answer: 'HTTP 504 (not JSON): 504 Gateway Time-out', tries: 3, reached: true, doubt: 'timeout' },
  'note.stopped-unconfirmed': { answer: 'HTTP 504', call: 7 },
  'note.same-id-not-updated': { line: 4 },
  'note.if-empty-kept': { fields: ['Email', 'Teléfono'], nothingLeft: false },
  'note.duplicate-skipped': { place: 'line', line: 2, keyField: 'documento', policy: 'first' },
  'note.batch-why': { count: 5, sent: 3 },
  'note.browser-not-opened': { error: 'spawn xdg-open ENOENT' },
  'plan.forecast': { days: 3, perDay: 4800, endsAt: '2026-12-10T14:00:00Z', daysAhead: 3, reserve: 200, waits: false },
  // Refusals that were English sentences: the input's shape, the run's files, --since's run (errors2)
  'input.no-header': { at: { row: 3, file: 'libro.xlsx', sheet: 'Datos' }, noneFollow: true },
  'input.empty-workbook': { name: 'libro.xlsx', sheets: [] },
  'input.missing-sheet': { name: 'libro.xlsx', wanted: 'Ventas', sheets: ['Hoja1', 'Datos'] },
  'input.too-large': { kind: 'part', at: { name: 'libro.xlsx', sheet: 'Datos' }, part: { kind: 'shared-text', part: 'xl/sharedStrings.xml' }, size: 300 * 1024 ** 2, limit: 256 * 1024 ** 2, memory: true },
  'journal.damaged': { file: 'runs/x/journal.ndjson', why: { kind: 'shorter', bytes: 1200, expected: 4800 }, results: 'runs/x/results.csv' },
  'plan-file.damaged': { file: 'runs/x/plan.ndjson', why: { kind: 'line', first: false }, results: 'runs/x/results.csv' },
  'baseline.damaged': { file: 'runs/x/baseline.bin', why: { kind: 'size', count: 10, expected: 176, bytes: 170 } },
  'since.other-target': { dir: 'runs/x', was: { operation: 'op', module: 'contacts' }, now: { operation: 'op', module: 'empresas' } },
};
// A message that is a command and nothing else reads the same in both languages.
const COMMAND_ONLY: readonly MessageCode[] = ['next.resume', 'plan.note'];
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

  it('words a message inside another (a value refused inside its field, a problem inside the mapping) in the same language', () => {
    const refused = message('row.in-field', { field: 'Fecha de pago', problem: message('value.not-real-date', { text: '31/02/2024', format: 'DD/MM/YYYY' }) });
    expect(say(refused, 'en')).toBe("Fecha de pago: '31/02/2024' is not a real date (DD/MM/YYYY)");
    expect(say(refused, 'es')).toBe("Fecha de pago: '31/02/2024' no es una fecha que exista (DD/MM/YYYY)");
    const invalid = message('mapping.invalid', { file: 'm.json', problems: [{ path: 'fields."Saldo".value', problem: message('mapping.constant-refused', { problem: refused }) }], extra: [] });
    expect(say(invalid, 'es')).toBe(
      "Mapeo no válido: m.json tiene 1 problema:\n  fields.\"Saldo\".value: Fecha de pago: '31/02/2024' no es una fecha que exista (DD/MM/YYYY)\nCorrija el mapeo y ejecute de nuevo wolkvox-bulk validate.",
    );
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
