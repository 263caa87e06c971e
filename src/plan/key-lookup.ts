import type { MapResult, MappedRow, UnmatchedAction } from '../core/types.js';
import type { MappedInput } from './preflight.js';

/** With a mapping's `match`: each key's record, found before the check plans the rows. */
export interface KeyLookup {
  /** The id of the one record holding this key (normalised), or why a row with it has none. */
  find(key: string): { readonly id: string } | KeyMiss;
}

/** A key that gives its row no record: none holds it, or several do, and the message that says which. */
export interface KeyMiss {
  readonly action: UnmatchedAction;
  readonly problem: string;
}

/**
 * The input mapped with each row's key turned into its record's id, so the check, the duplicates, `--since`
 * and the plan all see ids. A row whose key has no record keeps its key, and `missOf` says why: the
 * check plans it failed (not found, or ambiguous) with that reason, and nothing is sent for it.
 */
export function withKeys(input: MappedInput, keys: KeyLookup): { readonly input: MappedInput; missOf(result: MapResult): KeyMiss | undefined } {
  const unmatched = new WeakMap<MappedRow, KeyMiss>();
  const mapRow = (row: Parameters<MappedInput['mapping']['mapRow']>[0]): MapResult => {
    const result = input.mapping.mapRow(row);
    if (result.kind === 'invalid') return result;
    const found = keys.find(result.kind === 'mapped' ? result.row.id : result.id);
    // A row with nothing to send names its record only when another row's key found it: a key is no id.
    if (result.kind === 'empty') return { ...result, id: 'id' in found ? found.id : '' };
    if ('id' in found) return { kind: 'mapped', row: { ...result.row, id: found.id } };
    unmatched.set(result.row, found);
    return result;
  };
  return {
    input: { source: input.source, mapping: { ...input.mapping, mapRow } },
    missOf: (result) => (result.kind === 'mapped' ? unmatched.get(result.row) : undefined),
  };
}
