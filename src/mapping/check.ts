import { checkField, checkId } from './check-field.js';
import { ATTACHMENT_KEYS, DELIMITERS, EMPTY_POLICIES, ENCODINGS, MATCH_COMPARES, MATCH_KEYS, TOP_LEVEL_KEYS } from './keys.js';
import { describeValue, problem, type MappingProblem } from './problems.js';
import { suggest } from './suggest.js';
import { checkChoice, checkKeys, checkText, checkWholeNumber, isObject, type Problems } from './shape.js';

function checkAttachments(spec: unknown, problems: Problems): void {
  if (!isObject(spec)) {
    problems.push(problem('attachments', 'mapping.must-be-object', { what: 'attachments', got: describeValue(spec) }));
    return;
  }
  checkKeys(spec, ATTACHMENT_KEYS, 'attachments', problems);
  if (spec.column === undefined) {
    problems.push(problem('attachments', 'mapping.needs', { what: 'attachments.column' }));
  } else {
    checkText(spec.column, 'attachments.column', problems, 'column');
  }
  if (spec.baseDir !== undefined) checkText(spec.baseDir, 'attachments.baseDir', problems, 'folder');
  if (spec.separator !== undefined) checkText(spec.separator, 'attachments.separator', problems, 'separator');
  if (spec.maxBytes !== undefined) checkWholeNumber(spec.maxBytes, 1, 'attachments.maxBytes', problems, 'max-bytes');
}

function checkMatch(spec: unknown, problems: Problems): void {
  if (!isObject(spec)) {
    problems.push(problem('match', 'mapping.must-be-object', { what: 'match', got: describeValue(spec) }));
    return;
  }
  checkKeys(spec, MATCH_KEYS, 'match', problems);
  if (spec.column === undefined) problems.push(problem('match', 'mapping.needs', { what: 'match.column' }));
  else checkText(spec.column, 'match.column', problems, 'column');
  if (spec.field === undefined) problems.push(problem('match', 'mapping.needs', { what: 'match.field' }));
  else checkText(spec.field, 'match.field', problems, 'crm-field');
  if (spec.compare !== undefined) checkChoice(spec.compare, MATCH_COMPARES, 'match.compare', problems);
}

// A row finds its record one way: by its wolkvox id, or by a key of its own.
function checkRecordSource(value: Readonly<Record<string, unknown>>, problems: Problems): void {
  if (value.id !== undefined && value.match !== undefined) {
    problems.push(problem('match', 'mapping.match-and-id'));
  }
  if (value.id === undefined && value.match === undefined) {
    problems.push(problem('id', 'mapping.id-missing'));
  }
  if (value.id !== undefined) checkId(value.id, problems);
  if (value.match !== undefined) checkMatch(value.match, problems);
}

function checkFields(fields: unknown, problems: Problems): void {
  if (fields === undefined) {
    problems.push(problem('fields', 'mapping.fields-missing'));
  } else if (!isObject(fields)) {
    problems.push(problem('fields', 'mapping.must-be-object', { what: 'fields', got: describeValue(fields) }));
  } else if (Object.keys(fields).length === 0) {
    problems.push(problem('fields', 'mapping.fields-empty'));
  } else {
    for (const [label, spec] of Object.entries(fields)) checkField(label, spec, problems);
  }
}

/** Every problem of a parsed mapping file's shape at once (an empty list when it is fine). */
export function findMappingProblems(value: unknown): MappingProblem[] {
  const problems: Problems = [];
  if (!isObject(value)) {
    return [problem('', 'mapping.must-be-object', { what: 'mapping', got: describeValue(value) })];
  }
  // A key far from every top-level one is most often a field written outside "fields".
  checkKeys(value, TOP_LEVEL_KEYS, '', problems, (key, at) =>
    suggest(key, TOP_LEVEL_KEYS) === undefined ? problem(at, 'mapping.field-outside') : undefined,
  );
  if (value.$schema !== undefined) checkText(value.$schema, '$schema', problems, 'schema');
  if (value.description !== undefined && typeof value.description !== 'string') {
    problems.push(problem('description', 'mapping.must-be-text', { what: 'text', got: describeValue(value.description) }));
  }
  if (value.operation !== undefined) checkText(value.operation, 'operation', problems, 'operation');
  if (value.module !== undefined) checkText(value.module, 'module', problems, 'crm-module');
  if (value.sheet !== undefined && typeof value.sheet !== 'string') {
    checkWholeNumber(value.sheet, 1, 'sheet', problems, 'sheet-position');
  } else if (value.sheet !== undefined) {
    checkText(value.sheet, 'sheet', problems, 'sheet');
  }
  if (value.headerRow !== undefined) checkWholeNumber(value.headerRow, 1, 'headerRow', problems, 'header-row');
  if (value.delimiter !== undefined) checkChoice(value.delimiter, DELIMITERS, 'delimiter', problems);
  if (value.encoding !== undefined) checkChoice(value.encoding, ENCODINGS, 'encoding', problems);
  checkRecordSource(value, problems);
  if (value.empty !== undefined) checkChoice(value.empty, EMPTY_POLICIES, 'empty', problems);
  checkFields(value.fields, problems);
  if (value.attachments !== undefined) checkAttachments(value.attachments, problems);
  return problems;
}
