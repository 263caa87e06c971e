/** Lower case, no accents, no surrounding spaces: `Cédula ` and `cedula` compare equal. */
export const looseName = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

/** Levenshtein distance, one row at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate a user most likely meant: the same name ignoring case and accents, or else the closest one
 * at most two edits away (and fewer edits than the word has letters, so `id` never suggests `to`).
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const loose = looseName(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance = editDistance(loose, looseName(candidate));
    if (distance < bestDistance && distance <= 2 && distance < loose.length) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
