// Every import of a TypeScript file, in every form it can take, for test/architecture.test.ts. Comments,
// string contents and regular expressions are set aside first, so that `import` in a message or a comment
// is not read as one and a quote in a regex does not open a string; then each form is matched, and any
// `import` or `from '…'` no form accounts for is reported, so a form this file does not know fails the
// test instead of passing unseen.

export type ImportForm = 'static' | 'side-effect' | 'export-from' | 'dynamic' | 'require';

export interface FoundImport {
  readonly specifier: string;
  readonly form: ImportForm;
  readonly line: number;
}

export interface ScannedFile {
  readonly imports: readonly FoundImport[];
  /** Lines of an `import` or `from '…'` that no form matched, or a dynamic import of a computed name. */
  readonly unread: readonly number[];
}

// A string literal is replaced by \0<index>\0 in the code the forms are matched against.
const STRING = String.raw`\u0000(\d+)\u0000`;
const NAME = String.raw`[\w$]+`;
const CLAUSE = String.raw`(?:type\s+)?(?:${NAME}\s*,?\s*)?(?:\*\s*as\s+${NAME}|\{[^}]*\})?`;
const FORMS: readonly [ImportForm, RegExp][] = [
  ['static', new RegExp(String.raw`\bimport\s+${CLAUSE}\s*\bfrom\s*${STRING}`, 'g')],
  ['side-effect', new RegExp(String.raw`\bimport\s*${STRING}`, 'g')],
  ['export-from', new RegExp(String.raw`\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+${NAME})?|\{[^}]*\})\s*from\s*${STRING}`, 'g')],
  ['dynamic', new RegExp(String.raw`\bimport\s*\(\s*${STRING}\s*[,)]`, 'g')],
  ['require', new RegExp(String.raw`(?<![.\w$])require\s*\(\s*${STRING}\s*\)`, 'g')],
];
// What starts an import whatever its form (not `import.meta`), and what ends one.
const IMPORT_WORD = /(?<!\.\s*)\bimport\b(?!\s*\.)/g;
const FROM = new RegExp(String.raw`\bfrom\s*${STRING}`, 'g');

export function scanImports(source: string): ScannedFile {
  const { code, strings } = setAside(source);
  const lineOf = (index: number) => code.slice(0, index).split('\n').length;
  const imports: FoundImport[] = [];
  const covered: [start: number, end: number][] = [];
  for (const [form, pattern] of FORMS) {
    for (const match of code.matchAll(pattern)) {
      imports.push({ specifier: strings[Number(match[1])] as string, form, line: lineOf(match.index) });
      covered.push([match.index, match.index + match[0].length]);
    }
  }
  const inForm = (index: number) => covered.some(([start, end]) => index >= start && index < end);
  const unread = [...code.matchAll(IMPORT_WORD), ...code.matchAll(FROM)].filter((match) => !inForm(match.index)).map((match) => lineOf(match.index));
  return { imports: imports.sort((a, b) => a.line - b.line), unread: [...new Set(unread)].sort((a, b) => a - b) };
}

// Words after which a `/` starts a regular expression rather than a division.
const BEFORE_REGEX = /(?:[(,=:[!&|?{};+\-*%<>~^]|\b(?:return|typeof|case|do|else|in|of|void|yield|await|delete|throw|new))\s*$/;
const startsRegex = (code: string) => code.trim() === '' || BEFORE_REGEX.test(code.slice(-16));

/** The code with comments blanked, strings as \0<index>\0 (their values in `strings`), regexes as /r/. */
function setAside(source: string): { code: string; strings: string[] } {
  const strings: string[] = [];
  let code = '';
  let i = 0;
  const newlines = (text: string) => text.replace(/[^\n]/g, '');
  const placeholder = (value: string, raw: string) => {
    strings.push(value);
    code += `\u0000${strings.length - 1}\u0000${newlines(raw)}`;
  };
  // Template literals nest: `a ${b ? `c` : d} e`. Each open one is the depth of braces it started at.
  const templates: number[] = [];
  let braces = 0;
  const readTemplate = () => {
    const start = i;
    let text = '';
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (source.startsWith('${', i)) {
        placeholder(text, source.slice(start, i));
        templates.push(braces);
        braces += 1;
        code += '(';
        i += 2;
        return;
      } else text += source[i++];
    }
    i += 1;
    placeholder(text, source.slice(start, i));
  };
  while (i < source.length) {
    const char = source[i] as string;
    if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i += 1;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      code += ` ${newlines(source.slice(i, stop))}`;
      i = stop;
    } else if (char === '"' || char === "'") {
      let value = '';
      i += 1;
      while (i < source.length && source[i] !== char) {
        if (source[i] === '\\') i += 1;
        value += source[i++] ?? '';
      }
      i += 1;
      placeholder(value, '');
    } else if (char === '`') {
      i += 1;
      readTemplate();
    } else if (char === '/' && startsRegex(code)) {
      let inClass = false;
      i += 1;
      while (i < source.length && (inClass || source[i] !== '/') && source[i] !== '\n') {
        if (source[i] === '\\') i += 1;
        else if (source[i] === '[') inClass = true;
        else if (source[i] === ']') inClass = false;
        i += 1;
      }
      i += 1;
      while (/[a-z]/.test(source[i] ?? '')) i += 1;
      code += '/r/';
    } else if (char === '}' && templates.length > 0 && braces - 1 === templates.at(-1)) {
      // The end of a template's `${…}`: back to its text.
      templates.pop();
      braces -= 1;
      code += ')';
      i += 1;
      readTemplate();
    } else {
      if (char === '{') braces += 1;
      if (char === '}') braces -= 1;
      code += char;
      i += 1;
    }
  }
  return { code, strings };
}
