// English for what an unattended job meets that its first build left out: a flag of one value given twice,
// and a watched file that cannot be moved where it goes.

export const enUnattended2 = {
  'cli.flag-repeated': (p: { flag: string; times: number }) => `${p.flag} was given ${p.times} times: give it once (it takes one value).`,
} satisfies Record<string, (params: never) => string>;
