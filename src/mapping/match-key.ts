import { cellText } from '../input/cells.js';
import { message, type Message } from '../core/say.js';
import type { RowProblem, SourceRow } from '../core/types.js';
import { rowProblem } from './result.js';
import type { ColumnReference } from './compile-field.js';
import type { MatchCompare, MatchSpec } from './types.js';

// What `document` sets aside: the separators people write in document numbers (1.234.567, 1 234 567,
// 900-123-456, 12/345) and the thousands mark of either decimal convention.
const DOCUMENT_SEPARATORS = /[\s.,\-_/\u2010-\u2015]/gu;

/**
 * A key as it is compared: the same function reads the file's cell and, when keys are resolved, the
 * CRM's field, so both sides are normalised alike. Text is NFC-composed so an accent typed two ways is one key.
 */
export function normalizeKey(text: string, compare: MatchCompare): string {
  const trimmed = text.normalize('NFC').trim();
  if (compare === 'exact') return trimmed;
  if (compare === 'ignore-case') return trimmed.toLowerCase();
  return trimmed.replace(DOCUMENT_SEPARATORS, '').toLowerCase();
}

/** The rule a row's key follows, as the plan records it and key resolution reads it. */
export interface MatchRule {
  readonly column: string;
  readonly field: string;
  readonly compare: MatchCompare;
}

export interface CompiledMatch {
  readonly rule: MatchRule;
  readonly references: readonly ColumnReference[];
  /** The row's key, normalised: what the plan records in place of an id. */
  read(row: SourceRow): { readonly id: string } | { readonly problem: RowProblem };
}

/** Compiles `match`: the key is the trimmed text of its column, never empty, compared as `compare` says. */
export function compileMatch(spec: MatchSpec): CompiledMatch {
  const rule: MatchRule = { column: spec.column, field: spec.field, compare: spec.compare ?? 'exact' };
  const read = (row: SourceRow): { id: string } | { problem: RowProblem } => {
    const problem = (said: Message) => ({ problem: rowProblem(row.rowNumber, { column: rule.column }, said) });
    const cell = row.values[rule.column];
    const text = cell === undefined ? '' : cellText(cell);
    if (cell !== undefined && typeof cell === 'object' && cell.kind === 'error') {
      return problem(message('row.key-error', { error: cell.error, field: rule.field }));
    }
    if (text.trim() === '') return problem(message('row.key-empty', { field: rule.field }));
    const key = normalizeKey(text, rule.compare);
    if (key === '') return problem(message('row.key-no-letter', { key: text.trim(), field: rule.field }));
    return { id: key };
  };
  return { rule, references: [{ path: 'match.column', column: rule.column }], read };
}
