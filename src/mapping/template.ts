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
      return fail(`"}" at position ${index + 1} has no "{" before it; write "}}" for a literal brace`);
    } else if (char === '{') {
      const end = text.indexOf('}', index + 1);
      const inner = end < 0 ? '' : text.slice(index + 1, end);
      if (end < 0 || inner.includes('{')) {
        return fail(`"{" at position ${index + 1} is not closed by "}"; write "{{" for a literal brace`);
      }
      if (inner.trim() === '') return fail(`"{}" at position ${index + 1} names no column`);
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
  if (columns.length === 0) return fail('has no {Column} placeholder; for the same text on every row use "value"');
  return ok({ text, parts, columns });
}
