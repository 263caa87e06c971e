import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

// The page's counts read as the library's do (core/text.ts countedIn): one is singular, "1 fila", never
// "1 filas" (issue 20's leftover: the check said "se pueden enviar 1 filas"). The translator is the page's
// own module, read as the page reads it; no browser needed.

type Texts = Record<string, string>;
type Translate = (key: string, params?: Record<string, unknown>) => string;
const i18n = async () => (await import(path.join(ROOT, 'web/i18n.js'))) as { translator: (lang: string) => Translate };
const textsOf = async (lang: string): Promise<Texts> => ((await import(path.join(ROOT, 'web/lang', `${lang}.js`))) as { default: Texts }).default;

describe('the page says a count of one in the singular', () => {
  it('the check: "1 fila" / "1 row", and the plural from 2 (a number or one written as the language writes it)', async () => {
    const { translator } = await i18n();
    const [es, en] = [translator('es'), translator('en')];
    expect(es('check.ready', { n: '1' })).toBe('Listo: se puede enviar 1 fila.');
    expect(es('check.ready', { n: 1 })).toBe('Listo: se puede enviar 1 fila.');
    expect(es('check.ready', { n: '2.400' })).toBe('Listo: se pueden enviar 2.400 filas.');
    expect(en('check.ready', { n: '1' })).toBe('Ready: 1 row can be sent.');
    expect(en('check.ready', { n: '0' })).toBe('Ready: 0 rows can be sent.');
    expect(es('confirm.yes', { n: '1' })).toBe('Sí, enviar 1 fila');
    expect(es('send.canaryDone', { n: '1' })).toBe('La prueba terminó: 1 fila actualizada. Revísela en el CRM; si está bien, envíe el resto.');
  });

  it.each(['es', 'en'])('%s: every text that counts {n} of something has its singular, and every singular its plural', async (lang) => {
    const texts = await textsOf(lang);
    // "{n} filas", "las {n} columnas", "{n} more API requests"…; uploads.confirmRuns has its own singular (uploads.confirmRun).
    const counting = lang === 'es' ? /\{n\} (\p{L}+ )?\p{L}+s\b/u : /\{n\} (more )?(\p{L}+ )?\p{L}+s\b/u;
    const plural = Object.entries(texts).filter(([key, text]) => !key.endsWith('.one') && key !== 'uploads.confirmRuns' && counting.test(text)).map(([key]) => key);
    expect(plural.length).toBeGreaterThan(15);
    expect(plural.filter((key) => texts[`${key}.one`] === undefined)).toEqual([]);
    const singulars = Object.keys(texts).filter((key) => key.endsWith('.one'));
    expect(singulars.filter((key) => texts[key.slice(0, -'.one'.length)] === undefined)).toEqual([]);
    expect(singulars.filter((key) => texts[key]?.includes('{n}'))).toEqual([]);
  });

  it('Spanish and English have the same singulars', async () => {
    const singulars = async (lang: string) => Object.keys(await textsOf(lang)).filter((key) => key.endsWith('.one')).sort();
    expect(await singulars('es')).toEqual(await singulars('en'));
  });
});
