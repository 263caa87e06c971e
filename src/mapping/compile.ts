import type { WolkvoxBulkError } from '../core/errors.js';
import { message, say, type Message } from '../core/say.js';
import type { AttachmentRef, MappedRow, MapResult, RowProblem, SourceRow } from '../core/types.js';
import { readAttachments, resolveAttachments, type AttachmentRule } from './attachments.js';
import { cellProblems } from './cell-limits.js';
import { findMappingProblems } from './check.js';
import { compileField } from './compile-field.js';
import { letteredNotes, repeatedNameError, type HeaderColumns } from './header-columns.js';
import type { LoadedMapping } from './load.js';
import { displayPath, fieldPath, keyPath, mappingError, problem, problemAt, type MappingProblem } from './problems.js';
import { columnReferences, columnsLine, missingColumns } from './references.js';
import { compileMatch, type MatchRule } from './match-key.js';
import { lookupRules, type LookupRule } from './record-lookup.js';
import { rowProblem } from './result.js';
import { compileId, type CompiledId } from './row-id.js';
import type { Mapping } from './types.js';

export interface CompiledMapping {
  /** What the id is read from, for reports: the id column's name, or its template (the key's column with `match`). */
  readonly idLabel: string;
  /** With `match`: each row's "id" is its key, normalised, to be found in this CRM field. */
  readonly match?: MatchRule;
  /** Search fields that find their linked record by name (`lookup`). */
  readonly lookups: readonly LookupRule[];
  /** The input columns the mapping reads, each once. */
  readonly columns: readonly string[];
  /** What a person should know before sending: columns of the header known by their letter, not read (in English). */
  readonly warnings: readonly string[];
  /** The same warnings as messages, for a skin to word in the person's language. */
  readonly warningsSaid: readonly Message[];
  /** Maps one row; pure except for checking attachment files. Bad data gives `invalid`, never an exception. */
  mapRow(row: SourceRow): MapResult;
}

/**
 * Prepares a checked mapping for an input file whose header row is `headers`: every column it names must
 * exist. All problems (shape, columns, constants, the attachments folder) come in one MAPPING_INVALID error;
 * a column it reads whose name the header gives to several columns is a HEADER_INVALID error first.
 */
export function compileMapping(loaded: LoadedMapping, input: HeaderColumns): CompiledMapping {
  const { mapping } = loaded;
  // Library users may build a Mapping in code: it gets the same checks as a file, columns included.
  const shapeProblems = findMappingProblems(mapping);
  if (shapeProblems.length > 0) throw mappingErrorWithColumns(loaded.file, shapeProblems, mapping, input);

  const id = compileRecordSource(mapping);
  const fields = Object.entries(mapping.fields).map(([label, spec]) => compileField(label, spec, mapping.empty ?? 'skip'));
  const problems: MappingProblem[] = [];
  for (const field of fields) {
    if (field.constantProblem !== undefined) problems.push(problem(keyPath(fieldPath(field.label), 'value'), 'mapping.constant-refused', { problem: field.constantProblem }));
  }
  let attachments: AttachmentRule | undefined;
  const references = [...id.references, ...fields.flatMap((field) => field.references)];
  if (mapping.attachments !== undefined) {
    references.push({ path: 'attachments.column', column: mapping.attachments.column });
    const resolved = resolveAttachments(mapping.attachments, loaded.dir);
    if (resolved.ok) attachments = resolved.value;
    else problems.push(problemAt('attachments.baseDir', resolved.said));
  }
  const repeated = repeatedNameError(references, input);
  if (repeated) throw repeated;
  const inputName = displayPath(input.file);
  const missing = missingColumns(references, input, inputName);
  problems.unshift(...missing);
  if (problems.length > 0) throw mappingError(loaded.file, problems, missing.length > 0 ? [columnsLine(input.headers, inputName)] : []);

  const attachmentColumn = mapping.attachments?.column;
  const columns = [...new Set(references.map((reference) => reference.column))];
  // A label such as "__proto__" must stay a plain key: such a mapping gets its fields as entries. Others
  // are assigned (one shape of object for every row, no entries array a row).
  const plainLabels = fields.every((field) => field.label !== '__proto__');
  const mapRow = (row: SourceRow): MapResult => {
    if (row.problem !== undefined) return { kind: 'invalid', problems: [{ rowNumber: row.rowNumber, message: row.problem, ...(row.said ? { said: row.said } : {}) }] };
    const problems: RowProblem[] = cellProblems(row, columns);
    const read = id.read(row);
    if ('problem' in read) problems.push(read.problem);
    const values: Record<string, unknown> = {};
    const entries: [string, unknown][] | undefined = plainLabels ? undefined : [];
    let filled = 0;
    for (const field of fields) {
      const outcome = field.apply(row);
      if (outcome.kind === 'value') {
        filled += 1;
        if (entries) entries.push([field.label, outcome.value]);
        else values[field.label] = outcome.value;
      } else if (outcome.kind === 'problem') problems.push(outcome.problem);
    }
    const files = attachments === undefined ? NO_FILES : readAttachments(row, attachments);
    for (const said of files.problems) problems.push(rowProblem(row.rowNumber, { column: attachmentColumn }, message('row.in-attachments', { problem: said })));
    if (problems.length > 0 || !('id' in read)) return { kind: 'invalid', problems };
    if (filled === 0 && files.refs.length === 0) return { kind: 'empty', rowNumber: row.rowNumber, id: read.id };
    const mapped: MappedRow = { rowNumber: row.rowNumber, id: read.id, fields: entries ? Object.fromEntries(entries) : values, attachments: files.refs };
    return { kind: 'mapped', row: mapped };
  };

  const warningsSaid = letteredNotes(references, input);
  const warnings = warningsSaid.map((note) => say(note, 'en'));
  return { idLabel: id.label, ...(id.match === undefined ? {} : { match: id.match }), lookups: lookupRules(mapping), columns, warnings, warningsSaid, mapRow };
}

// A mapping without attachments: every row shares these (frozen: nothing may add to them).
const NO_FILES: { readonly refs: readonly AttachmentRef[]; readonly problems: readonly Message[] } = Object.freeze({ refs: Object.freeze([]), problems: Object.freeze([]) });

// How a row names its record: its wolkvox id, or (with `match`) its key, read the same way by mapRow.
function compileRecordSource(mapping: Mapping): CompiledId & { readonly match?: MatchRule } {
  if (mapping.match === undefined) return compileId(mapping.id ?? '');
  const match = compileMatch(mapping.match);
  return { label: match.rule.column, references: match.references, read: match.read, match: match.rule };
}

/**
 * One error for a mapping with shape problems, with the columns it names checked against the input too,
 * so no mistake waits for a second round. `input` is undefined when the file could not be read with the
 * mapping's reader settings (those are then among the problems).
 */
export function mappingErrorWithColumns(
  file: string,
  problems: readonly MappingProblem[],
  value: unknown,
  input: HeaderColumns | undefined,
): WolkvoxBulkError {
  if (input === undefined) return mappingError(file, problems);
  const inputName = displayPath(input.file);
  const missing = missingColumns(columnReferences(value), input, inputName);
  return mappingError(file, [...missing, ...problems], missing.length > 0 ? [columnsLine(input.headers, inputName)] : []);
}
