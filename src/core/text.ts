// Numbers in sentences a person reads: grouped digits and the right form of the noun ("1 row", "2,400 rows").

/** How each language groups a number's digits: 2,400 in English; 2.400 and 1.234,5 in Spanish, as Colombia writes it. */
export const LOCALE_OF = { en: 'en-US', es: 'es-CO' } as const;

/** 2400 → "2.400" in Spanish, "2,400" in English. */
export const countIn = (lang: keyof typeof LOCALE_OF, value: number) => value.toLocaleString(LOCALE_OF[lang]);

/** "1 fila", "2.400 filas"; an irregular plural is given ("1 retry", "2 retries"). */
export const countedIn = (lang: keyof typeof LOCALE_OF, value: number, singular: string, plural = `${singular}s`) => `${countIn(lang, value)} ${value === 1 ? singular : plural}`;

/** 2400 → "2,400" (English). */
export const count = (value: number) => countIn('en', value);

/** "1 row", "0 rows", "1,500 rows" (English); an irregular plural is given ("1 retry", "2 retries"). */
export const counted = (value: number, singular: string, plural = `${singular}s`) => countedIn('en', value, singular, plural);

/** Sizes as a person reads them, in binary units named as people name them: 512 MB, 1.5 GB (1,5 GB in Spanish). */
export function sizeIn(lang: keyof typeof LOCALE_OF, bytes: number): string {
  const gb = bytes / 1024 ** 3;
  if (gb >= 1) return `${countIn(lang, Number.parseFloat(gb.toFixed(1)))} GB`;
  return `${countIn(lang, Math.max(1, Math.round(bytes / 1024 ** 2)))} MB`;
}
