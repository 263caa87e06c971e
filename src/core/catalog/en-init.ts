import type { Nested } from './en-rows.js';
import { wordNested } from './en.js';
import { columnsText } from './en-notes2.js';
import type { ColumnRuns } from './en-notes2.js';

// English for `init`: the draft mapping it wrote (what it found, how rows find their records, what it left
// out, what to do next) and why it wrote none.

/** Header cells that name no column of their own, as the draft leaves them out. */
export interface UnnamedColumns {
  /** The name on several columns, or '' for columns with none. */
  readonly name: string;
  /** The columns, as "B–C (2–3)". */
  readonly list: ColumnRuns;
  readonly count: number;
}

/** What init guessed about the file's layout, for the person to check. */
export type LayoutFound = { readonly kind: 'sheet'; readonly sheet: string; readonly skipped: readonly string[] } | { readonly kind: 'header'; readonly workbook: boolean; readonly row: number };

const unnamed = (u: UnnamedColumns) =>
  u.name === '' ? `${u.count === 1 ? 'column' : 'columns'} ${columnsText(u.list)} ${u.count === 1 ? 'has' : 'have'} no name` : `'${u.name}' names ${u.count} columns: ${columnsText(u.list)}`;

const found = (f: LayoutFound) => {
  if (f.kind === 'sheet') {
    const skipped = f.skipped.map((name) => `'${name}'`);
    return `the table in sheet '${f.sheet}'${skipped.length > 0 ? ` (${skipped.join(', ')} ${skipped.length > 1 ? 'have' : 'has'} none)` : ''}`;
  }
  const unit = f.workbook ? 'row' : 'line';
  return `the column names in ${unit} ${f.row} (the ${unit}s above look like titles)`;
};

export const enInit = {
  'init.wrote': (p: { out: string; where: Nested }) => `Wrote ${p.out} from ${wordNested(p.where)}.`,
  'init.found': (p: { found: readonly LayoutFound[]; retry: string }) => `  found: ${p.found.map(found).join(', ')}; if that is wrong, run ${p.retry}`,
  'init.id': (p: { column: string; guessed: boolean }) =>
    p.guessed ? `  id: column '${p.column}'` : `  id: column '${p.column}' (a guess: no column is called id or wolkvox-id; set "id" to the column with the record ids)`,
  'init.match': (p: { column: string; field: string; compare: string }) =>
    `  match: no column holds wolkvox ids, so each row finds its record by column '${p.column}' in the CRM field '${p.field}' (compared as "${p.compare}"); set "field" to the CRM field holding the same key`,
  'init.fields': (p: { fields: number }) => `  fields: ${p.fields === 1 ? '1 column' : `${p.fields} columns`}, each sent to the CRM field of the same name`,
  'init.left-out': (p: { columns: readonly UnnamedColumns[] }) => `  left out: ${p.columns.map(unnamed).join('; ')} (a mapping may still read such a column by its letter)`,
  'init.next': (p: { file: string; out: string }) =>
    `Next: edit the field names to match your CRM, set "operation" and "module" (or pass --operation and --module),\nthen check every row: wolkvox-bulk validate ${p.file} --mapping ${p.out}`,
  'init.nothing-to-map': (p: { where: Nested; named: readonly string[]; unnamed: readonly UnnamedColumns[]; workbook: boolean; retry: string }) => {
    const names =
      p.unnamed.length === 0
        ? p.named.length === 1
          ? `one column name ('${p.named[0]}')`
          : 'no column names'
        : `${p.named.length === 1 ? `only one column with a name of its own ('${p.named[0]}')` : 'no column with a name of its own'} (${p.unnamed.map(unnamed).join('; ')})`;
    return `Nothing to map: ${wordNested(p.where)} has ${names}; a mapping needs the id column and at least one field. No mapping was written. If the column names are in another ${p.workbook ? 'sheet or row' : 'line'}, run ${p.retry}.`;
  },
  'init.exists': (p: { out: string }) => `Mapping exists: ${p.out} is already there. Choose another --out, or add --force to overwrite it.`,
  'init.cannot-draft': (p: { where: Nested; problems: readonly { path: string; problem: Nested }[] }) =>
    `Cannot draft a mapping from ${wordNested(p.where)}: ${p.problems.map((problem) => `${problem.path}: ${wordNested(problem.problem)}`).join('; ')}. No mapping was written.`,
} satisfies Record<string, (params: never) => string>;
