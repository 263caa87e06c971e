import { countIn } from '../text.js';
import type { AttachmentProblem, CellKind, enRows, ValueSource } from './en-rows.js';
import { wordNested } from './es.js';

// Spanish for what is wrong with one row: said of the column and the cell as a person sees them in the
// spreadsheet; a mapping option is named where setting it is the fix ("decimal", "inputFormat", "map").

type Rows = typeof enRows;

const n = (value: number) => countIn('es', value);

const KINDS: Readonly<Record<CellKind['kind'], (text: string) => string>> = {
  'yes-no': (text) => `${text} es un valor sí/no`,
  number: (text) => `${text} es un número`,
  date: (text) => `${text} es una fecha`,
  text: (text) => `'${text}' es texto`,
};
const kind = (cell: CellKind) => KINDS[cell.kind](cell.text);

const quoteAll = (columns: readonly string[]) => columns.map((column) => `'${column}'`).join(', ');

const source = (from: ValueSource) =>
  from.kind === 'column' ? `la celda de la columna '${from.column}'` : from.kind === 'template' ? `la plantilla ${from.template}` : 'el valor';

const TYPES: Readonly<Record<string, string>> = { date: 'fecha', datetime: 'fecha y hora' };

const attachment = (name: string, problem: AttachmentProblem): string => {
  switch (problem.kind) {
    case 'absolute':
      return `'${name}' es una ruta completa; escríbala relativa a la carpeta de adjuntos ${problem.folder}`;
    case 'outside':
      return `'${name}' apunta fuera de la carpeta de adjuntos ${problem.folder}; no se leyó`;
    case 'not-found':
      return `'${name}' no se encontró en ${problem.folder}`;
    case 'link-outside':
      return `'${name}' es un acceso directo a un archivo fuera de la carpeta de adjuntos ${problem.folder}; no se leyó`;
    case 'unopenable':
      return `'${name}' no se puede abrir (${problem.reason})`;
    case 'unreadable':
      return `'${name}' no se puede leer (${problem.reason})`;
    case 'not-file':
      return `'${name}' no es un archivo`;
    case 'too-big':
      return `'${name}' pesa ${n(problem.bytes)} bytes, más que el límite de ${n(problem.max)} bytes; aumente "maxBytes" para enviarlo`;
  }
};


export const esRows: { readonly [C in keyof Rows]: (params: Parameters<Rows[C]>[0]) => string } = {
  'value.wrong-kind': (p) =>
    `${kind(p.cell)}, no ${p.want === 'number' ? 'un número' : p.want === 'phone' ? 'un número de teléfono' : `un valor sí/no (se aceptan: ${p.accepted ?? ''})`}`,
  'value.not-date-cell': (p) => `${kind(p.cell)}, no una fecha: dé formato de fecha a la columna en Excel, o escriba las fechas como texto, por ejemplo ${p.example}`,
  'value.time-without-date': (p) =>
    `'${p.text}' es una hora sin fecha; un campo de ${TYPES[p.type] ?? p.type} necesita también la fecha: en Excel, dé a la celda formato de fecha y hora (por ejemplo aaaa-mm-dd hh:mm), o escriba ambas como texto (YYYY-MM-DD HH:mm:ss)`,
  'value.not-table': (p) =>
    `'${p.shown}' no es una lista de filas en JSON como [{"Producto": "Camisa", "Cantidad": 2}]${p.invalidJson ? ' (no es un JSON válido)' : ''}`,
  'value.not-phone': (p) =>
    `'${p.text}' no es un número de teléfono: solo se aceptan dígitos, espacios, guiones, puntos y paréntesis${p.plus ? '; escriba el indicativo del país en "code"' : ''}`,
  'value.not-whole': (p) => `'${p.text}' no es un número entero`,
  'value.not-json': (p) => `'${p.shown}' no es un valor JSON (el texto va entre comillas dobles: "VIP")`,
  'value.number-symbols': (p) => `'${p.text}' no es un número: quite de las celdas los signos de moneda, las letras y el %`,
  'value.number-ambiguous': (p) =>
    `'${p.text}' se puede leer de dos maneras: indique para este campo el separador decimal que usa el archivo ("decimal": "," o ".")`,
  'value.not-number': (p) => `'${p.text}' no es un número`,
  'value.number-decimal': (p) =>
    `'${p.text}' no es un número con separador decimal "${p.decimal}" (por ejemplo ${p.decimal === ',' ? '1.500.000,50' : '1,500,000.50'})`,
  'value.number-digits': (p) => `'${p.text}' tiene más cifras de las que un campo numérico guarda con exactitud (15); use "type": "string"`,
  'value.not-yes-no': (p) => `'${p.text}' no es un valor sí/no (se aceptan: ${p.accepted})`,
  'value.not-iso-date': (p) =>
    `'${p.text}' no es una fecha con la forma AAAA-MM-DD; indique el formato de las fechas del archivo en "inputFormat" (por ejemplo "DD/MM/YYYY") para leer otras formas`,
  'value.date-mismatch': (p) => `'${p.text}' no tiene el formato de entrada ${p.format}`,
  'value.not-real-date': (p) => `'${p.text}' no es una fecha que exista (${p.format})`,
  'value.not-real-time': (p) => `'${p.text}' no es una hora del día válida (${p.format})`,
  'value.not-in-map': (p) =>
    `'${p.text}' no está entre los valores a reemplazar (${p.keys.join(', ')}${p.more ? ', …' : ''}); agréguelo a "map" o indique un "default"`,
  'value.id-space': (p) => `'${p.text}' tiene un espacio; un id de wolkvox no tiene espacios`,
  'value.id-slash': (p) => `'${p.text}' tiene "/"; use solo el id, la última parte de la dirección del registro en el CRM`,

  'row.in-field': (p) => `${p.field}: ${wordNested(p.problem)}`,
  'row.in-id': (p) => `el id: ${wordNested(p.problem)}`,
  'row.in-attachments': (p) => `adjuntos: ${wordNested(p.problem)}`,
  'row.attachment': (p) => attachment(p.name, p.problem),
  'row.cells': (p) =>
    p.cells
      .map(({ cell, column, problem }) =>
        `celda ${cell} (${column}): ${problem.kind === 'formula' ? 'fórmula sin resultado guardado; abra el archivo en Excel o LibreOffice y guárdelo de nuevo' : `número ilegible '${problem.raw}'`}`,
      )
      .join('; '),
  'row.fields-missing': (p) => `${p.fields === 1 ? '1 campo' : `${n(p.fields)} campos`} donde el encabezado tiene ${n(p.header)}: falta un valor o un separador`,
  'row.fields-extra': (p) =>
    `${n(p.fields)} campos donde el encabezado tiene ${n(p.header)}: probablemente un valor contiene el separador sin comillas`,
  'row.nul': (p) => `la celda tiene un carácter NUL (código 0) en la posición ${n(p.at)}: no es texto y ningún campo del CRM debería recibirlo; quítelo en el archivo`,
  'row.too-long': (p) =>
    `la celda tiene ${n(p.chars)} caracteres, más de los que caben en una celda de hoja de cálculo (${n(p.max)}); lo más probable es un pegado que salió mal o una comilla suelta que unió varias líneas: acórtela en el archivo`,
  'row.id-empty': (p) =>
    `${source(p.source)} está vacía${p.errors.length > 0 ? ` (tiene el error ${p.errors.join(', ')})` : ''}; cada fila necesita el id de wolkvox del registro a actualizar`,
  'row.id-incomplete': (p) => `${p.columns.length === 1 ? 'la columna' : 'las columnas'} ${quoteAll(p.columns)} de ${source(p.source)} ${p.columns.length === 1 ? 'está vacía' : 'están vacías'}, así que el id quedaría incompleto`,
  'row.id-empty-after-map': (p) => `${source(p.source)} queda vacía después de reemplazar los valores ("map")`,
  'row.field-empty': (p) =>
    `${source(p.source)} está vacía${p.source.kind === 'template' ? ` (columnas ${quoteAll(p.source.columns)})` : ''}${p.errors.length > 0 ? `; tiene el error ${p.errors.join(', ')}, corríjalo en el archivo` : ''}; llénela, o indique para este campo "empty": "skip" (omitir) o "clear" (borrar)`,
  'row.label-empty-with-id': (p) => `${source(p.source)} está vacía pero la columna '${p.idColumn}' tiene el id de un registro vinculado; escriba el nombre`,
  'row.linked-id-empty': (p) => `el id del registro vinculado en la columna '${p.column}' está vacío; llénelo, o quite "idColumn"`,
  'row.linked-id-bad': (p) => `el id del registro vinculado en la columna '${p.column}': ${wordNested(p.problem)}`,
  'row.lookup-name-blank': (p) => `el nombre '${p.name}' no tiene ninguna letra ni dígito con que buscar un registro de ${p.module}`,
  'row.key-error': (p) => `la clave es el error ${p.error}; cada fila necesita el ${p.field} del registro a actualizar`,
  'row.key-empty': (p) => `la clave está vacía; cada fila necesita el ${p.field} del registro a actualizar`,
  'row.key-no-letter': (p) => `la clave '${p.key}' no tiene ninguna letra ni dígito; un ${p.field} comparado como documento necesita alguno`,
};
