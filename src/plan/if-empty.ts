import { message, say } from '../core/say.js';
import type { FieldRule } from './unchanged.js';

/**
 * `"write": "if-empty"`: a field is sent only where the CRM's field is empty, as read before the first
 * update. Empty is a field the record lacks, null, text that is "" or only spaces (Excel and the CRM's
 * forms leave those), an empty list, or a typed object ({value, …}) whose value is empty so.
 */
export function isEmptyInCrm(held: unknown): boolean {
  if (held === undefined || held === null) return true;
  if (typeof held === 'string') return held.trim() === '';
  if (Array.isArray(held)) return held.length === 0;
  if (typeof held === 'object' && 'value' in held) return isEmptyInCrm((held as { value: unknown }).value);
  return false;
}

/** The labels of the fields written only where the CRM's is empty, in the mapping's order. */
export function ifEmptyLabels(rules: Readonly<Record<string, FieldRule>>): string[] {
  return Object.entries(rules).flatMap(([label, rule]) => (rule.write === 'if-empty' ? [label] : []));
}

/** A row's body once its if-empty fields are decided: what is sent, and the fields left as the CRM has them. */
export interface FilledBody {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly kept: readonly string[];
}

/**
 * Leaves out each if-empty field the CRM holds a value in (`held`: the record as read), and each whose
 * own value is empty (an inherited `"empty": "clear"`: filling an empty field with "" changes nothing).
 * The other fields go as planned, in their order.
 */
export function fillOnlyEmpty(fields: Readonly<Record<string, unknown>>, held: Readonly<Record<string, unknown>>, ifEmpty: ReadonlySet<string>): FilledBody {
  const sent: Record<string, unknown> = {};
  const kept: string[] = [];
  for (const [label, value] of Object.entries(fields)) {
    if (ifEmpty.has(label) && (!isEmptyInCrm(held[label]) || isEmptyInCrm(value))) kept.push(label);
    else sent[label] = value;
  }
  return { fields: sent, kept };
}

/** Why a row's if-empty fields were left out, said in results.csv (in the run's language: the message). */
export const keptSaid = (kept: readonly string[], nothingLeft: boolean) => message('note.if-empty-kept', { fields: kept, nothingLeft });

/** The same, in English. */
export const keptMessage = (kept: readonly string[], nothingLeft: boolean): string => say(keptSaid(kept, nothingLeft), 'en');
