import type { enInit, LayoutFound, UnnamedColumns } from './en-init.js';
import { wordNested } from './es.js';
import { columnsText } from './es-notes2.js';

// Spanish for `init`: el mapeo borrador que escribió y por qué no escribió ninguno.

type Words = typeof enInit;

const unnamed = (u: UnnamedColumns) =>
  u.name === '' ? `${u.count === 1 ? 'la columna' : 'las columnas'} ${columnsText(u.list)} no ${u.count === 1 ? 'tiene' : 'tienen'} nombre` : `'${u.name}' nombra ${u.count} columnas: ${columnsText(u.list)}`;

const found = (f: LayoutFound) => {
  if (f.kind === 'sheet') {
    const skipped = f.skipped.map((name) => `'${name}'`);
    return `la tabla en la hoja '${f.sheet}'${skipped.length > 0 ? ` (${skipped.join(', ')} no ${skipped.length > 1 ? 'tienen' : 'tiene'} ninguna)` : ''}`;
  }
  return f.workbook
    ? `los nombres de columna en la fila ${f.row} (las filas de arriba parecen títulos)`
    : `los nombres de columna en la línea ${f.row} (las líneas de arriba parecen títulos)`;
};

export const esInit: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'init.wrote': (p) => `Se escribió ${p.out} a partir de ${wordNested(p.where)}.`,
  'init.found': (p) => `  encontrado: ${p.found.map(found).join(', ')}; si no es así, ejecute ${p.retry}`,
  'init.id': (p) =>
    p.guessed ? `  id: columna '${p.column}'` : `  id: columna '${p.column}' (una suposición: ninguna columna se llama id o wolkvox-id; ponga en "id" la columna con los ids de los registros)`,
  'init.match': (p) =>
    `  match: ninguna columna tiene ids de wolkvox, así que cada fila busca su registro por la columna '${p.column}' en el campo '${p.field}' del CRM (comparado como "${p.compare}"); ponga en "field" el campo del CRM que tiene la misma clave`,
  'init.fields': (p) => `  campos: ${p.fields === 1 ? '1 columna' : `${p.fields} columnas`}, cada una enviada al campo del CRM con el mismo nombre`,
  'init.left-out': (p) => `  omitidas: ${p.columns.map(unnamed).join('; ')} (un mapeo aún puede leer una columna así por su letra)`,
  'init.next': (p) =>
    `Siguiente paso: ajuste los nombres de los campos a los de su CRM, indique "operation" y "module" (o use --operation y --module),\nluego revise cada fila: wolkvox-bulk validate ${p.file} --mapping ${p.out}`,
  'init.nothing-to-map': (p) => {
    const names =
      p.unnamed.length === 0
        ? p.named.length === 1
          ? `un solo nombre de columna ('${p.named[0]}')`
          : 'ningún nombre de columna'
        : `${p.named.length === 1 ? `una sola columna con nombre propio ('${p.named[0]}')` : 'ninguna columna con nombre propio'} (${p.unnamed.map(unnamed).join('; ')})`;
    return `Nada que mapear: ${wordNested(p.where)} tiene ${names}; un mapeo necesita la columna del id y al menos un campo. No se escribió ningún mapeo. Si los nombres de columna están en otra ${p.workbook ? 'hoja o fila' : 'línea'}, ejecute ${p.retry}.`;
  },
  'init.exists': (p) => `El mapeo ya existe: ${p.out} ya está ahí. Elija otra --out, o agregue --force para sobrescribirlo.`,
  'init.cannot-draft': (p) =>
    `No se puede hacer un mapeo borrador a partir de ${wordNested(p.where)}: ${p.problems.map((problem) => `${problem.path}: ${wordNested(problem.problem)}`).join('; ')}. No se escribió ningún mapeo.`,
};
