import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/index.js';
import { ROOT, mockServer } from '../helpers.js';
import { audit, contrast, focused, holdingCrm, seriousOnes, styleOf, VIEWPORTS, wordsOf, type HeldCrm, type Violation, type ViewportName } from './a11y.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { tabTo } from './keyboard.js';
import { SAMPLE_CSV, SAMPLE_MAPPING, sampleCustomers } from './samples.js';

const TOKEN = 'a11y-token-40c1';
/** Update requests the CRM answers before it holds the rest: the progress panel shows a run under way. */
const PASS = 7;

const held: HeldCrm[] = [];
afterEach(async () => {
  while (held.length > 0) await held.pop()?.close();
});

/**
 * At each state of the page: axe-core at both sizes (the phone last, then back to the laptop), and a
 * screenshot of each under test-output/ui/steps-<locale>-<size>/.
 */
function checkpoints(locale: string) {
  const found: { state: string; viewport: ViewportName; violations: Violation[] }[] = [];
  const shots = { desktop: screenshots(`steps-${locale}-desktop`), phone: screenshots(`steps-${locale}-phone`) };
  const at = async (page: Page, state: string, onPhone?: () => Promise<void>) => {
    for (const viewport of ['desktop', 'phone'] as const) {
      await page.setViewportSize(VIEWPORTS[viewport]);
      found.push({ state, viewport, violations: await audit(page) });
      if (viewport === 'phone') await onPhone?.();
      await shots[viewport](page, state);
    }
    await page.setViewportSize(VIEWPORTS.desktop);
  };
  return { at, found };
}

// Issue 20, accessibility: axe-core on every step at a laptop's and a phone's size, in both languages, and
// what axe does not see: the focus ring's contrast, where focus goes when the control that had it goes away,
// the mapping's field and type on a phone, English text marked as such in the Spanish page.
it.each([
  ['es-CO', 'es'],
  ['en-US', 'en'],
] as const)('has no serious or critical axe-core violation on any step, at 1366×768 and 390×844, in %s; focus and ring as a keyboard user needs', async (locale, lang) => {
  const t = await wordsOf(lang);
  const seed: MockRecord[] = sampleCustomers().map((customer, index) => ({ wolkvox_id: customer.id, 'Nombre completo': `Antes ${index}`, Ciudad: 'Cali' }));
  const crm = await mockServer({ tokens: [TOKEN], records: seed });
  const gate = await holdingCrm(crm.url, PASS);
  held.push(gate);
  const ui = await startUi({ env: { WOLKVOX_SERVER: gate.url } });
  const { page } = await openBrowser(locale);
  const { at, found } = checkpoints(locale);
  const heading = (step: string, number: number) => page.getByRole('heading', { name: `${number}. ${t(`step.${step}`)}` });
  await page.setViewportSize(VIEWPORTS.desktop);
  await page.goto(ui.url);
  await heading('file', 1).waitFor();

  // The focus ring: 3:1 at least against the white of the page and the dark of the header.
  await tabTo(page, page.getByLabel(t('app.language')));
  const ring = await styleOf(page.getByLabel(t('app.language')), 'outlineColor');
  const header = await styleOf(page.locator('header'), 'backgroundColor');
  expect.soft(contrast(ring, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3);
  expect.soft(contrast(ring, header)).toBeGreaterThanOrEqual(3);
  // The other language's name in the menu is in that language.
  const other = lang === 'es' ? 'en' : 'es';
  expect.soft(await page.locator(`header select option[value="${other}"]`).getAttribute('lang')).toBe(other);
  await at(page, 'file-start');

  // 1. File: one that is no table (an error), then the sample CSV with its preview.
  await page.getByLabel(t('file.pick')).setInputFiles(path.join(ROOT, 'docs', 'ui-mapping.png'));
  await page.locator('.error').waitFor();
  if (lang === 'es') {
    // The library's detail is worded in the page's language now (src/ui/words.ts): no English left marked inside it.
    expect.soft(await page.locator('.error pre').evaluate((element) => element.closest('[lang]')?.getAttribute('lang'))).toBe('es');
    expect.soft(await page.locator('.error pre [lang="en"]').count()).toBe(0);
  }
  await at(page, 'file-error');
  await page.getByLabel(t('file.pick')).setInputFiles(SAMPLE_CSV);
  await expect.poll(() => page.getByLabel(t('file.rowN', { n: 1 })).isChecked()).toBe(true);
  await at(page, 'file', async () => {
    // The preview scrolls sideways on a phone: a keyboard user reaches it, and it is named.
    const region = page.locator('.scroll:has(table.preview)');
    expect.soft(await region.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    expect.soft(await region.getAttribute('role')).toBe('region');
    expect.soft(await region.getAttribute('aria-label')).toBeTruthy();
    await tabTo(page, region);
  });
  await page.getByRole('button', { name: t('file.next') }).click();

  // 2. Mapping, loaded from the sample's mapping file; then a field left without its CRM name (an error).
  await heading('mapping', 2).waitFor();
  await page.getByLabel(t('mapping.load')).setInputFiles(SAMPLE_MAPPING);
  await expect.poll(() => page.getByLabel(t('mapping.fieldOf', { column: 'Correo' })).inputValue()).toBe('Email');
  await at(page, 'mapping', async () => {
    // On a phone each column's controls are on screen, without scrolling sideways.
    for (const column of ['Correo', 'Saldo', 'Alta']) {
      for (const label of [t('mapping.fieldOf', { column }), t('mapping.typeOf', { column })]) {
        const box = await page.getByLabel(label).boundingBox();
        expect.soft(box && box.x >= 0 && box.x + box.width <= VIEWPORTS.phone.width, `${label}: ${JSON.stringify(box)}`).toBe(true);
      }
    }
    expect.soft(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
  });
  await page.getByLabel(t('mapping.fieldOf', { column: 'Correo' })).fill('');
  await page.locator('ul.problems').waitFor();
  await at(page, 'mapping-error');
  await page.getByLabel(t('mapping.fieldOf', { column: 'Correo' })).fill('Email');
  await page.getByRole('button', { name: t('mapping.next') }).click();

  // 3. Check.
  await heading('check', 3).waitFor();
  await page.getByText(t('check.ready', { n: 24 })).waitFor();
  await at(page, 'check');
  await page.getByRole('button', { name: t('check.next') }).click();

  // 4. Connect: the quota asked for before any token (an error); the token saved, and the focus on what says so.
  await heading('connect', 4).waitFor();
  await page.getByRole('button', { name: t('connect.readQuota') }).click();
  await page.locator('.quota .error').waitFor();
  await at(page, 'connect-error');
  await page.getByText(t('advanced.title')).click();
  await page.getByLabel(t('advanced.snapshot')).selectOption('by-id');
  await page.getByLabel(t('connect.tokenInput')).fill(TOKEN);
  await page.getByRole('button', { name: t('connect.tokenSave') }).click();
  await page.getByText(t('connect.tokenFrom.page')).waitFor();
  await expect.poll(() => focused(page)).toMatch(new RegExp(`^p.*${t('connect.tokenFrom.page').slice(0, 10)}`));
  await at(page, 'connect');
  await page.getByRole('button', { name: t('connect.next') }).click();

  // 5. Send: the question, the run under way (updates held by the CRM), its end; the focus follows the job.
  await heading('send', 5).waitFor();
  await page.getByLabel(t('send.folder')).fill('accesible');
  await page.getByRole('button', { name: t('send.all') }).click();
  const question = page.getByRole('group', { name: t('confirm.title') });
  await question.waitFor();
  await expect.poll(() => focused(page)).not.toBe('body');
  await at(page, 'confirm');
  await question.getByRole('button', { name: t('confirm.yes', { n: 24 }) }).click();
  await expect.poll(() => page.locator('dd[data-count="updated"]').textContent(), { timeout: 30_000 }).toBe(String(PASS));
  await expect.poll(() => focused(page)).toMatch(/^h3#job-title/);
  await at(page, 'progress');
  gate.release();
  await page.locator('.job[data-phase="done"]').waitFor();
  await expect.poll(() => focused(page)).toMatch(/\[role=status\]/);
  await at(page, 'sent');

  // 6. Results; verify; undo asked, then done.
  await page.getByRole('button', { name: t('progress.toResults') }).click();
  await heading('results', 6).waitFor();
  await page.getByRole('link', { name: 'before.csv' }).waitFor();
  await at(page, 'results');
  await page.getByRole('button', { name: t('results.verify') }).click();
  await page.locator('.job[data-phase="done"] dd[data-verify="matched"]').waitFor();
  await expect.poll(() => focused(page)).not.toBe('body');
  await at(page, 'verified');
  await page.getByRole('button', { name: t('progress.toResults') }).click();
  await page.getByRole('button', { name: t('results.undo') }).click();
  await page.getByRole('button', { name: t('results.undoYes') }).click();
  await page.locator('.job[data-phase="done"]').waitFor();
  await expect.poll(() => focused(page)).not.toBe('body');
  await at(page, 'undone');
  await page.getByRole('button', { name: t('progress.toResults') }).click();
  await page.getByRole('link', { name: 'results.csv' }).waitFor();
  await at(page, 'undo-results');

  const serious = found.map(({ state, viewport, violations }) => ({ state, viewport, violations: seriousOnes(violations) })).filter((entry) => entry.violations.length > 0);
  expect(serious).toEqual([]);
  // The runs table's last column (its Show buttons) has a header that says what it holds.
  expect(found.flatMap(({ violations }) => violations.map((violation) => violation.rule))).not.toContain('empty-table-header');
  expect(await ui.stop()).toBe(0);
});
