import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { message } from '../../src/core/say.js';
import { pageProblem, wordsOf } from '../../src/ui/words.js';
import { mockServer, ROOT } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';

// Issue 20: every message of the library reaches the page in the page's language. The whole flow (a file
// with bad rows, the mapping, the check, a canary that stops, the rest, the results) is walked in Spanish and
// in English, and every text the page shows is collected at each step.

const TOKEN = 'words-token-5c1e';
const id = (n: number) => `rec${String(n).padStart(5, '0')}`;

type Translate = (key: string, params?: Record<string, unknown>) => string;
/** The page's own texts, read from its dictionaries as the page reads them. */
const pageTexts = async (lang: 'es' | 'en'): Promise<Translate> =>
  ((await import(path.join(ROOT, 'web/i18n.js'))) as { translator: (lang: string) => Translate }).translator(lang);

/** Every text node the page shows, but for data a person typed or the tool must show as is (bodies, commands, menus). */
const textsOnPage = (page: Page) =>
  page.locator('body').evaluate((body) => {
    const texts: string[] = [];
    // 4: NodeFilter.SHOW_TEXT.
    const walker = body.ownerDocument.createTreeWalker(body, 4);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const text = node.textContent?.trim() ?? '';
      if (text !== '' && !node.parentElement?.closest('code, figure.body, select, script, style, noscript')) texts.push(text);
    }
    return texts;
  });

// Words of an English sentence that no Spanish text of the page holds.
const ENGLISH = /\b(the|is|are|not|and|of|with|was|were|from|every|rows?|columns?|sent|send|cannot|number|date|empty|this|first|done|which|found|choose|field)\b/i;
// Words of a Spanish sentence that no English text of the page holds.
const SPANISH = /\b(las?|los|filas?|columna|está|campo|número|envían?|primeras)\b/i;
// Never in the page: phone calls, endpoint names, mapping keys, command-line flags, raw dictionary keys.
const NEVER = /llamada|updateMany\.php|query\.php|"decimal"|"inputFormat"|\s--[a-z]|\btype\.[a-z]/i;

const LINES = [
  'wolkvox-id,Nombre,Saldo pendiente,Fecha de pago',
  `${id(1)},Ana,10,2024-01-15`,
  // Line 3: ambiguous without a decimal mark; line 4: not a number; line 5: a date not in YYYY-MM-DD.
  `${id(2)},Luis,1.500,2024-02-01`,
  `${id(3)},Eva,abc,2024-03-01`,
  `${id(4)},Sol,40,15/01/2024`,
  `${id(5)},Rey,50,2024-05-01`,
  `${id(6)},Mar,60,2024-06-01`,
  `${id(7)},Paz,70,2024-07-01`,
];

/**
 * The whole flow in the page's language, driven by the page's own labels; returns every text shown at each
 * step (a broken mapping file loaded, the check, the mapping reached from a problem, the canary's stop, the
 * rest sent, the results).
 */
async function walkThrough(lang: 'es' | 'en'): Promise<{ seen: Record<string, string[]>; resultsCsv: string }> {
  const t = await pageTexts(lang);
  const crm = await mockServer({ tokens: [TOKEN], knownIds: [1, 2, 3, 4, 5, 6, 7].map(id) });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN } });
  const file = path.join(ui.cwd, 'saldos.csv');
  fs.writeFileSync(file, `${LINES.join('\r\n')}\r\n`);
  const broken = path.join(ui.cwd, 'roto.mapping.json');
  fs.writeFileSync(broken, '{ "id": "wolkvox-id", }\n');
  const { page } = await openBrowser(lang === 'es' ? 'es-CO' : 'en-US');
  const shot = screenshots(`words-${lang}`);
  const seen: Record<string, string[]> = {};
  const see = async (step: string) => {
    seen[step] = await textsOnPage(page);
    await shot(page, step);
  };
  await page.goto(ui.url);

  await page.getByLabel(t('file.pick')).setInputFiles(file);
  await page.getByRole('button', { name: t('file.next') }).click();
  // A mapping file that is not JSON: the library's refusal, in the page's language.
  await page.getByLabel(t('mapping.load')).setInputFiles(broken);
  await page.getByRole('alert').waitFor();
  await see('mapping-error');
  const types = await page.getByLabel(t('mapping.typeOf', { column: 'Nombre' })).locator('option').allTextContents();
  expect(types.filter((type) => type.startsWith('type.'))).toEqual([]);
  await page.getByLabel(t('mapping.typeOf', { column: 'Saldo pendiente' })).selectOption('number');
  await page.getByLabel(t('mapping.typeOf', { column: 'Fecha de pago' })).selectOption('date');
  await page.getByRole('button', { name: t('mapping.next') }).click();

  // The check: three invalid rows, two of them fixed in the mapping, which the page offers to open.
  const problems = page.locator('table.problems-table tbody tr');
  await expect.poll(() => problems.count()).toBe(3);
  await see('check');
  expect(await page.getByRole('button', { name: t('check.fixInMapping') }).count()).toBe(2);
  await page.getByRole('button', { name: t('check.fixInMapping') }).first().click();
  await page.getByRole('heading', { name: `2. ${t('step.mapping')}` }).waitFor();
  await page.getByRole('button', { name: `3 ${t('step.check')}` }).click();
  await page.getByLabel(t('check.skipInvalid')).check();
  await page.getByText(t('check.ready', { n: 4 })).waitFor();
  await page.getByRole('button', { name: t('check.next') }).click();

  // Three requests at once: the plan warns (the CRM allows two).
  await page.getByLabel(t('connect.server')).fill(crm.url);
  await page.getByLabel(t('connect.operation'), { exact: true }).fill('demo');
  await page.getByLabel(t('connect.module'), { exact: true }).fill('contacts');
  await page.getByText(t('advanced.title')).click();
  await page.getByLabel(t('advanced.concurrency')).fill('3');
  await page.getByRole('button', { name: t('connect.next') }).click();

  // A canary of 2: the job stops after them, and says why.
  await page.getByLabel(t('send.folder')).fill(`saldos-${lang}`);
  await page.getByLabel(t('send.canarySize')).fill('2');
  await page.getByRole('button', { name: t('send.canary', { n: 2 }) }).click();
  await page.getByText(t('send.canaryDone', { n: 2 })).waitFor();
  await see('canary');
  await page.getByRole('button', { name: t('send.rest') }).click();
  await page.getByText(t('summary.exit.1')).waitFor();
  await see('sent');
  expect(crm.ledger.map((entry) => entry.id).sort()).toEqual([1, 5, 6, 7].map(id));

  await page.getByRole('button', { name: t('progress.toResults') }).click();
  await page.getByRole('heading', { name: `6. ${t('step.results')}` }).waitFor();
  await page.locator('.summary').first().waitFor();
  await see('results');
  expect(await ui.stop()).toBe(0);
  // The run's own files speak the page's language too: the invalid rows' notes in results.csv.
  const resultsCsv = fs.readFileSync(path.join(ui.cwd, 'wolkvox-runs', `saldos-${lang}`, 'results.csv'), 'utf8');
  return { seen, resultsCsv };
}

const matching = (seen: Record<string, string[]>, pattern: RegExp) =>
  Object.entries(seen).flatMap(([step, texts]) => texts.filter((text) => pattern.test(text)).map((text) => `${step}: ${text}`));

it('in Spanish, no English sentence of the library reaches the page: problems, the mapping refused, warnings, the stop, the summary', async () => {
  const { seen, resultsCsv } = await walkThrough('es');
  expect(matching(seen, ENGLISH)).toEqual([]);
  expect(matching(seen, NEVER)).toEqual([]);
  const all = Object.values(seen).flat();
  // What the library said is there, in Spanish, with the page's labels and the column said once.
  expect(seen['mapping-error']?.some((text) => /^Mapeo inválido: roto\.mapping\.json no es JSON válido/.test(text))).toBe(true);
  expect(seen.check).toEqual(expect.arrayContaining([
    "'1.500' se puede leer de dos maneras: elija el «Separador decimal» de este campo en el mapeo",
    "'abc' no es un número: quite de las celdas los signos de moneda, las letras y el %",
    "'15/01/2024' no es una fecha con la forma AAAA-MM-DD: elija el «Formato de fecha en el archivo» de este campo en el mapeo (por ejemplo DD/MM/YYYY)",
  ]));
  expect(all).toContain('Prueba terminada: se enviaron las primeras 2 filas; «Enviar el resto» envía las demás.');
  expect(all.some((text) => text.startsWith('3 solicitudes a la vez: el CRM admite 2 solicitudes en curso por token'))).toBe(true);
  expect(seen.sent).toContain("columna Saldo pendiente: '1.500' se puede leer de dos maneras: elija el «Separador decimal» de este campo en el mapeo");
  expect(resultsCsv).toContain('columna Saldo pendiente');
});

it('in English, the page shows the library English wordings, with its labels in place of mapping keys and flags', async () => {
  const { seen, resultsCsv } = await walkThrough('en');
  expect(matching(seen, SPANISH)).toEqual([]);
  expect(matching(seen, NEVER)).toEqual([]);
  const all = Object.values(seen).flat();
  expect(seen['mapping-error']?.some((text) => /^Invalid mapping: roto\.mapping\.json is not valid JSON: Unexpected token \}; remove the comma before it/.test(text))).toBe(true);
  expect(seen.check).toEqual(expect.arrayContaining([
    '\'1.500\' can be read two ways: choose this field\'s "Decimal mark" in the mapping',
    "'abc' is not a number: remove currency signs, letters and % from the cells",
    '\'15/01/2024\' is not a date in YYYY-MM-DD form: choose this field\'s "Date format in the file" in the mapping (for example DD/MM/YYYY)',
  ]));
  expect(all).toContain('Canary done: the first 2 rows were sent; "Send the rest" sends the others.');
  expect(all.some((text) => text.startsWith('concurrency 3: the CRM allows 2 calls in flight per token'))).toBe(true);
  expect(seen.sent).toContain('column Saldo pendiente: \'1.500\' can be read two ways: choose this field\'s "Decimal mark" in the mapping');
  expect(resultsCsv).toContain('column Saldo pendiente');
  expect(resultsCsv).not.toContain('columna');
});

describe('the page server words the library for the page', () => {
  const ambiguous = message('value.number-ambiguous', { text: '1.500' });

  it('a problem in its own column is said once, and offers the mapping where a setting of it is the fix', () => {
    const inField = message('row.in-field', { field: 'Saldo pendiente', problem: ambiguous });
    const shown = pageProblem({ rowNumber: 3, column: 'Saldo pendiente', field: 'saldo', message: 'Saldo pendiente: …', said: inField });
    expect(shown.words.es).toBe("'1.500' se puede leer de dos maneras: elija el «Separador decimal» de este campo en el mapeo");
    expect(shown.fix).toBe('mapping');
    // In another column, the field is named; a value the file must fix offers no mapping.
    const other = pageProblem({ rowNumber: 3, column: 'Saldo', message: '…', said: message('row.in-field', { field: 'Total', problem: message('value.not-number', { text: 'x' }) }) });
    expect(other.words).toEqual({ es: "Total: 'x' no es un número", en: "Total: 'x' is not a number" });
    expect(other.fix).toBeUndefined();
  });

  it('an invalid row in the summary: each column once, the page wording inside; a stop with the page controls, never a flag', () => {
    const row = message('report.problems', { problems: [{ column: 'Saldo pendiente', problem: message('row.in-field', { field: 'Saldo pendiente', problem: ambiguous }) }] });
    expect(wordsOf(row).en).toBe('column Saldo pendiente: \'1.500\' can be read two ways: choose this field\'s "Decimal mark" in the mapping');
    const stop = wordsOf(message('stop.max-calls', { calls: 40, max: 40 }));
    expect(stop.es).toBe('Se alcanzó el límite de solicitudes a la API: 40 solicitudes hechas («Detenerse antes de este número de solicitudes a la API»).');
    expect(`${stop.es} ${stop.en}`).not.toMatch(/--|\.php|llamada/);
  });
});
