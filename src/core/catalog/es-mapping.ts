import type { enMapping, Got, Needed, ObjectWhat, TextWhat, WholeWhat } from './en-mapping.js';
import { wordNested } from './es.js';

// Spanish for what is wrong inside a mapping file. The fix is made in the file, so its keys ("fields",
// "decimal") are named as written there; the rest is said plainly.

type MappingWords = typeof enMapping;

const TYPES: Readonly<Record<string, string>> = { string: 'texto', number: 'número', boolean: 'sí/no' };

const got = (value: Got) =>
  value.kind === 'value'
    ? `${value.json} (${TYPES[value.type] ?? value.type})`
    : { null: 'null (vacío)', list: 'una lista', object: 'un objeto', 'empty-string': 'un texto vacío' }[value.kind];

const TEXT: Readonly<Record<TextWhat, string>> = {
  text: 'un texto',
  column: 'el nombre de una columna',
  template: 'una plantilla como "{Nombre} {Apellido}"',
  'crm-field': 'el nombre de un campo del CRM',
  module: 'el nombre de un módulo',
  'id-column': 'el nombre de la columna que tiene el id de wolkvox',
  folder: 'una carpeta',
  separator: 'el texto entre los nombres de archivo, como "|"',
  schema: 'la dirección del esquema',
  operation: 'el nombre de la operación de wolkvox',
  'crm-module': 'el nombre de un módulo del CRM, como "contacts"',
  sheet: 'el nombre o la posición de una hoja',
};

const WHOLE: Readonly<Record<WholeWhat, string>> = {
  'max-bytes': 'el tamaño máximo de un archivo, en bytes',
  'sheet-position': 'la posición de la hoja, o use su nombre',
  'header-row': 'la fila que tiene los nombres de las columnas',
};

const OBJECT: Readonly<Record<ObjectWhat, string>> = {
  mapping: 'un mapeo debe ser un objeto JSON como { "id": "Cédula", "fields": { … } }',
  attachments: 'debe ser un objeto como { "column": "Adjuntos" }',
  match: 'debe ser un objeto como { "column": "Documento", "field": "documento" }',
  lookup: 'debe ser un objeto como { "module": "empresas", "field": "nombre" }',
  map: 'debe ser un objeto como { "A": "Activo" }',
  fields: 'debe ser un objeto de nombre de campo del CRM → columna',
  field: 'debe ser el nombre de una columna o un objeto con "column", "value" o "template"',
  id: 'debe ser el nombre de una columna o un objeto con "column" o "template"',
};

const NEEDED: Readonly<Record<Needed, string>> = {
  'attachments.column': 'necesita "column": la columna con los nombres de los archivos a adjuntar',
  'match.column': 'necesita "column": la columna del archivo con la clave de cada fila, como "Documento"',
  'match.field': 'necesita "field": el campo del CRM que tiene la misma clave, como "documento"',
  'lookup.module': 'necesita "module": el módulo del registro vinculado, como "empresas"',
  'lookup.field': 'necesita "field": el campo de ese módulo que tiene el nombre, como "nombre"',
  'search.module':
    'un campo de búsqueda necesita "searchModule" (el módulo del registro vinculado, como "contacts"), o "lookup" para encontrar el registro vinculado por su nombre',
  'currency.symbol': 'un campo de moneda necesita "symbol" (como "COP")',
};

const ID_KEYS = {
  value: 'un id fijo actualizaría el mismo registro en cada fila; use "column" o "template"',
  empty: 'el id nunca puede estar vacío: las filas sin id se informan como no válidas',
  write: 'el id indica el registro, nunca se escribe; ponga "write" en los campos',
  other: 'el id no lo usa: el id siempre es texto',
} as const;

const listChoices = (choices: readonly string[], or = 'o') => {
  const quoted = choices.map((choice) => JSON.stringify(choice));
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} ${or} ${quoted.at(-1)}`;
};

const meant = (word?: string) => (word === undefined ? '' : `; ¿quiso decir ${JSON.stringify(word)}?`);

export const esMapping: { readonly [C in keyof MappingWords]: (params: Parameters<MappingWords[C]>[0]) => string } = {
  'mapping.unknown-key': (p) => `clave desconocida${meant(p.meant)}`,
  'mapping.field-outside': () => 'clave desconocida; los campos del CRM van dentro de "fields"',
  'mapping.must-be-text': (p) => `debe ser ${TEXT[p.what]}, y es ${got(p.got)}`,
  'mapping.must-be-boolean': (p) => `debe ser true o false, y es ${got(p.got)}`,
  'mapping.must-be-choice': (p) => `debe ser ${listChoices(p.choices)}, y es ${got(p.got)}${meant(p.meant)}`,
  'mapping.must-be-whole': (p) => `debe ser un número entero desde ${p.min} (${WHOLE[p.what]}), y es ${got(p.got)}`,
  'mapping.must-be-constant': (p) => `debe ser un texto, un número o true/false, y es ${got(p.got)}`,
  'mapping.must-be-object': (p) => `${OBJECT[p.what]}, y es ${got(p.got)}`,
  'mapping.needs': (p) => NEEDED[p.what],

  'mapping.id-missing': () =>
    'falta: indique la columna que tiene el id de wolkvox de cada registro, o encuentre cada registro por una clave propia con "match", como { "column": "Documento", "field": "documento" }',
  'mapping.match-and-id': () => 'no se puede usar con "id": una fila encuentra su registro por su id de wolkvox ("id") o por una clave propia ("match"); quite uno de los dos',
  'mapping.fields-missing': () => 'falta: indique los campos del CRM a actualizar, como { "Email": "Correo" }',
  'mapping.fields-empty': () => 'está vacío: indique al menos un campo del CRM a actualizar',
  'mapping.needs-source': (p) => `necesita un origen: ${listChoices(p.choices)}`,
  'mapping.two-sources': (p) => `tiene ${listChoices(p.sources, 'y')}; deje un solo origen`,
  'mapping.map-empty': () => 'está vacío; indique los valores a reemplazar',
  'mapping.useless-with-value': () => 'no sirve con un "value" fijo',
  'mapping.default-without-map': () => 'solo se usa con "map" (para los valores que no están en él); una celda vacía sigue lo que diga "empty"',
  'mapping.unknown-type': (p) => `tipo desconocido ${got(p.got)}${meant(p.meant)} (tipos: ${p.types.join(', ')})`,
  'mapping.option-not-for-type': (p) => `solo lo usan los campos de tipo ${listChoices(p.types).replaceAll('"', '')}, y el tipo de este campo es ${p.type}`,
  'mapping.lookup-and-id-column': () =>
    'no se puede usar con "idColumn": el id del registro vinculado viene de una columna ("idColumn") o se busca por el nombre ("lookup"); quite uno de los dos',
  'mapping.label-empty': () => 'el nombre de un campo no puede estar vacío',
  'mapping.label-spaces': () => 'el nombre del campo tiene espacios al principio o al final; los nombres de los campos del CRM deben coincidir exactamente',
  'mapping.if-empty-clear': () =>
    '"if-empty" solo llena un campo del CRM que está vacío, así que "empty": "clear" no borraría nada; escriba "empty": "skip", o "write": "always" para borrar el valor del CRM',
  'mapping.id-key': (p) => ID_KEYS[p.key],
  'mapping.id-type': (p) => `el id siempre es texto: quite "type" o póngalo en "string"; es ${got(p.got)}`,
  'mapping.written-twice': () => 'está escrita dos veces; JSON se queda solo con la última, así que quite una',
  'mapping.constant-refused': (p) => wordNested(p.problem),

  'template.brace-unopened': (p) => `"}" en la posición ${p.at} no tiene un "{" antes; escriba "}}" para una llave literal`,
  'template.brace-unclosed': (p) => `"{" en la posición ${p.at} no se cierra con "}"; escriba "{{" para una llave literal`,
  'template.no-column': (p) => `"{}" en la posición ${p.at} no nombra ninguna columna`,
  'template.no-placeholder': () => 'no tiene ninguna {Columna}; para el mismo texto en todas las filas use "value"',

  'format.empty': () => 'está vacío; escriba un formato como "DD/MM/YYYY"',
  'format.bracket-unclosed': (p) => `"[" en la posición ${p.at} no se cierra con "]"`,
  'format.unknown-token': (p) => `"${p.run}" no es una parte de fecha conocida${meant(p.meant)} (partes: ${p.tokens.join(' ')}; escriba otras letras entre [corchetes])`,
  'format.twice': (p) => `"${p.token}" aparece dos veces`,
  'format.minutes-no-hour': () => '"mm" son los minutos y necesitan una hora (HH); el mes es "MM"',
  'format.missing': (p) => `necesita el año, el mes y el día (falta ${p.missing.join(', ')})`,
  'format.hour-no-minutes': () => 'una hora necesita los minutos: escriba "HH:mm"',
  'format.seconds-no-minutes': () => '"ss" son los segundos y necesitan "HH:mm" antes',
  'format.date-with-time': () => 'un campo de fecha no tiene hora: quite la hora, o use "type": "datetime"',
  'format.datetime-no-time': () => 'un formato de fecha y hora necesita la hora (HH:mm); para solo fechas use "type": "date"',
  'format.loose-token': (p) => `"${p.token}" debe ir seguido de un separador como "/", o escribirse "${p.token}${p.token}"`,

  'mapping.column-missing': (p) => `la columna ${JSON.stringify(p.column)} no está en ${p.file}${meant(p.meant)}`,
  'mapping.columns-are': (p) => `Las columnas de ${p.file} son: ${p.headers.join(', ')}.`,
  'mapping.columns-after-fix': (p) =>
    `Las columnas se comparan con ${p.file} cuando ${p.keys.map((key) => `"${key}"`).join(' y ')} ${p.keys.length > 1 ? 'estén corregidos' : 'esté corregido'}.`,
  'mapping.columns-unchecked': (p) => `No se pudieron revisar las columnas: ${p.reason}`,
  'mapping.base-dir-not-folder': (p) => `${p.folder} no es una carpeta`,
  'mapping.base-dir-missing': (p) => `la carpeta ${p.folder} no existe; créela o corrija "baseDir" (relativa a la carpeta del archivo de mapeo)`,
  'mapping.invalid': (p) =>
    [
      `Mapeo no válido: ${p.file} tiene ${p.problems.length === 1 ? '1 problema' : `${p.problems.length} problemas`}:`,
      ...p.problems.map((problem) => `  ${problem.path === '' ? '' : `${problem.path}: `}${wordNested(problem.problem)}`),
      ...p.extra.map(wordNested),
      'Corrija el mapeo y ejecute de nuevo wolkvox-bulk validate.',
    ].join('\n'),
};
