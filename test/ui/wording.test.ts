import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

// The page's own texts, read as the page reads them; no browser needed (issue 20). Contact-centre staff read
// "llamada" as a phone call, "cuerpo" means nothing to them, and an endpoint name says nothing a person can use.
const textsOf = async (lang: string): Promise<Record<string, string>> =>
  ((await import(path.join(ROOT, 'web/lang', `${lang}.js`))) as { default: Record<string, string> }).default;

// Placeholders ({calls}) are the code's names, not words on the page.
const matching = (texts: Record<string, string>, pattern: RegExp): string[] =>
  Object.entries(texts).filter(([, text]) => pattern.test(text.replace(/\{\w+\}/g, ''))).map(([key, text]) => `${key}: ${text}`);

describe('the page’s texts speak to contact-centre staff', () => {
  it('Spanish says “solicitudes a la API”, never “llamadas”, and what is sent, never “cuerpos”', async () => {
    const es = await textsOf('es');
    expect(matching(es, /\bllamadas?\b/i)).toEqual([]);
    expect(matching(es, /cuerpos?\b/i)).toEqual([]);
  });

  it('English says “API requests”, never “calls”, and names no request body', async () => {
    const en = await textsOf('en');
    expect(matching(en, /\bcalls?\b/i)).toEqual([]);
    expect(matching(en, /\bbod(y|ies)\b/i)).toEqual([]);
  });

  it.each(['es', 'en'])('%s names no endpoint (update.php, query.php…)', async (lang) => {
    expect(matching(await textsOf(lang), /\.php\b/)).toEqual([]);
  });
});
