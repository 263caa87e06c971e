import type { BinaryFormat, JsonProblem, enInput } from './en-input.js';

// Spanish for the files a job reads: an input that is no spreadsheet or cannot be read, a mapping file missing,
// not UTF-8, empty or not JSON.

type Words = typeof enInput;

const JSON_HINTS: Readonly<Record<NonNullable<Extract<JsonProblem, { kind: 'token' }>['hint']>, string>> = {
  'single-quote': '; JSON necesita comillas dobles',
  comment: '; JSON no admite comentarios',
  'comma-missing': '; quizá falta una coma antes',
  'trailing-comma': '; quite la coma que hay antes',
  'key-expected': '; se esperaba una clave entre comillas dobles',
  'colon-expected': '; se esperaban dos puntos después de la clave',
  'after-end': ' después del final del JSON',
};

function jsonProblem(problem: JsonProblem): string {
  switch (problem.kind) {
    case 'end':
      return 'El JSON termina antes de tiempo';
    case 'token':
      return `Carácter inesperado ${problem.char}${problem.hint ? JSON_HINTS[problem.hint] : ''}`;
    case 'bad-escape':
      return `Secuencia de escape inválida \\${problem.escape} en un texto (escriba \\\\ para una barra invertida)`;
    case 'control-in-string':
      return 'Salto de línea o carácter de control dentro de un texto (escriba \\n)';
    case 'unterminated-string':
      return 'Texto sin comilla de cierre';
  }
}

const FORMATS: Readonly<Record<BinaryFormat, string>> = {
  png: 'una imagen PNG',
  jpeg: 'una imagen JPEG',
  gif: 'una imagen GIF',
  pdf: 'un documento PDF',
  gzip: 'un archivo comprimido gzip',
  '7z': 'un archivo comprimido 7-Zip',
  rar: 'un archivo comprimido RAR',
  elf: 'un programa (ELF)',
  data: 'datos binarios',
};

const APPS = {
  ods: { name: 'una hoja de cálculo OpenDocument (LibreOffice, OpenOffice)', save: 'Archivo > Guardar como > Excel 2007-365 (.xlsx)' },
  numbers: { name: 'una hoja de cálculo de Apple Numbers', save: 'Archivo > Exportar a > Excel' },
} as const;

export const esInput: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'input.unreadable-workbook': (p) =>
    `Libro ilegible: ${p.name} está protegido con contraseña o en el formato antiguo de Excel 97-2003 (.xls). Ábralo en Excel, quite la contraseña (Archivo > Información > Proteger libro) y guárdelo como .xlsx, o guárdelo como CSV UTF-8.`,
  'input.other-app': (p) =>
    `Archivo no admitido: ${p.name} es ${APPS[p.app].name}. Guárdelo como .xlsx desde la aplicación (${APPS[p.app].save}), o como CSV UTF-8, e intente de nuevo.`,
  'input.binary': (p) =>
    `No es una hoja de cálculo: ${p.name} parece ser ${FORMATS[p.format]}${p.controls ? ` (${p.controls.count} de sus primeros ${p.controls.of} bytes son caracteres de control que un texto no contiene; el primero en el byte ${p.controls.first})` : ''}, no un archivo CSV o de Excel. Verifique que sea el archivo correcto.`,
  'input.empty-file': (p) => `Archivo vacío: ${p.name} no tiene contenido (0 bytes).`,
  'input.not-a-workbook': (p) =>
    `No es un libro de Excel: ${p.name} tiene la extensión ${p.extension} pero no es un libro de Excel (parece un archivo de texto). Si es una exportación CSV, cambie la extensión a .csv.`,
  'input.zip-not-text': (p) =>
    `No es un archivo de texto: ${p.name} es un archivo zip, muy probablemente un libro de Excel ${p.extension === '' ? 'sin extensión' : `con la extensión ${p.extension}`}. Cambie la extensión a .xlsx.`,
  'input.utf16-no-bom': (p) =>
    `Codificación desconocida: ${p.name} parece texto ${p.encoding.toUpperCase()} sin marca de orden de bytes (uno de cada dos bytes es 0). Léalo con --encoding ${p.encoding} (o "encoding": "${p.encoding}" en el mapeo).`,
  'input.cannot-read': (p) =>
    `No se puede leer el archivo: ${p.path}: ${p.reason === 'missing' ? 'no existe' : p.reason === 'folder' ? 'es una carpeta' : p.reason === 'denied' ? 'permiso denegado' : (p.detail ?? 'error desconocido')}. Revise la ruta.`,
  'input.mixed-encoding': (p) =>
    `Codificación mezclada: ${p.file} está en UTF-8 hasta la línea ${p.line}, donde tiene bytes que no son UTF-8. Guarde el archivo de nuevo con una sola codificación (UTF-8 es la mejor), o fuerce una con --encoding (o "encoding" en el mapeo).`,
  'mapping.not-found': (p) =>
    `No se encontró el mapeo: ${p.file} ${p.reason === 'missing' ? 'no existe; revise la ruta que dio para el mapeo' : p.reason === 'folder' ? 'es una carpeta; indique la ruta del archivo .json del mapeo' : `no se puede leer (${p.detail ?? 'error desconocido'})`}.`,
  'mapping.not-utf8': (p) => `Mapeo inválido: ${p.file} no es texto UTF-8. Guárdelo con la codificación UTF-8 (en el Bloc de notas: Guardar como → Codificación: UTF-8).`,
  'mapping.empty': (p) => `Mapeo inválido: ${p.file} está vacío; escriba un objeto JSON con "id" y "fields".`,
  'mapping.not-json': (p) => `Mapeo inválido: ${p.file} no es JSON válido: ${jsonProblem(p.problem)} en la línea ${p.line}, columna ${p.column}.`,
};
