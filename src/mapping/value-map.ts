import { cellText } from '../input/cells.js';
import type { FilledCell } from './typed-value.js';
import { fail, ok, type Result } from './result.js';
import type { Constant } from './types.js';

/** A field's (or the id's) `map` with its `default`. */
export interface ValueMap {
  readonly map: Readonly<Record<string, Constant>>;
  readonly default?: Constant;
}

const LISTED_KEYS = 10;

/**
 * Replaces a cell by its `map` entry: the trimmed text is matched exactly first, then ignoring case. A value
 * missing from the map becomes `default`, or is refused (the type is applied to the result afterwards).
 */
export function mapValue(cell: FilledCell, valueMap: ValueMap): Result<FilledCell> {
  const text = cellText(cell).trim();
  const keys = Object.keys(valueMap.map);
  const key = Object.hasOwn(valueMap.map, text) ? text : keys.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
  const found = key === undefined ? undefined : valueMap.map[key];
  if (found !== undefined) return ok(found);
  if (valueMap.default !== undefined) return ok(valueMap.default);
  return fail('value.not-in-map', { text, keys: keys.slice(0, LISTED_KEYS), more: keys.length > LISTED_KEYS });
}
