import { countIn, countedIn } from '../text.js';
import type { CountLabel, enCheck, HeaderPlace, RepeatedId, RepeatedName, RowAt } from './en-check.js';
import { wordNested } from './es.js';
import { columnsText } from './es-notes2.js';

// Spanish for the whole-file check: `validate`'s report and the refusals of `update` before any call.

type CheckWords = typeof enCheck;

const n = (value: number) => countIn('es', value);
const plural = (value: number, one: string, many?: string) => countedIn('es', value, one, many);

const DELIMITERS: Readonly<Record<string, string>> = { ',': 'comas', ';': 'punto y coma', '\t': 'tabuladores', '|': 'barras verticales' };

const at = (place: RowAt) => `${place.csv ? 'línea' : 'fila'} ${place.row}`;

const COUNTS: Readonly<Record<CountLabel, string>> = {
  rows: 'Filas leídas',
  valid: 'Válidas',
  invalid: 'No válidas',
  empty: 'Nada que enviar',
  'duplicate-ids': 'Ids repetidos',
  'duplicate-keys': 'Claves repetidas',
};

const COMPARES: Readonly<Record<string, string>> = { exact: 'exacta', 'ignore-case': 'sin distinguir mayúsculas', document: 'como documento' };

const repeated = (entry: RepeatedId, csv: boolean) => {
  const shown = entry.rows.map(String);
  const list = entry.more > 0 ? `${shown.join(', ')} y ${n(entry.more)} más` : `${shown.slice(0, -1).join(', ')} y ${shown.at(-1) ?? ''}`;
  return `  ${entry.id}: ${csv ? 'líneas' : 'filas'} ${list}`;
};

export const headerAt = (place: HeaderPlace) =>
  'text' in place ? place.text : place.sheet === undefined ? `línea ${place.row} de ${place.file}` : `fila ${place.row} de la hoja '${place.sheet}' de ${place.file}`;

function readAs(letters: readonly string[]): string {
  if (letters.length === 1) return `como la columna '${letters[0] ?? ''}'`;
  if (letters.length > 4) return 'por sus letras';
  const names = letters.map((letter) => `'${letter}'`);
  return `como las columnas ${names.slice(0, -1).join(', ')} y ${names.at(-1) ?? ''}`;
}

const repeatedName = (p: RepeatedName) => `'${p.name}' es el nombre de ${p.columns.count} columnas: ${columnsText(p.columns.list)}, y el mapeo lee '${p.name}' (${p.paths.join(', ')})`;
const repeatedMore = (more: number) => `${more} nombres más que lee el mapeo se usan más de una vez`;

const problem = (p: Parameters<CheckWords['check.problem']>[0]) => `${at(p)}${p.column ? `, columna ${p.column}` : ''}: ${p.problem ? wordNested(p.problem) : p.text}`;

const more = (ids: number, rows: number) => `  … y ${plural(ids, 'id más', 'ids más')} en ${plural(rows, 'fila')}`;

export const esCheck: { readonly [C in keyof CheckWords]: (params: Parameters<CheckWords[C]>[0]) => string } = {
  'input.described': (p) => {
    if (p.shape.kind === 'xlsx') return `${p.name} (hoja '${p.shape.sheet}', encabezado en la fila ${p.headerRow})`;
    const encoding = p.shape.encoding.toUpperCase().replace('LATIN1', 'Latin-1').replace('WINDOWS', 'Windows') + (p.shape.bom ? ' con BOM' : '');
    return `${p.name} (CSV, ${encoding}, separado por ${DELIMITERS[p.shape.delimiter] ?? p.shape.delimiter}, encabezado en la línea ${p.headerRow})`;
  },
  'input.row-at': (p) => at(p),
  'header.repeated-name': (p) => repeatedName(p),
  'header.repeated-more': (p) => repeatedMore(p.more),
  'header.repeated-read': (p) =>
    `Encabezado con problemas en ${headerAt(p.at)}: ${[...p.names.map(repeatedName), ...(p.more > 0 ? [repeatedMore(p.more)] : [])].join('; ')}. Cada columna que lee el mapeo necesita un nombre propio: cambie el nombre de esas columnas${p.letter === undefined ? '' : ` (o lea una por su letra, por ejemplo "${p.letter}")`} e intente de nuevo.`,
  'header.lettered': (p) => {
    const one = p.shown.count === 1;
    const what = p.name === '' ? `${one ? 'la columna' : 'las columnas'} ${columnsText(p.shown.list)} no ${one ? 'tiene' : 'tienen'} nombre` : `'${p.name}' es el nombre de ${p.shown.count} columnas: ${columnsText(p.shown.list)}`;
    const how = [
      ...(p.named.length === 0 ? [] : [`se ${p.named.length === 1 ? 'lee' : 'leen'} ${readAs(p.named)}`]),
      ...(p.leftOut === undefined
        ? []
        : [`${p.leftOut.count === 1 ? 'la columna' : 'las columnas'} ${columnsText(p.leftOut.list)} ${p.leftOut.count === 1 ? 'queda fuera, porque su letra es' : 'quedan fuera, porque sus letras son'} el nombre de otra columna`]),
    ];
    const mapping = p.read !== undefined ? `El mapeo solo lee ${columnsText(p.read)}.` : `El mapeo no ${one ? 'la' : 'las'} lee.`;
    return `${headerAt(p.at)}: ${what}; ${how.join('; ')}. ${mapping}`;
  },
  'check.problem': problem,
  'check.repeated': (p) => repeated(p.entry, p.csv),
  'check.repeated-more': (p) => more(p.ids, p.rows),

  'validate.warning': (p) => `Aviso: ${p.text}`,
  'validate.count': (p) => COUNTS[p.what],
  'validate.duplicate-count': (p) => `${n(p.ids)} (en ${plural(p.rows, 'fila')})`,
  'validate.if-empty': (p) =>
    `Se escriben solo donde el campo del CRM está vacío (if-empty): ${p.fields.join(', ')}. update lee antes los registros (una copia previa) y conserva cada valor que el CRM ya tiene; los registros de abajo los muestran todos.`,
  'validate.invalid-heading': (p) =>
    `Filas no válidas (${p.shown < p.total ? `los primeros ${p.shown} de ${plural(p.total, 'problema')}` : plural(p.total, 'problema')}):`,
  'validate.duplicates-heading': (p) =>
    `${p.keys ? 'Claves repetidas' : 'Ids repetidos'} (${p.policy === 'error' ? 'no se permiten: elija --duplicates first, last o all' : `--duplicates ${p.policy}`}):`,
  'validate.duplicates-written': (p) => `  ${p.keys ? 'Todas las' : 'Todos los'} ${n(p.ids)} ${p.keys ? 'claves' : 'ids'} con cada ${p.csv ? 'línea' : 'fila'}: ${p.keys ? 'escritas' : 'escritos'} en ${p.file}`,
  'validate.duplicates-file-hint': (p) => `  Todos, con cada ${p.csv ? 'línea' : 'fila'}: agregue --duplicates-file ${p.file}`,
  'validate.lookups-heading': () =>
    'Búsquedas (update las hace cuando usted confirma su plan, antes de la primera actualización; validate no consulta nada):',
  'validate.lookup': (p) =>
    `  ${p.labels.join(', ')}: ${plural(p.names, 'nombre')} a buscar en ${p.module} por ${p.field} (comparación ${COMPARES[p.compare] ?? p.compare}): ${plural(p.names, 'consulta')} nombre por nombre, o leer ${p.module} con 1 consulta por cada 250 registros, lo que cueste menos; un nombre que no está en ningún registro o está en varios hace fallar su fila`,
  'validate.no-rows': () => 'No está listo: el archivo tiene encabezado pero ninguna fila de datos, así que no hay nada que enviar. Revise que sea el archivo (y la hoja) que quería.',
  'validate.invalid': (p) =>
    `No está listo: ${plural(p.rows, 'fila')} ${p.rows === 1 ? 'no es válida. Corríjala' : 'no son válidas. Corríjalas'} en el archivo o en el mapeo y valide de nuevo (o envíe las demás con update --skip-invalid).`,
  'validate.repeated': (p) =>
    `No está listo: ${p.keys ? 'algunas claves están' : 'algunos ids están'} en varias filas. Quite las filas sobrantes, o indique cuál enviar con --duplicates first|last|all.`,
  'validate.ready': (p) => `Listo: se ${p.rows === 1 ? 'puede' : 'pueden'} enviar ${plural(p.rows, 'fila')}.`,
  'validate.cancelled': (p) => `Cancelado: la revisión de ${p.file} se detuvo antes de terminar, como lo pidió quien la llamó.`,
  'validate.duplicates-unwritable': (p) => `No se puede escribir el archivo de repetidos ${p.file} (${p.reason}): elija una ruta en una carpeta donde pueda escribir.`,
  'validate.duplicates-is-own': (p) =>
    `El archivo de repetidos ya existe: ${p.file} es ${p.which === 'input' ? 'el archivo de datos' : 'el mapeo'} de este comando. Indique en --duplicates-file un archivo nuevo, como ${p.suggested}. No se escribió nada.`,
  'validate.duplicates-exists': (p) => `El archivo de repetidos ya existe: ${p.file} ya está ahí. Elija otro --duplicates-file, o agregue --force para sobrescribirlo.`,

  'check.interrupted': () => 'Interrumpido mientras se revisaba el archivo: no se envió nada.',
  'check.rows-invalid': (p) =>
    [
      `Filas no válidas: ${n(p.invalid)} de ${plural(p.rows, 'fila')} de ${p.file} no se pueden enviar. No se envió nada.`,
      ...p.problems.map((listed) => `  ${problem(listed)}`),
      ...(p.more > 0 ? [`  … ${p.more} más (${p.command} muestra más)`] : []),
      `${p.invalid === 1 ? 'Corríjala' : 'Corríjalas'} y ejecute de nuevo, o agregue --skip-invalid para enviar ${p.valid === 1 ? 'la fila válida' : `las ${plural(p.valid, 'fila válida', 'filas válidas')}`}.`,
    ].join('\n'),
  'check.duplicates': (p) =>
    [
      `${p.field === undefined ? `Ids repetidos: ${plural(p.count, 'id')}` : `Claves repetidas: ${plural(p.count, `clave de ${p.field}`, `claves de ${p.field}`)}`} de ${p.file} ${p.count === 1 ? 'está' : 'están'} en más de una fila. No se envió nada.`,
      ...p.entries.map((entry) => repeated(entry, p.csv)),
      ...(p.moreIds > 0 ? [more(p.moreIds, p.moreRows)] : []),
      ...(p.full === undefined ? [] : [`La lista completa, en un archivo CSV: ${p.full}`]),
      'Quite las filas sobrantes, o elija con --duplicates first (enviar la primera), last (enviar la última) o all (enviar cada una, en el orden del archivo).',
    ].join('\n'),
};
