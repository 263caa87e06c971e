import type { JsonProblem } from '../core/catalog/en.js';
import { keyPath } from './problems.js';

/**
 * A small JSON reader that only looks for mistakes, because `JSON.parse` on Node 20 often names no
 * position ("Unexpected token '}'") and silently keeps the last of two equal keys (two "Email" fields).
 */

export interface JsonSyntaxError {
  readonly problem: JsonProblem;
  readonly line: number;
  readonly column: number;
}

export interface JsonScan {
  /** The first syntax error, if any. */
  readonly error?: JsonSyntaxError;
  /** Paths of keys written twice in one object, such as `fields."Email"`. */
  readonly duplicates: readonly string[];
}

class Stop {
  constructor(
    readonly offset: number,
    readonly problem: JsonProblem,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrt';

// Keys chosen by users (field labels, map entries) are quoted in paths, as in the checker's messages.
const childPath = (parent: string, key: string) =>
  keyPath(parent, key, parent === 'fields' || parent.endsWith('.map') ? true : undefined);

export function scanJson(text: string): JsonScan {
  let index = 0;
  const duplicates: string[] = [];
  const peek = () => text.charAt(index);
  const skipSpace = () => {
    while (index < text.length && ' \t\n\r'.includes(peek())) index++;
  };
  type Hint = Extract<JsonProblem, { kind: 'token' }>['hint'];
  const unexpected = (hint?: Hint): never => {
    if (index >= text.length) throw new Stop(index, { kind: 'end' });
    const char = peek();
    const why = char === "'" ? 'single-quote' : char === '/' ? 'comment' : hint;
    throw new Stop(index, { kind: 'token', char, ...(why ? { hint: why } : {}) });
  };

  const readString = (): string => {
    const start = index++;
    while (index < text.length) {
      const char = peek();
      if (char === '"') return JSON.parse(text.slice(start, ++index)) as string;
      if (char === '\\') {
        const escape = text.charAt(index + 1);
        const valid =
          (escape !== '' && ESCAPES.includes(escape)) || (escape === 'u' && /^[\da-f]{4}$/i.test(text.slice(index + 2, index + 6)));
        if (!valid) throw new Stop(index, { kind: 'bad-escape', escape });
        index += escape === 'u' ? 6 : 2;
      } else if (char < ' ') {
        throw new Stop(index, { kind: 'control-in-string' });
      } else {
        index++;
      }
    }
    throw new Stop(start, { kind: 'unterminated-string' });
  };

  const readList = (close: string, readItem: () => void) => {
    index++;
    skipSpace();
    if (peek() === close) {
      index++;
      return;
    }
    for (;;) {
      readItem();
      skipSpace();
      if (peek() === close) {
        index++;
        return;
      }
      if (peek() !== ',') unexpected('comma-missing');
      index++;
      skipSpace();
      if (peek() === close) unexpected('trailing-comma');
    }
  };

  const readValue = (path: string): void => {
    skipSpace();
    const char = peek();
    if (char === '{') {
      const seen = new Set<string>();
      readList('}', () => {
        skipSpace();
        if (peek() !== '"') unexpected('key-expected');
        const key = readString();
        if (seen.has(key)) duplicates.push(childPath(path, key));
        seen.add(key);
        skipSpace();
        if (peek() !== ':') unexpected('colon-expected');
        index++;
        readValue(childPath(path, key));
      });
    } else if (char === '[') {
      let item = 0;
      readList(']', () => readValue(`${path}[${item++}]`));
    } else if (char === '"') {
      readString();
    } else {
      NUMBER.lastIndex = index;
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, index));
      if (literal !== undefined) index += literal.length;
      else if (NUMBER.test(text)) index = NUMBER.lastIndex;
      else unexpected();
    }
  };

  try {
    readValue('');
    skipSpace();
    if (index < text.length) unexpected('after-end');
    return { duplicates };
  } catch (stop) {
    if (!(stop instanceof Stop)) throw stop;
    const before = text.slice(0, stop.offset);
    const line = before.split('\n').length;
    const column = stop.offset - before.lastIndexOf('\n');
    return { error: { problem: stop.problem, line, column }, duplicates };
  }
}
