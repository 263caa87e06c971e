import { fail, ok, type Result } from './result.js';

export type TemplatePart = { readonly literal: string } | { readonly column: string };

/** `{Nombre} {Apellido}` split into literals and column placeholders. */
export interface Template {
  readonly text: string;
  readonly parts: readonly TemplatePart[];
  /** The columns it reads, each once, in order. */
  readonly columns: readonly string[];
}

/** Reads a template; `{{` and `}}` stand for literal braces. */
export function parseTemplate(text: string): Result<Template> {
  const parts: TemplatePart[] = [];
  let literal = '';
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    const next = text.charAt(index + 1);
    if ((char === '{' || char === '}') && next === char) {
      literal += char;
      index += 2;
    } else if (char === '}') {
      return fail('template.brace-unopened', { at: index + 1 });
    } else if (char === '{') {
      const end = text.indexOf('}', index + 1);
      const inner = end < 0 ? '' : text.slice(index + 1, end);
      if (end < 0 || inner.includes('{')) {
        return fail('template.brace-unclosed', { at: index + 1 });
      }
      if (inner.trim() === '') return fail('template.no-column', { at: index + 1 });
      if (literal !== '') parts.push({ literal });
      literal = '';
      parts.push({ column: inner });
      index = end + 1;
    } else {
      literal += char;
      index++;
    }
  }
  if (literal !== '') parts.push({ literal });
  const columns = [...new Set(parts.flatMap((part) => ('column' in part ? [part.column] : [])))];
  if (columns.length === 0) return fail('template.no-placeholder');
  return ok({ text, parts, columns });
}
