import type { Mapping, FieldSpec, FieldType, TextCase } from '../mapping/types.js';

/** How a field's value is compared with what the CRM holds: its type and its own text rules; when it is written. */
export interface FieldRule {
  readonly type: FieldType;
  readonly trim: boolean;
  readonly case?: TextCase;
  /** Only where the CRM's field is empty (plan/if-empty.ts); absent: always written. */
  readonly write?: 'if-empty';
}

/** Each mapped field's comparison rule, by CRM label. */
export function fieldRules(mapping: Mapping): ReadonlyMap<string, FieldRule> {
  const rules = new Map<string, FieldRule>();
  for (const [label, spec] of Object.entries(mapping.fields)) {
    const field: Exclude<FieldSpec, string> | undefined = typeof spec === 'string' ? undefined : spec;
    rules.set(label, { type: field?.type ?? 'string', trim: field?.trim ?? true, ...(field?.case ? { case: field.case } : {}), ...(field?.write === 'if-empty' ? { write: 'if-empty' as const } : {}) });
  }
  return rules;
}

// An object field as sent ({type, value, …}) or as read back (the same object, or only its value).
const valueOf = (value: unknown) => (value !== null && typeof value === 'object' && !Array.isArray(value) && 'value' in value ? (value as { value: unknown }).value : value);
const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function sameText(sent: unknown, held: unknown, rule: FieldRule): boolean {
  const text = (value: unknown) => {
    let result = typeof value === 'string' ? value : JSON.stringify(value);
    if (rule.trim) result = result.trim();
    if (rule.case === 'upper') result = result.toUpperCase();
    if (rule.case === 'lower') result = result.toLowerCase();
    return result;
  };
  return text(sent) === text(held);
}

/**
 * Whether the CRM already holds the value a field would send, by the field's type: `1500000.5` equals
 * `"1500000.50"` for a number, a date equals its text with or without a midnight time, text compares
 * after the field's trim and case, empty equals empty. Typed objects compare by their `value` (and the
 * rest of the object when the CRM gives it back whole).
 */
export function sameValue(sent: unknown, held: unknown, rule: FieldRule): boolean {
  if (isEmpty(sent) || isEmpty(held)) return isEmpty(sent) && isEmpty(held);
  switch (rule.type) {
    case 'number':
    case 'integer':
    case 'currency': {
      const a = Number(typeof valueOf(sent) === 'string' ? String(valueOf(sent)).replace(',', '.') : valueOf(sent));
      const b = Number(typeof valueOf(held) === 'string' ? String(valueOf(held)).replace(',', '.') : valueOf(held));
      return Number.isFinite(a) && a === b;
    }
    case 'boolean': {
      const truth = (value: unknown) => value === true || value === 1 || (typeof value === 'string' && /^(true|1|yes|sí|si)$/i.test(value.trim()));
      return truth(valueOf(sent)) === truth(valueOf(held));
    }
    case 'date':
    case 'datetime': {
      const day = (value: unknown) => String(valueOf(value)).trim().replace(/[ T]00:00(:00)?$/, '');
      return day(sent) === day(held);
    }
    case 'table':
      return JSON.stringify(valueOf(sent)) === JSON.stringify(valueOf(held));
    default: {
      // When the CRM gives the whole object back, every part of it counts (a currency's symbol, a link's id).
      const bothObjects = typeof sent === 'object' && sent !== null && typeof held === 'object' && held !== null;
      if (bothObjects) return JSON.stringify(sent) === JSON.stringify(held);
      return sameText(valueOf(sent), valueOf(held), rule);
    }
  }
}

/** Whether every field a row would send already has that value in the CRM. */
export function isUnchanged(fields: Readonly<Record<string, unknown>>, held: Readonly<Record<string, unknown>>, rules: ReadonlyMap<string, FieldRule>): boolean {
  return Object.entries(fields).every(([label, value]) => sameValue(value, held[label], rules.get(label) ?? { type: 'string', trim: true }));
}
