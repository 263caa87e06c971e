/**
 * The mapping editor's model: one row per column of the file, plus what the table cannot show (fields
 * built from templates or constants, a second field from one column), kept as written so that a loaded
 * mapping file comes back out unchanged apart from what was edited. The page never decides what a
 * mapping means: the server checks it with the library (`checkMapping`, `validateFile`).
 */

/** Keys of a field the table edits as "options of the type" (the library's TYPE_OPTIONS). */
const optionKeys = (vocabulary) => Object.keys(vocabulary.typeOptions);

const asObject = (spec) => (typeof spec === 'string' ? { column: spec } : { ...spec });

/** A value map as the page edits it: pairs in their order, a key being typed never renaming another. */
const pairsOf = (map) => Object.entries(map ?? {});

/** The fields with no column of their own: a constant (`value`) or a template, each edited in the page. */
const isBuilt = (spec) => typeof spec === 'object' && spec !== null && spec.column === undefined && ('value' in spec || 'template' in spec);

/**
 * How each row finds its record: `by: 'id'` (a column of wolkvox ids, the mapping's `id`) or `by: 'match'`
 * (a column of the user's own keys looked up in a CRM field, the mapping's `match`). Both are kept while
 * the person switches, so going back restores what was there; only the chosen one is written.
 */
export const keyColumn = (model) => (model.by === 'match' ? model.match.column : model.id.column);

export function fromMapping(mapping, headers, vocabulary) {
  const keys = optionKeys(vocabulary);
  const id = asObject(mapping.id ?? '');
  const by = mapping.match ? 'match' : 'id';
  const match = { column: '', field: '', ...mapping.match };
  const key = by === 'match' ? match.column : id.column;
  const rows = headers.map((column) => ({ column, send: false, field: column, type: 'string', options: {}, empty: '', map: [], fallback: '', extra: {} }));
  const byColumn = new Map(rows.map((row) => [row.column, row]));
  const others = [];
  const built = [];
  for (const [label, spec] of Object.entries(mapping.fields ?? {})) {
    if (isBuilt(spec)) {
      const { value, template, ...rest } = spec;
      built.push(template === undefined ? { label, source: 'value', text: value, rest } : { label, source: 'template', text: template, rest });
      continue;
    }
    const object = asObject(spec);
    const row = object.column === undefined ? undefined : byColumn.get(object.column);
    if (!row || row.send || object.column === key) {
      others.push([label, spec]);
      continue;
    }
    const { column: _column, type = 'string', empty = '', map, default: fallback = '', ...rest } = object;
    const options = {};
    const extra = {};
    for (const [key, value] of Object.entries(rest)) (keys.includes(key) ? options : extra)[key] = value;
    Object.assign(row, { send: true, field: label, type, empty, options, map: pairsOf(map), fallback, extra });
  }
  const { fields: _fields, id: _id, match: _match, ...top } = mapping;
  return { top, by, id, match, rows, built, others };
}

const present = (value) => value !== undefined && value !== '' && value !== null;

/** The mapping file the CLI takes, `$schema` first, keys in the README's order. */
export function toMapping(model, vocabulary) {
  const fields = {};
  const key = keyColumn(model);
  for (const row of model.rows) {
    if (!row.send || row.column === key) continue;
    const options = Object.fromEntries(
      Object.entries(row.options).filter(([key, value]) => present(value) && (vocabulary.typeOptions[key] ?? []).includes(row.type)),
    );
    const map = Object.fromEntries((row.map ?? []).filter(([from]) => from !== ''));
    const mapped = Object.keys(map).length > 0 ? { map, ...(present(row.fallback) ? { default: row.fallback } : {}) } : {};
    const object = { column: row.column, ...(row.type === 'string' ? {} : { type: row.type }), ...options, ...mapped, ...(row.empty ? { empty: row.empty } : {}), ...row.extra };
    fields[row.field] = Object.keys(object).length === 1 ? row.column : object;
  }
  for (const { label, source, text, rest } of model.built ?? []) if (label.trim() !== '' && !(label in fields)) fields[label] = { [source]: text, ...rest };
  for (const [label, spec] of model.others) if (!(label in fields)) fields[label] = spec;
  const idKeys = Object.keys(model.id).filter((name) => present(model.id[name]));
  const id = model.by === 'match' ? undefined : idKeys.length === 1 && idKeys[0] === 'column' ? model.id.column : model.id;
  const { column, field, compare } = model.match;
  const match = model.by === 'match' ? { column, field, ...(compare ? { compare } : {}) } : undefined;
  const top = model.top;
  const ordered = {
    $schema: top.$schema ?? vocabulary.schema,
    description: top.description,
    operation: top.operation,
    module: top.module,
    sheet: top.sheet,
    headerRow: top.headerRow,
    delimiter: top.delimiter,
    encoding: top.encoding,
    id,
    match,
    empty: top.empty,
    fields,
    attachments: top.attachments,
  };
  for (const [key, value] of Object.entries(top)) if (!(key in ordered)) ordered[key] = value;
  return Object.fromEntries(Object.entries(ordered).filter(([, value]) => present(value)));
}

/** Problems the page can see before asking the server: two columns sent to one CRM field, no id, no key. */
export function editorProblems(model) {
  const problems = [];
  if (model.by === 'match') {
    if (!present(model.match.column)) problems.push({ key: 'mapping.problem.noMatchColumn' });
    if (model.match.field.trim() === '') problems.push({ key: 'mapping.problem.noMatchField', column: model.match.column });
  } else if (!present(model.id.column) && !present(model.id.template)) problems.push({ key: 'mapping.problem.noId' });
  const key = keyColumn(model);
  const seen = new Map();
  for (const row of model.rows) {
    if (!row.send || row.column === key) continue;
    if (row.field.trim() === '') problems.push({ key: 'mapping.problem.noField', column: row.column });
    else if (seen.has(row.field)) problems.push({ key: 'mapping.problem.twice', field: row.field, column: row.column, other: seen.get(row.field) });
    else seen.set(row.field, row.column);
  }
  for (const { label, source, text } of model.built ?? []) {
    if (label.trim() === '') problems.push({ key: 'mapping.problem.noBuiltField' });
    else if (seen.has(label)) problems.push({ key: 'mapping.problem.builtTwice', field: label, other: seen.get(label) });
    else seen.set(label, label);
    if (source === 'template' && !/\{[^{}]+\}/.test(String(text))) problems.push({ key: 'mapping.problem.templateNoColumn', field: label });
  }
  return problems;
}

/** The reader settings chosen in step 1, written into the mapping (as `init` writes the detected ones). */
export function withReader(model, inspection, reader) {
  const top = { ...model.top };
  delete top.sheet;
  delete top.headerRow;
  if (inspection.format.kind === 'xlsx') top.sheet = inspection.format.sheet;
  else {
    top.delimiter = reader.delimiter ?? inspection.format.delimiter;
    top.encoding = reader.encoding ?? inspection.format.encoding;
  }
  if (inspection.headerRow !== 1) top.headerRow = inspection.headerRow;
  return { ...model, top };
}
