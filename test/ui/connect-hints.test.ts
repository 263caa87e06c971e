import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openBrowser, screenshots, startUi } from './browser.js';
import { checkSample } from './samples.js';
import { checkSampleInSpanish } from './steps.js';

/** The text of what describes a control (aria-describedby), as a screen reader says it after the label. */
const descriptionOf = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id: string) => input.ownerDocument.getElementById(id)?.textContent ?? '').join(' ').trim());

// Issue 20, safe by default: the pace settings suggested "0.5" in the Spanish page (where a decimal is
// written 0,5), and "Operación" said nothing of what it is or where a person finds it in wolkvox.
describe('the connect step in the page’s language', () => {
  it('in Spanish: suggests 0,5, and says what the operation is and where to find it', async () => {
    const ui = await startUi();
    const { page } = await openBrowser('es-CO');
    const shot = screenshots('connect-hints-es');
    await checkSampleInSpanish(page, ui.url);
    await page.getByRole('button', { name: 'Siguiente: conexión' }).click();
    const operation = await descriptionOf(page, 'Operación');
    expect(operation).toMatch(/^La operación es el nombre de su empresa en wolkvox/);
    expect(operation).toContain('«Operación» al iniciar sesión en wolkvox Manager');
    await page.getByText('Ritmo y seguridad (opcional)').click();
    expect(await page.getByLabel('Detenerse cuando falle esta proporción de filas').getAttribute('placeholder')).toBe('0,5');
    await shot(page, 'connect');
    expect(await ui.stop()).toBe(0);
  });

  it('in English: suggests 0.5, and says what the operation is and where to find it', async () => {
    const ui = await startUi();
    const { page } = await openBrowser('en-US');
    await page.goto(ui.url);
    await checkSample(page);
    await page.getByRole('button', { name: 'Next: connect' }).click();
    const operation = await descriptionOf(page, 'Operation');
    expect(operation).toMatch(/^The operation is your company’s name in wolkvox/);
    expect(operation).toContain('“Operation” field to sign in to wolkvox Manager');
    await page.getByText('Pace and safety (optional)').click();
    expect(await page.getByLabel('Stop when this share of rows fails').getAttribute('placeholder')).toBe('0.5');
    expect(await ui.stop()).toBe(0);
  });
});
