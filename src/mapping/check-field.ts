import { parseDateFormat } from './date-format.js';
import { CASES, DECIMAL_MARKS, EMPTY_POLICIES, FIELD_KEYS, FIELD_TYPES, ID_KEYS, LOOKUP_KEYS, MATCH_COMPARES, SOURCE_KEYS, TYPE_ALIASES, TYPE_OPTIONS, WRITE_MODES } from './keys.js';
import { describeValue, fieldPath, keyPath, problem, problemAt } from './problems.js';
import {
  checkBoolean,
  checkChoice,
  checkConstant,
  checkKeys,
  checkText,
  isObject,
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
  if (sources.length === 0) problems.push(problem(path, 'mapping.needs-source', { choices: allowed }));
  if (sources.length > 1) problems.push(problem(path, 'mapping.two-sources', { sources }));
  if (has(spec, 'column')) checkText(spec.column, keyPath(path, 'column'), problems, 'column');
  if (has(spec, 'value')) checkConstant(spec.value, keyPath(path, 'value'), problems);
  if (has(spec, 'template') && checkText(spec.template, keyPath(path, 'template'), problems, 'template')) {
    const template = parseTemplate(spec.template);
    if (!template.ok) problems.push(problemAt(keyPath(path, 'template'), template.said));
  }
}

/** `map`, `default`, `trim` and `case`: the options an id shares with fields. */
function checkTextOptions(spec: SpecObject, path: string, problems: Problems): void {
  if (has(spec, 'map')) {
    const mapPath = keyPath(path, 'map');
    if (!isObject(spec.map)) problems.push(problem(mapPath, 'mapping.must-be-object', { what: 'map', got: describeValue(spec.map) }));
    else if (Object.keys(spec.map).length === 0) problems.push(problem(mapPath, 'mapping.map-empty'));
    else for (const [key, value] of Object.entries(spec.map)) checkConstant(value, keyPath(mapPath, key, true), problems);
    if (has(spec, 'value')) problems.push(problem(mapPath, 'mapping.useless-with-value'));
  }
  if (has(spec, 'default')) {
    checkConstant(spec.default, keyPath(path, 'default'), problems);
    if (!has(spec, 'map')) {
      problems.push(problem(keyPath(path, 'default'), 'mapping.default-without-map'));
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
  problems.push(problem(keyPath(path, 'type'), 'mapping.unknown-type', { got: describeValue(type), meant, types: FIELD_TYPES }));
  return undefined;
}

// Type-specific options: each must suit the type, and search/currency need theirs.
function checkTypeOptions(spec: SpecObject, type: FieldType, path: string, problems: Problems): void {
  for (const [key, types] of Object.entries(TYPE_OPTIONS)) {
    if (has(spec, key) && !types.includes(type)) {
      problems.push(problem(keyPath(path, key), 'mapping.option-not-for-type', { types, type }));
    }
  }
  if (type === 'search' && !has(spec, 'searchModule') && !has(spec, 'lookup')) {
    problems.push(problem(path, 'mapping.needs', { what: 'search.module' }));
  }
  if (has(spec, 'lookup')) checkLookup(spec, keyPath(path, 'lookup'), problems);
  if (type === 'currency' && !has(spec, 'symbol')) problems.push(problem(path, 'mapping.needs', { what: 'currency.symbol' }));
  if ((type === 'date' || type === 'datetime') && typeof spec.format === 'string') {
    const format = parseDateFormat(spec.format, type);
    if (!format.ok) problems.push(problemAt(keyPath(path, 'format'), format.said));
  }
  if ((type === 'date' || type === 'datetime') && typeof spec.inputFormat === 'string') {
    const format = parseDateFormat(spec.inputFormat, 'input');
    if (!format.ok) problems.push(problemAt(keyPath(path, 'inputFormat'), format.said));
  }
}

// `lookup`: the module and the field that find the linked record by the cell's text; the id comes from the
// CRM, so a column of ids (`idColumn`) would say it twice.
function checkLookup(spec: SpecObject, path: string, problems: Problems): void {
  const lookup = spec.lookup;
  if (!isObject(lookup)) {
    problems.push(problem(path, 'mapping.must-be-object', { what: 'lookup', got: describeValue(lookup) }));
    return;
  }
  checkKeys(lookup, LOOKUP_KEYS, path, problems);
  if (lookup.module === undefined) problems.push(problem(path, 'mapping.needs', { what: 'lookup.module' }));
  else checkText(lookup.module, keyPath(path, 'module'), problems, 'module');
  if (lookup.field === undefined) problems.push(problem(path, 'mapping.needs', { what: 'lookup.field' }));
  else checkText(lookup.field, keyPath(path, 'field'), problems, 'crm-field');
  if (lookup.compare !== undefined) checkChoice(lookup.compare, MATCH_COMPARES, keyPath(path, 'compare'), problems);
  if (has(spec, 'idColumn')) problems.push(problem(path, 'mapping.lookup-and-id-column'));
}

/** Checks one entry of `fields`. */
export function checkField(label: string, spec: unknown, problems: Problems): void {
  const path = fieldPath(label);
  if (label.trim() === '') problems.push(problem(path, 'mapping.label-empty'));
  else if (label !== label.trim()) problems.push(problem(path, 'mapping.label-spaces'));
  if (typeof spec === 'string') {
    checkText(spec, path, problems, 'column');
    return;
  }
  if (!isObject(spec)) {
    problems.push(problem(path, 'mapping.must-be-object', { what: 'field', got: describeValue(spec) }));
    return;
  }
  checkKeys(spec, FIELD_KEYS, path, problems);
  checkSource(spec, path, SOURCE_KEYS, problems);
  checkTextOptions(spec, path, problems);
  if (has(spec, 'empty')) {
    checkChoice(spec.empty, EMPTY_POLICIES, keyPath(path, 'empty'), problems);
    if (has(spec, 'value')) problems.push(problem(keyPath(path, 'empty'), 'mapping.useless-with-value'));
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
    problems.push(problem(writePath, 'mapping.if-empty-clear'));
  }
}

// Field keys that make no sense for an id, each with its own reason (the catalog's).
const NOT_FOR_ID: ReadonlySet<string> = new Set(['value', 'empty', 'write']);

/** Checks `id`: a column name, or a column/template with text options. */
export function checkId(spec: unknown, problems: Problems): void {
  if (typeof spec === 'string') {
    checkText(spec, 'id', problems, 'id-column');
    return;
  }
  if (!isObject(spec)) {
    problems.push(problem('id', 'mapping.must-be-object', { what: 'id', got: describeValue(spec) }));
    return;
  }
  checkKeys(spec, ID_KEYS, 'id', problems, (key, at) =>
    NOT_FOR_ID.has(key)
      ? problem(at, 'mapping.id-key', { key: key as 'value' | 'empty' | 'write' })
      : (FIELD_KEYS as readonly string[]).includes(key)
        ? problem(at, 'mapping.id-key', { key: 'other' })
        : undefined,
  );
  checkSource(spec, 'id', ['column', 'template'], problems);
  checkTextOptions(spec, 'id', problems);
  if (has(spec, 'type') && spec.type !== 'string') {
    problems.push(problem('id.type', 'mapping.id-type', { got: describeValue(spec.type) }));
  }
}
