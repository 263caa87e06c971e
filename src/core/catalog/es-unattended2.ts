import type { enUnattended2 } from './en-unattended2.js';

// Spanish for what an unattended job meets that its first build left out (en-unattended2.ts).

type Words = typeof enUnattended2;

export const esUnattended2: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'cli.flag-repeated': (p) => `${p.flag} se indicó ${p.times} veces: indíquelo una sola vez (admite un solo valor).`,
};
