import { message, type Message } from '../core/say.js';
import { suggest } from './suggest.js';
import type { Mapping } from './types.js';

/** A CRM field a mapping writes (or matches by) that the module's records do not have, with the nearest one. */
export interface UnknownField {
  readonly field: string;
  readonly meant?: string;
  readonly said: Message;
}

/**
 * The mapping's CRM field labels (its fields, and `match`'s field) that are not among the module's
 * labels, each with the label most likely meant ("Emial" → "Email"). A warning, not a refusal: a record
 * read may not show a field that exists, so the person decides.
 */
export function unknownFieldNames(mapping: Mapping, known: readonly string[], module: string): UnknownField[] {
  const labels = new Set(known);
  const written = [...Object.keys(mapping.fields), ...(mapping.match ? [mapping.match.field] : [])];
  return [...new Set(written)]
    .filter((field) => !labels.has(field))
    .map((field) => {
      const meant = suggest(field, known);
      return { field, ...(meant === undefined ? {} : { meant }), said: message('fields.unknown', { field, module, ...(meant === undefined ? {} : { meant }) }) };
    });
}
