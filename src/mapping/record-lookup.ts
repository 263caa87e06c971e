import { normalizeKey } from './match-key.js';
import type { Mapping, MatchCompare } from './types.js';

/**
 * A search field's `lookup` as a run records it: its label in `fields`, and the module, field and
 * comparison that find the linked record by the name the field sends.
 */
export interface LookupRule {
  readonly label: string;
  readonly module: string;
  readonly field: string;
  readonly compare: MatchCompare;
}

/** The fields of a mapping that find their linked record by name, in the mapping's order. */
export function lookupRules(mapping: Pick<Mapping, 'fields'>): LookupRule[] {
  const rules: LookupRule[] = [];
  for (const [label, spec] of Object.entries(mapping.fields)) {
    if (typeof spec === 'string' || spec.lookup === undefined) continue;
    const { module, field, compare = 'exact' } = spec.lookup;
    rules.push({ label, module, field, compare });
  }
  return rules;
}

/** Lookups that read the same thing (a module's field, compared alike): one read serves all their fields. */
export interface LookupRead {
  readonly module: string;
  readonly field: string;
  readonly compare: MatchCompare;
  /** The labels of the fields it finds records for. */
  readonly labels: readonly string[];
}

/** The reads a run's lookups need, each once, in the order of their first field. */
export function lookupReads(rules: readonly LookupRule[]): LookupRead[] {
  const reads = new Map<string, { module: string; field: string; compare: MatchCompare; labels: string[] }>();
  for (const { label, module, field, compare } of rules) {
    const key = JSON.stringify([module, field, compare]);
    const read = reads.get(key) ?? { module, field, compare, labels: [] };
    read.labels.push(label);
    reads.set(key, read);
  }
  return [...reads.values()];
}

/** A search field's value in a row's body, as the check mapped it: the name sent, and the linked id once found. */
interface SearchValue {
  readonly type: 'search';
  readonly value: string;
  readonly value_id?: string;
}

const isSearchValue = (value: unknown): value is SearchValue =>
  typeof value === 'object' && value !== null && (value as SearchValue).type === 'search' && typeof (value as SearchValue).value === 'string';

/**
 * The name a row's field looks its linked record up by, normalised as the lookup compares (the same
 * function reads the CRM's field), and as the row wrote it; undefined when the field sends no name to
 * look up (left out, cleared) or already has its linked id.
 */
export function lookupName(value: unknown, compare: MatchCompare): { readonly key: string; readonly text: string } | undefined {
  if (!isSearchValue(value) || value.value_id !== undefined) return undefined;
  const key = normalizeKey(value.value, compare);
  return key === '' ? undefined : { key, text: value.value.trim() };
}

/** Each name a row's body sends to a read, normalised, with the read's place in `reads`. */
export function forEachName(fields: Readonly<Record<string, unknown>>, reads: readonly LookupRead[], visit: (n: number, key: string) => void): void {
  reads.forEach((read, n) => {
    for (const label of read.labels) {
      const name = lookupName(fields[label], read.compare);
      if (name) visit(n, name.key);
    }
  });
}

/** The field's value with the linked record's id, as sent. */
export function withLinkedId(value: unknown, id: string): unknown {
  return { ...(value as SearchValue), value_id: id };
}
