import { checkField, checkId } from './check-field.js';
import { ATTACHMENT_KEYS, DELIMITERS, EMPTY_POLICIES, ENCODINGS, MATCH_COMPARES, MATCH_KEYS, TOP_LEVEL_KEYS } from './keys.js';
import { describeValue, type MappingProblem } from './problems.js';
import { suggest } from './suggest.js';
import { checkChoice, checkKeys, checkText, checkWholeNumber, isObject, type Problems } from './shape.js';

function checkAttachments(spec: unknown, problems: Problems): void {
  if (!isObject(spec)) {
    problems.push({ path: 'attachments', message: `must be an object such as { "column": "Adjuntos" }, got ${describeValue(spec)}` });
    return;
  }
  checkKeys(spec, ATTACHMENT_KEYS, 'attachments', problems);
  if (spec.column === undefined) {
    problems.push({ path: 'attachments', message: 'needs "column": the column listing the file names to attach' });
  } else {
    checkText(spec.column, 'attachments.column', problems, 'a column name');
  }
  if (spec.baseDir !== undefined) checkText(spec.baseDir, 'attachments.baseDir', problems, 'a folder');
  if (spec.separator !== undefined) checkText(spec.separator, 'attachments.separator', problems, 'the text between file names, such as "|"');
  if (spec.maxBytes !== undefined) checkWholeNumber(spec.maxBytes, 1, 'attachments.maxBytes', problems, 'the largest file size in bytes');
}

function checkMatch(spec: unknown, problems: Problems): void {
  if (!isObject(spec)) {
    problems.push({ path: 'match', message: `must be an object such as { "column": "Documento", "field": "documento" }, got ${describeValue(spec)}` });
    return;
  }
  checkKeys(spec, MATCH_KEYS, 'match', problems);
  if (spec.column === undefined) problems.push({ path: 'match', message: 'needs "column": the input column holding each row\'s key, such as "Documento"' });
  else checkText(spec.column, 'match.column', problems, 'a column name');
  if (spec.field === undefined) problems.push({ path: 'match', message: 'needs "field": the CRM field holding the same key, such as "documento"' });
  else checkText(spec.field, 'match.field', problems, 'a CRM field label');
  if (spec.compare !== undefined) checkChoice(spec.compare, MATCH_COMPARES, 'match.compare', problems);
}

// A row finds its record one way: by its wolkvox id, or by a key of its own.
function checkRecordSource(value: Readonly<Record<string, unknown>>, problems: Problems): void {
  if (value.id !== undefined && value.match !== undefined) {
    problems.push({ path: 'match', message: 'cannot be used with "id": a row finds its record by its wolkvox id ("id") or by a key of its own ("match"); remove one' });
  }
  if (value.id === undefined && value.match === undefined) {
    problems.push({ path: 'id', message: 'is missing: set it to the column holding the wolkvox id of each record, or find each record by a key of its own with "match", such as { "column": "Documento", "field": "documento" }' });
  }
  if (value.id !== undefined) checkId(value.id, problems);
  if (value.match !== undefined) checkMatch(value.match, problems);
}

function checkFields(fields: unknown, problems: Problems): void {
  if (fields === undefined) {
    problems.push({ path: 'fields', message: 'is missing: list the CRM fields to update, such as { "Email": "Correo" }' });
  } else if (!isObject(fields)) {
    problems.push({ path: 'fields', message: `must be an object of CRM field label → column, got ${describeValue(fields)}` });
  } else if (Object.keys(fields).length === 0) {
    problems.push({ path: 'fields', message: 'is empty: list at least one CRM field to update' });
  } else {
    for (const [label, spec] of Object.entries(fields)) checkField(label, spec, problems);
  }
}

/** Every problem of a parsed mapping file's shape at once (an empty list when it is fine). */
export function findMappingProblems(value: unknown): MappingProblem[] {
  const problems: Problems = [];
  if (!isObject(value)) {
    return [{ path: '', message: `a mapping must be a JSON object such as { "id": "Cédula", "fields": { … } }, got ${describeValue(value)}` }];
  }
  // A key far from every top-level one is most often a field written outside "fields".
  checkKeys(value, TOP_LEVEL_KEYS, '', problems, (key) =>
    suggest(key, TOP_LEVEL_KEYS) === undefined ? 'unknown key; CRM fields go inside "fields"' : undefined,
  );
  if (value.$schema !== undefined) checkText(value.$schema, '$schema', problems, 'the schema URL');
  if (value.description !== undefined && typeof value.description !== 'string') {
    problems.push({ path: 'description', message: `must be text, got ${describeValue(value.description)}` });
  }
  if (value.operation !== undefined) checkText(value.operation, 'operation', problems, 'the wolkvox operation name');
  if (value.module !== undefined) checkText(value.module, 'module', problems, 'a CRM module name such as "contacts"');
  if (value.sheet !== undefined && typeof value.sheet !== 'string') {
    checkWholeNumber(value.sheet, 1, 'sheet', problems, 'the position of the worksheet, or use its name');
  } else if (value.sheet !== undefined) {
    checkText(value.sheet, 'sheet', problems, 'a worksheet name or position');
  }
  if (value.headerRow !== undefined) checkWholeNumber(value.headerRow, 1, 'headerRow', problems, 'the row holding the column names');
  if (value.delimiter !== undefined) checkChoice(value.delimiter, DELIMITERS, 'delimiter', problems);
  if (value.encoding !== undefined) checkChoice(value.encoding, ENCODINGS, 'encoding', problems);
  checkRecordSource(value, problems);
  if (value.empty !== undefined) checkChoice(value.empty, EMPTY_POLICIES, 'empty', problems);
  checkFields(value.fields, problems);
  if (value.attachments !== undefined) checkAttachments(value.attachments, problems);
  return problems;
}
