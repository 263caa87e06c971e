import { parseDateFormat } from './date-format.js';
import { CASES, DECIMAL_MARKS, EMPTY_POLICIES, FIELD_KEYS, FIELD_TYPES, ID_KEYS, LOOKUP_KEYS, MATCH_COMPARES, SOURCE_KEYS, TYPE_ALIASES, TYPE_OPTIONS, WRITE_MODES } from './keys.js';
import { describeValue, fieldPath, keyPath } from './problems.js';
import {
  checkBoolean,
  checkChoice,
  checkConstant,
  checkKeys,
  checkText,
  isObject,
  listChoices,
  type Problems,
} from './shape.js';
import { suggest } from './suggest.js';
import { parseTemplate } from './template.js';
import type { FieldType } from './types.js';

type SpecObject = Readonly<Record<string, unknown>>;

const has = (spec: SpecObject, key: string) => Object.hasOwn(spec, key);

/** Checks the source keys; at most one of `allowed` may be present, and one must be. */
function checkSource(spec: SpecObject, path: string, allowed: readonly string[], problems: Problems): void {
  const sources = allowed.filter((key) => has(spec, key));
  if (sources.length === 0) problems.push({ path, message: `needs one source: ${listChoices(allowed)}` });
  if (sources.length > 1) problems.push({ path, message: `has ${listChoices(sources).replace(' or ', ' and ')}; keep one source` });
  if (has(spec, 'column')) checkText(spec.column, keyPath(path, 'column'), problems, 'a column name');
  if (has(spec, 'value')) checkConstant(spec.value, keyPath(path, 'value'), problems);
  if (has(spec, 'template') && checkText(spec.template, keyPath(path, 'template'), problems, 'a template such as "{Nombre} {Apellido}"')) {
    const template = parseTemplate(spec.template);
    if (!template.ok) problems.push({ path: keyPath(path, 'template'), message: template.message });
  }
}

/** `map`, `default`, `trim` and `case`: the options an id shares with fields. */
function checkTextOptions(spec: SpecObject, path: string, problems: Problems): void {
  if (has(spec, 'map')) {
    const mapPath = keyPath(path, 'map');
    if (!isObject(spec.map)) problems.push({ path: mapPath, message: `must be an object such as { "A": "Activo" }, got ${describeValue(spec.map)}` });
    else if (Object.keys(spec.map).length === 0) problems.push({ path: mapPath, message: 'is empty; list the values to replace' });
    else for (const [key, value] of Object.entries(spec.map)) checkConstant(value, keyPath(mapPath, key, true), problems);
    if (has(spec, 'value')) problems.push({ path: mapPath, message: 'has no use with a constant "value"' });
  }
  if (has(spec, 'default')) {
    checkConstant(spec.default, keyPath(path, 'default'), problems);
    if (!has(spec, 'map')) {
      problems.push({ path: keyPath(path, 'default'), message: 'is only used with "map" (for values missing from it); an empty cell follows "empty"' });
    }
  }
  if (has(spec, 'trim')) checkBoolean(spec.trim, keyPath(path, 'trim'), problems);
  if (has(spec, 'case')) checkChoice(spec.case, CASES, keyPath(path, 'case'), problems);
}

/** The field's type, or undefined (and a problem) when it names no type. */
function checkType(spec: SpecObject, path: string, problems: Problems): FieldType | undefined {
  if (!has(spec, 'type')) return 'string';
  const type = spec.type;
  if (typeof type === 'string' && (FIELD_TYPES as readonly string[]).includes(type)) return type as FieldType;
  const meant = typeof type === 'string' ? (TYPE_ALIASES[type.toLowerCase()] ?? suggest(type, FIELD_TYPES)) : undefined;
  const hint = meant === undefined ? '' : `; did you mean "${meant}"?`;
  problems.push({ path: keyPath(path, 'type'), message: `unknown type ${describeValue(type)}${hint} (types: ${FIELD_TYPES.join(', ')})` });
  return undefined;
}

// Type-specific options: each must suit the type, and search/currency need theirs.
function checkTypeOptions(spec: SpecObject, type: FieldType, path: string, problems: Problems): void {
  for (const [key, types] of Object.entries(TYPE_OPTIONS)) {
    if (has(spec, key) && !types.includes(type)) {
      const message = `is only used by ${listChoices(types).replaceAll('"', '')} fields, and this field's type is ${type}`;
      problems.push({ path: keyPath(path, key), message });
    }
  }
  if (type === 'search' && !has(spec, 'searchModule') && !has(spec, 'lookup')) {
    problems.push({ path, message: 'a search field needs "searchModule" (the module of the linked record, such as "contacts"), or "lookup" to find the linked record by name' });
  }
  if (has(spec, 'lookup')) checkLookup(spec, keyPath(path, 'lookup'), problems);
  if (type === 'currency' && !has(spec, 'symbol')) problems.push({ path, message: 'a currency field needs "symbol" (such as "COP")' });
  if ((type === 'date' || type === 'datetime') && typeof spec.format === 'string') {
    const format = parseDateFormat(spec.format, type);
    if (!format.ok) problems.push({ path: keyPath(path, 'format'), message: format.message });
  }
  if ((type === 'date' || type === 'datetime') && typeof spec.inputFormat === 'string') {
    const format = parseDateFormat(spec.inputFormat, 'input');
    if (!format.ok) problems.push({ path: keyPath(path, 'inputFormat'), message: format.message });
  }
}

// `lookup`: the module and the field that find the linked record by the cell's text; the id comes from the
// CRM, so a column of ids (`idColumn`) would say it twice.
function checkLookup(spec: SpecObject, path: string, problems: Problems): void {
  const lookup = spec.lookup;
  if (!isObject(lookup)) {
    problems.push({ path, message: `must be an object such as { "module": "empresas", "field": "nombre" }, got ${describeValue(lookup)}` });
    return;
  }
  checkKeys(lookup, LOOKUP_KEYS, path, problems);
  if (lookup.module === undefined) problems.push({ path, message: 'needs "module": the module of the linked record, such as "empresas"' });
  else checkText(lookup.module, keyPath(path, 'module'), problems, 'a module name');
  if (lookup.field === undefined) problems.push({ path, message: 'needs "field": the field of that module holding the name, such as "nombre"' });
  else checkText(lookup.field, keyPath(path, 'field'), problems, 'a CRM field label');
  if (lookup.compare !== undefined) checkChoice(lookup.compare, MATCH_COMPARES, keyPath(path, 'compare'), problems);
  if (has(spec, 'idColumn')) problems.push({ path, message: 'cannot be used with "idColumn": the linked record\'s id comes from the column ("idColumn") or is found by name ("lookup"); remove one' });
}

/** Checks one entry of `fields`. */
export function checkField(label: string, spec: unknown, problems: Problems): void {
  const path = fieldPath(label);
  if (label.trim() === '') problems.push({ path, message: 'a field label cannot be empty' });
  else if (label !== label.trim()) problems.push({ path, message: 'the label has spaces at its start or end; CRM labels must match exactly' });
  if (typeof spec === 'string') {
    checkText(spec, path, problems, 'a column name');
    return;
  }
  if (!isObject(spec)) {
    problems.push({ path, message: `must be a column name or an object with "column", "value" or "template", got ${describeValue(spec)}` });
    return;
  }
  checkKeys(spec, FIELD_KEYS, path, problems);
  checkSource(spec, path, SOURCE_KEYS, problems);
  checkTextOptions(spec, path, problems);
  if (has(spec, 'empty')) {
    checkChoice(spec.empty, EMPTY_POLICIES, keyPath(path, 'empty'), problems);
    if (has(spec, 'value')) problems.push({ path: keyPath(path, 'empty'), message: 'has no use with a constant "value"' });
  }
  if (has(spec, 'write')) checkWrite(spec, path, problems);
  if (has(spec, 'decimal')) checkChoice(spec.decimal, DECIMAL_MARKS, keyPath(path, 'decimal'), problems);
  for (const key of ['format', 'inputFormat', 'idColumn', 'searchModule', 'symbol', 'country', 'code']) {
    if (has(spec, key)) checkText(spec[key], keyPath(path, key), problems);
  }
  const type = checkType(spec, path, problems);
  if (type !== undefined) checkTypeOptions(spec, type, path, problems);
}

// `write`: one of its modes; "if-empty" fills empty CRM fields, so it never sends an empty cell as "".
function checkWrite(spec: SpecObject, path: string, problems: Problems): void {
  const writePath = keyPath(path, 'write');
  checkChoice(spec.write, WRITE_MODES, writePath, problems);
  if (spec.write === 'if-empty' && spec.empty === 'clear') {
    problems.push({ path: writePath, message: '"if-empty" only fills a CRM field that is empty, so "empty": "clear" would clear nothing; write "empty": "skip", or "write": "always" to clear the CRM\'s value' });
  }
}

// Field keys that make no sense for an id, with the reason.
const NOT_FOR_ID: Readonly<Record<string, string>> = {
  value: 'a constant id would update the same record on every row; use "column" or "template"',
  empty: 'the id can never be empty: rows without one are reported as invalid',
  write: 'the id names the record, it is never written; set "write" on the fields',
};

/** Checks `id`: a column name, or a column/template with text options. */
export function checkId(spec: unknown, problems: Problems): void {
  if (typeof spec === 'string') {
    checkText(spec, 'id', problems, 'the name of the column holding the wolkvox id');
    return;
  }
  if (!isObject(spec)) {
    problems.push({ path: 'id', message: `must be a column name or an object with "column" or "template", got ${describeValue(spec)}` });
    return;
  }
  checkKeys(spec, ID_KEYS, 'id', problems, (key) =>
    NOT_FOR_ID[key] ?? ((FIELD_KEYS as readonly string[]).includes(key) ? 'is not used by the id, which is always text' : undefined),
  );
  checkSource(spec, 'id', ['column', 'template'], problems);
  checkTextOptions(spec, 'id', problems);
  if (has(spec, 'type') && spec.type !== 'string') {
    problems.push({ path: 'id.type', message: `the id is always text: remove "type" or set it to "string", got ${describeValue(spec.type)}` });
  }
}
