import { fail, ok, type Result } from './result.js';
import { looseName } from './suggest.js';

// Words people type for yes and no, compared without case or accents (`Sí`, `SI`, `si`). An `x` marks
// yes in a check column; its empty partner is an empty cell, which follows the field's `empty` policy.
const WORDS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['false', false],
  ['verdadero', true],
  ['falso', false],
  ['si', true],
  ['yes', true],
  ['no', false],
  ['1', true],
  ['0', false],
  ['x', true],
]);

export const BOOLEAN_WORDS = 'true/false, sí/no, yes/no, verdadero/falso, 1/0, x';

/** Reads yes/no text; anything else is refused with the accepted words. */
export function parseBooleanText(text: string): Result<boolean> {
  const value = WORDS.get(looseName(text));
  return value === undefined ? fail('value.not-yes-no', { text, accepted: BOOLEAN_WORDS }) : ok(value);
}
