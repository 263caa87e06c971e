import { countIn, countedIn, LOCALE_OF } from '../text.js';
import type { Catalog } from '../say.js';
import type { Nested } from './en-rows.js';
import { esCheck } from './es-check.js';
import { esFields } from './es-fields.js';
import { esWatch } from './es-watch.js';
import { esMapping } from './es-mapping.js';
import { esNotify } from './es-notify.js';
import { esRows } from './es-rows.js';
import { esRuns } from './es-runs.js';
import type { BinaryFormat, Expectation, FatalNext, FileCause, FolderFix, JsonProblem, PlanCost } from './en.js';

// Spanish, for contact-centre staff in Latin America: usted, "solicitudes a la API" or "consultas" (never
// "llamadas", which reads as phone calls), numbers grouped as Colombia writes them (2.400; 1.234,5).

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

function planCost(p: PlanCost): string {
  const { rows, batch } = p;
  let text: string;
  if (!batch) text = `requiere ${plural(rows, 'solicitud', 'solicitudes')} a la API`;
  else {
    const needs = `requiere unas ${plural(batch.calls, 'solicitud', 'solicitudes')} a la API en lotes de ${n(batch.size)}`;
    text =
      batch.cost === 'call'
        ? `${needs}, 1 unidad de cuota cada una`
        : batch.cost === 'record'
          ? `${needs}, ${plural(rows, 'unidad', 'unidades')} de cuota (una solicitud con varios registros cuesta 1 por registro)`
          : `${needs}: ${plural(batch.calls, 'unidad', 'unidades')} de cuota si una solicitud con varios registros cuesta 1, ${n(rows)} si cuesta 1 por registro (se mide tras el primer lote)`;
  }
  if (p.lookupCalls > 0) text += `, más hasta ${plural(p.lookupCalls, 'consulta')} para encontrar antes los nombres de las búsquedas`;
  if (p.snapshotReads) text += 'module' in p.snapshotReads ? ', más la lectura del módulo antes (1 consulta por cada 250 registros)' : `, más hasta ${plural(p.snapshotReads.ids, 'consulta')} para leer antes los registros`;
  return text;
}

const MATCH_WAYS = {
  auto: 'auto: el módulo mientras sus páginas sean menos que las claves, luego clave por clave',
  module: '--match-by module',
  query: '--match-by query',
} as const;

const COMPARES = { exact: 'exacta', 'ignore-case': 'sin distinguir mayúsculas', document: 'como documento' } as const;

const earlier = (known: number, pagesRead: number) => {
  const parts = [...(known > 0 ? [`${n(known)} ya encontradas`] : []), ...(pagesRead > 0 ? [`${plural(pagesRead, 'página', 'páginas')} del módulo ya ${pagesRead === 1 ? 'leída' : 'leídas'}`] : [])];
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
};

const failing = (none: number, several: number) => {
  const parts = [...(none > 0 ? [`${n(none)} en ninguno`] : []), ...(several > 0 ? [`${n(several)} en varios`] : [])];
  return parts.length > 0 ? `, ${parts.join(', ')} (sus filas fallaron, no se enviaron)` : '';
};

const STATUSES = {
  updated: 'actualizadas',
  unchanged: 'sin cambios',
  failed: 'fallidas',
  invalid: 'no válidas',
  skipped: 'omitidas',
  not_sent: 'no enviadas',
  would_send: 'se enviarían',
} as const;

const FATAL_FIX: Readonly<Record<FatalNext, string>> = {
  auth: 'El token fue rechazado: revise WOLKVOX_TOKEN o --token-file, y que el token esté activo en el CRM (Configuración > Wolkvox Integration > Tokens).',
  endpoint: 'Esta no es la API de wolkvox: revise --server (el servidor de su CRM, como en la barra de direcciones del navegador, por ejemplo crm0001.wolkvox.com).',
  redirect: 'El servidor respondió con una redirección, así que la dirección no es la de la API: revise --server.',
  configuration: 'Revise los nombres de la operación y del módulo (en el mapeo, o --operation y --module).',
  network: 'Revise --server y su red.',
  other: 'Corrija la causa.',
};

const UNITS = {
  'calls-in-flight': ' de solicitudes en curso',
  'calls-per-second': ' de solicitudes por segundo',
  seconds: ' de segundos',
  'no-limit': ' (0: sin límite)',
  share: ' (una proporción: 0.5 es la mitad; 0 desactiva la revisión)',
  rows: ' de filas',
  'records-per-call': ' de registros por solicitud',
  bodies: ' de registros',
} as const;

const TEXTS = {
  folder: 'la ruta de una carpeta',
  'earlier-run': 'la carpeta de una ejecución anterior',
  operation: 'el nombre de una operación del CRM',
  module: 'el nombre de un módulo del CRM, como contacts',
  server: 'un servidor del CRM, como crm0001.wolkvox.com',
  'preview-run': 'la carpeta de una vista previa (update --preview)',
  'web-address': 'una dirección http:// o https://, como https://hooks.slack.com/services/…',
  'time-of-day': 'una hora del día como HH:MM (24 horas), por ejemplo 06:00 o 22:30',
} as const;

function expectationIn(expected: Expectation): string {
  switch (expected.kind) {
    case 'whole':
    case 'number':
      return `${expected.kind === 'whole' ? 'un número entero' : 'un número'}${expected.unit ? UNITS[expected.unit] : ''} ${expected.max === undefined ? `desde ${expected.min}` : `de ${expected.min} a ${expected.max}`}`;
    case 'one-of':
      return `uno de ${expected.choices.join(', ')}`;
    case 'text':
      return TEXTS[expected.what];
    case 'yes-no':
      return 'true o false';
  }
}

const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'el disco está lleno',
  EDQUOT: 'se agotó su cuota de disco',
  EFBIG: 'el archivo superó el tamaño que este sistema permite',
  EACCES: 'permiso denegado',
  EPERM: 'permiso denegado',
  EROFS: 'el sistema de archivos es de solo lectura',
  ENOTDIR: 'hay un archivo donde se necesita una carpeta',
  EISDIR: 'hay una carpeta donde se necesita un archivo',
  EEXIST: 'ya existe algo con ese nombre',
  ENOENT: 'la carpeta no existe',
  EIO: 'el disco informó un error de entrada/salida',
  EMFILE: 'hay demasiados archivos abiertos',
};

const causeIn = (cause: FileCause) => (cause.code !== undefined ? (CAUSES[cause.code] ?? cause.detail) : cause.detail);

function folderFix(fix: FolderFix): string {
  if (fix.kind === 'out') return 'Elija otra --out (una carpeta nueva donde pueda escribir), o corrija los permisos de esa carpeta. No se envió nada.';
  if (fix.kind === 'space') return 'Libere espacio en disco o corrija los permisos de la carpeta, y luego reanude.';
  const who = fix.dir === undefined ? 'los permisos de la carpeta' : `los permisos de ${fix.dir} (la carpeta y sus archivos deben poder escribirse con su usuario)`;
  const then = { again: 'ejecute el comando otra vez', resume: 'reanude otra vez', verify: 'ejecute verify otra vez', undo: 'ejecute undo otra vez' }[fix.then];
  return `Corrija ${who} y luego ${then}. No se envió nada.`;
}

const n = (value: number) => countIn('es', value);
const plural = (value: number, one: string, many?: string) => countedIn('es', value, one, many);

export const es: Catalog = {
  ...esRows,
  ...esMapping,
  ...esCheck,
  ...esFields,
  ...esWatch,
  ...esNotify,
  ...esRuns,

  'cli.usage': (p) => `Error de uso: ${p.detail}\nEjecute con --help para ver las opciones y ejemplos.`,
  'cli.flag-needs-value': (p) => `--${p.flag} necesita un valor después (por ejemplo --${p.flag} 10).`,
  'cli.missing-command': () => 'Falta el comando: ejecute wolkvox-bulk --help para ver los comandos.',
  'cli.unexpected': (p) => `Error inesperado: ${p.detail}\nPor favor repórtelo junto con el comando que ejecutó.`,
  'cli.confirmation-needed': (p) =>
    `Se necesita confirmación: este trabajo envía cambios al CRM y no hay una terminal donde preguntar${p.json ? ' (--json)' : ''}. Agregue --yes para enviar sin preguntar. No se envió nada.`,
  'cli.stopping': () => 'Deteniendo: no se hacen más solicitudes; se espera a las que están en curso y luego se escriben los informes. Presione Ctrl-C otra vez para salir de inmediato.',
  'cli.ask-dry-run': () => '¿Hacer el simulacro? [s/N] ',
  'cli.ask-read-back': () => '¿Leer de nuevo los registros actualizados? [s/N] ',
  'cli.ask-send': (p) => `¿Enviar ${plural(p.rows, 'fila')}? [s/N] `,

  'progress.rows': (p) => `${n(p.done)}/${n(p.total)} filas`,
  'progress.updated': (p) => `${n(p.rows)} actualizadas`,
  'progress.failed': (p) => `${n(p.rows)} fallidas`,
  'progress.retrying': (p) => `${n(p.rows)} reintentando`,
  'progress.call-rate': (p) => `${p.perSecond} solicitudes/s`,
  'progress.eta': (p) => `faltan ${p.left}`,
  'progress.quota-left': (p) => `cuota restante ${n(p.units)}`,
  'progress.quota-wait': (p) => `cuota diaria agotada: ${p.wait}`,
  'progress.quota-wait-line': (p) => `Cuota agotada: ${p.wait}.`,
  'progress.quota-wait-over': (p) => `Terminó la espera de la cuota: se vuelve a enviar${p.available === undefined ? '' : ` (${plural(p.available, 'unidad', 'unidades')} de cuota disponibles)`}.`,
  'progress.wait-guessed': (p) => `el CRM no dice cuándo se renueva; se intenta de nuevo en ${p.left}, a las ${p.at}`,
  'progress.wait-until': (p) => `esperando ${p.left}, hasta ${p.at}`,
  'progress.local-time': (p) => `${p.time} (hora local, ${p.zone})`,
  'progress.paused': (p) => `en pausa ${p.left} (${p.reason})`,
  'progress.stopping': () => 'deteniendo: esperando las solicitudes en curso',
  'progress.batches': (p) => `Lotes: ${p.reason}.`,

  'verify.plan-title': (p) => `Listo para leer de nuevo ${plural(p.records, 'registro')} que actualizó ${p.runDir} y compararlos con lo enviado`,
  'verify.plan-where': (p) => `desde ${p.server ?? 'el servidor de la ejecución'}, operación ${p.operation}, módulo ${p.module}; no se envía nada`,
  'verify.plan-reads': (p) => `consultas: 1 por cada 250 registros del módulo mientras eso cueste menos que 1 por registro, luego 1 por cada registro que falte; ${plural(p.inFlight, 'solicitud', 'solicitudes')} a la vez`,
  'verify.all-as-sent': () => 'Verificado: cada registro se lee tal como se envió.',
  'verify.not-as-sent': (p) => {
    const of = `de ${plural(p.checked, 'registro')}${p.inRun ? ' leídos de nuevo' : ''}`;
    const parts = [
      ...(p.differing > 0 ? [`${n(p.differing)} ${of} ${p.differing === 1 ? 'difiere' : 'difieren'} de lo enviado`] : []),
      ...(p.missing > 0 ? [`${p.differing > 0 ? n(p.missing) : `${n(p.missing)} ${of}`} ya no ${p.missing === 1 ? 'está' : 'están'} en el CRM`] : []),
    ];
    return `No coincide con lo enviado: ${parts.join(', ')}.`;
  },
  'verify.nothing-read': () => 'No se leyó nada de nuevo.',
  'verify.checked': () => 'revisados',
  'verify.as-sent': () => 'coinciden',
  'verify.differing': () => 'difieren',
  'verify.missing': () => 'no están',
  'verify.read-calls': (p) => `${plural(p.calls, 'consulta')} para leerlos de nuevo (no cuentan entre las solicitudes de la ejecución)`,
  'verify.listed-in': (p) => `listados en ${p.file} (una línea por campo que difiere; "not found" para un registro que ya no está)`,
  'verify.run-exit': (p) =>
    `salida ${p.exitCode}: la ejecución misma ${p.stopped ? 'se detuvo antes de terminar' : 'tiene filas que fallaron, no eran válidas o no se enviaron'} (vea ${p.results})`,
  'verify.resend': (p) => `envíe esas filas de nuevo (se omiten las que el CRM tiene tal como se enviaron): ${p.command}`,

  'undo.left-alone-note': (p) => `${plural(p.fields, 'campo')} sin tocar: editados después de la ejecución, o no restaurados por otro motivo (listados en ${p.file}).`,
  'undo.line': (p) => {
    const parts = [`${n(p.putBack)} ${p.putBack === 1 ? 'campo restaurado' : 'campos restaurados'}`, `${n(p.leftAlone)} sin tocar`, ...(p.overwritten > 0 ? [`${n(p.overwritten)} editados después de la ejecución y sobrescritos (--overwrite-later-edits)`] : [])];
    return `deshacer: primero se leyeron ${plural(p.records, 'registro')} (${plural(p.reads, 'consulta')}, aparte de las del deshacer): ${parts.join(', ')}${p.leftAlone + p.overwritten > 0 ? ` (listados en ${p.file})` : ''}`;
  },

  'summary.run-folder': (p) => `Carpeta de la ejecución: ${p.dir}`,
  'summary.next': () => 'Siguiente paso:',

  'quota.title': (p) => `Cuota del token en ${p.host} (operación ${p.operation}):`,
  'quota.limit': (p) => `límite         ${p.limit} solicitudes al día`,
  'quota.used': (p) => `usadas hoy     ${p.used} (incluida esta consulta)`,
  'quota.available': (p) => `disponibles    ${p.available}`,
  'quota.resets': (p) => `se renueva en  ${p.hours} h`,

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

  'undo.nothing-updated': (p) => `Nada que deshacer: ninguna fila de ${p.runDir} se actualizó.`,
  'undo.nothing-left': (p) =>
    `Nada que deshacer: ninguno de los ${plural(p.records, 'registro')} que actualizó ${p.runDir} conserva ya lo que envió la ejecución${p.leftAlone > 0 ? `: ${plural(p.leftAlone, 'campo')} sin tocar (listados en ${p.list}; --overwrite-later-edits restaura los editados después de la ejecución)` : '; tienen otra vez sus valores de antes de la ejecución'}. No se envió nada (se gastaron ${plural(p.reads, 'consulta')} en lecturas).`,
  'undo.already-undone': (p) =>
    `Ya se deshizo: ${p.runDir} fue deshecha por ${p.by}${p.at ? ` el ${p.at}` : ''}. Deshacerla otra vez pondría sus valores de antes sobre lo que el CRM tenga ahora. Para terminar ese deshacer: wolkvox-bulk resume ${p.by}`,
  'verify.not-finished': (p) => `Sin terminar: ${p.runDir} no tiene summary.json, así que su última sesión terminó antes de sus informes. Termínela primero (wolkvox-bulk resume ${p.runDir}) y luego verifíquela.`,
  'verify.nothing-updated': (p) => `Nada que verificar: ninguna fila de ${p.runDir} se actualizó.`,
  'verify.cancelled': (p) => `Cancelado: no se leyó nada. Verifique ${p.runDir} más tarde.`,

  'plan.ready': (p) =>
    `${p.dryRun ? 'Simulacro: se enviarían' : 'Listo para enviar'} ${plural(p.toSend, 'fila')} de ${p.file} (${plural(p.rows, 'fila')}; ${n(p.invalid)} no ${p.invalid === 1 ? 'válida' : 'válidas'}, ${n(p.skipped)} ${p.skipped === 1 ? 'omitida' : 'omitidas'}${p.unchanged > 0 ? `, ${n(p.unchanged)} sin cambios` : ''}${p.alreadyDone > 0 ? `, ${n(p.alreadyDone)} ya ${p.alreadyDone === 1 ? 'hecha' : 'hechas'}` : ''})`,
  'plan.preview': (p) =>
    `Vista previa de ${plural(p.toSend, 'fila')} de ${p.file} (${plural(p.rows, 'fila')}; ${n(p.invalid)} no ${p.invalid === 1 ? 'válida' : 'válidas'}, ${n(p.skipped)} ${p.skipped === 1 ? 'omitida' : 'omitidas'}${p.unchanged > 0 ? `, ${n(p.unchanged)} sin cambios` : ''}): lee lo que tiene el CRM, no envía nada`,
  'plan.where': (p) =>
    p.dryRun ? `operación ${p.operation}, módulo ${p.module} (simulacro: no se contacta ningún servidor)` : `a ${p.server}, operación ${p.operation}, módulo ${p.module}`,
  'plan.pace': (p) => `${plural(p.concurrency, 'solicitud', 'solicitudes')} a la vez${p.rate === undefined ? '' : `, como máximo ${p.rate}/s`}; carpeta de la ejecución ${p.runDir}`,
  'plan.reused': (p) => `consultas: las de la vista previa ${p.from}, hechas hace ${plural(p.minutesOld, 'minuto')} (no se consulta nada)`,
  'plan.not-reused': (p) =>
    `No se reutiliza: la vista previa ${p.from} ${
      {
        'not-a-preview': 'no es una vista previa (se hizo sin --preview)',
        'not-finished': 'se detuvo antes de terminar sus consultas',
        'input-changed': `se hizo con otro archivo (el SHA-256 de ${p.file} es distinto)`,
        'mapping-changed': 'se hizo con otro mapeo',
        'rows-changed': 'planeó otras filas (otro --duplicates, --since o --skip-invalid)',
        'other-server': `consultó ${p.server ?? 'ningún servidor'}`,
        'other-module': `consultó el módulo ${p.module}`,
        old: `consultó el CRM hace ${p.minutesOld ?? 0} minutos (sus consultas se reutilizan durante ${p.fresh} minutos, porque los registros cambian)`,
      }[p.code]
    }; los registros se consultan de nuevo.`,
  'plan.skip-unchanged': () => 'se omiten las filas cuyos valores ya tiene el CRM (sin cambios, sin solicitud)',
  'plan.snapshot-from-match': () => 'copia previa: de la lectura del módulo que encuentra las claves, cuando se lee el módulo (sin más consultas); si no, por id',
  'plan.snapshot-done': () => 'copia previa: ya la leyó una sesión anterior (before.csv)',
  'plan.snapshot-first': (p) =>
    `primero la copia previa (--snapshot ${p.strategy}): por id ${plural(p.ids, 'consulta')}; leer el módulo cuesta 1 consulta por cada 250 registros del módulo (su tamaño solo se sabe al leerlo), luego 1 consulta por cada id que no devolvió${p.strategy === 'auto' ? '; auto lee el módulo mientras eso cueste menos, luego los ids que falten uno por uno' : ''}`,
  'plan.if-empty': (p) =>
    `se escriben solo donde el campo del CRM está vacío (if-empty): ${p.fields.join(', ')}; uno con valor se conserva, y una fila que se queda sin nada que escribir queda sin cambios (sin solicitud)`,
  'plan.match': (p) =>
    `buscar por ${p.field} (comparación ${COMPARES[p.compare]}): ${plural(p.keys, 'clave')} por encontrar cuando confirme${earlier(p.known, p.pagesRead)}: clave por clave ${plural(p.queryCalls, 'consulta')}, o leer el módulo 1 consulta por cada 250 registros (${MATCH_WAYS[p.strategy]}); una fila cuya clave no está en ningún registro o está en varios falla, y no se envía nada por ella`,
  'plan.lookup': (p) =>
    `búsqueda de ${p.labels.join(', ')} en ${p.module} por ${p.field} (comparación ${COMPARES[p.compare]}): ${plural(p.keys, 'nombre')} por encontrar cuando confirme${earlier(p.known, p.pagesRead)}: nombre por nombre ${plural(p.queryCalls, 'consulta')}, o leer ${p.module} 1 consulta por cada 250 registros (auto: ${p.module} mientras sus páginas sean menos que los nombres, luego nombre por nombre); una fila cuyo nombre no está en ningún registro o está en varios falla, y no se envía nada por ella`,
  'plan.read-back': () => 'luego se leen de nuevo los registros actualizados (1 consulta por cada 250 registros del módulo, o 1 por registro, lo que cueste menos) y se comparan',
  'plan.warning': (p) => `aviso: ${p.text}`,
  'plan.quota': (p) =>
    `${planCost(p.cost)}${p.cost.batch ? ';' : ','} ${n(p.available)} disponibles hoy, se renueva en ${p.hoursToReset} h` +
    (p.enough ? '' : p.waits ? ` — ${p.sure ? 'cuando' : 'si'} se agotan, el trabajo espera la renovación y sigue solo` : ` — el trabajo se detiene limpiamente ${p.sure ? 'cuando' : 'si'} se agotan (reanúdelo tras la renovación, o agregue --wait-for-quota)`),

  'summary.stopped': (p) => `Detenido: ${p.message}`,
  'summary.preview-done': () => 'Vista previa terminada: no se envió nada.',
  'summary.dry-run-done': () => 'Simulacro terminado: no se envió nada.',
  'summary.done-all': () => 'Listo: se actualizaron todas las filas.',
  'summary.done-all-or-unchanged': () => 'Listo: todas las filas se actualizaron o ya estaban así.',
  'summary.finished': () => 'Terminado.',
  'summary.status': (p) => STATUSES[p.status],
  'summary.calls': (p) =>
    `${plural(p.calls, 'solicitud', 'solicitudes')} a la API${p.perUpdated === undefined ? '' : ` (${p.perUpdated.toLocaleString(LOCALE_OF.es, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} por fila actualizada)`}${p.unitsUnknown ? ', unidades de cuota desconocidas (una solicitud con varios registros cuesta 1 o 1 por registro: --check-quota lo mide)' : p.units === undefined ? '' : `, ${plural(p.units, 'unidad', 'unidades')} de cuota`}, ${plural(p.retries, 'reintento')}${p.resent > 0 ? `, ${plural(p.resent, 'fila')} ${p.resent === 1 ? 'reenviada' : 'reenviadas'} tras un corte` : ''}; ${p.duration}${p.rowsPerSecond > 0 ? `, ${n(p.rowsPerSecond)} filas/s` : ''}${p.sessions > 1 ? ` en ${n(p.sessions)} sesiones` : ''}`,
  'summary.reapplied': (p) =>
    p.records === 1
      ? `1 registro pudo aplicarse más de una vez (se envió de nuevo tras una solicitud que quizá ya lo había aplicado): un flujo del CRM que corre en cada actualización pudo correr otra vez`
      : `${n(p.records)} registros pudieron aplicarse más de una vez (se enviaron de nuevo tras una solicitud que quizá ya los había aplicado): un flujo del CRM que corre en cada actualización pudo correr otra vez`,
  'summary.uncertain': (p) =>
    `${p.calls.length === 1 ? `la solicitud ${p.calls[0]} estaba` : `las solicitudes ${p.calls.join(', ')} estaban`} en curso cuando un proceso terminó: puede que el CRM ${p.calls.length === 1 ? 'la haya' : 'las haya'} recibido o no`,
  'summary.batch': (p) =>
    `lotes de ${p.size}${p.used === p.size ? '' : `, ${p.unconfirmable ? `luego una fila por solicitud: ${p.why ?? 'updateMany.php no dio un conteo'}` : `${p.used} después de que el CRM rechazó lotes más grandes`}`}${p.cost ? `; una solicitud con varios registros costó ${p.cost === 'call' ? '1 unidad' : '1 unidad por registro'}` : ''}`,
  'summary.verified': (p) =>
    `se verificaron ${plural(p.checked, 'registro')} leyéndolos de nuevo (${plural(p.calls, 'consulta')}, aparte de las de la ejecución): ${n(p.matched)} coinciden, ${n(p.differing)} difieren${p.missing > 0 ? `, ${n(p.missing)} ya no están en el CRM` : ''}${p.differing + p.missing > 0 ? ` (listados en ${p.file})` : ''}`,
  'summary.match': (p) =>
    `${plural(p.keys, 'clave')} de ${p.field} ${p.by === 'module' ? 'buscadas leyendo el módulo' : 'buscadas una por una'} (${plural(p.calls, 'consulta')}, de la ejecución): ${n(p.found)} en un solo registro${failing(p.none, p.several)}`,
  'summary.lookup': (p) =>
    `${plural(p.keys, 'nombre')} de ${p.module} para ${p.labels.join(', ')} ${p.by === 'module' ? `buscados leyendo ${p.module}` : 'buscados uno por uno'} (${plural(p.calls, 'consulta')}, de la ejecución): ${n(p.found)} en un solo registro${failing(p.none, p.several)}`,
  'summary.bodies': (p) =>
    `${p.bodies === 1 ? `Primer registro ${p.exactly ? 'exactamente ' : ''}como se enviaría` : `Primeros ${n(p.bodies)} registros ${p.exactly ? 'exactamente ' : ''}como se enviarían`}:`,
  'summary.top-errors': () => 'Errores más frecuentes:',
  'summary.error': (p) => `${p.count} × ${p.message} (p. ej. fila ${p.row})`,
  'summary.results': (p) => `resultados: ${p.file}`,
  'summary.failed-rows': (p) => `filas fallidas: ${p.file}`,

  'next.unfinished-rows': (p) => `${p.resume}   (envía de nuevo las filas no enviadas o cuyo resultado no se sabe)`,
  'next.fatal': (p) =>
    ({
      auth: `ponga el token correcto en WOLKVOX_TOKEN (o en un archivo para --token-file) y luego: ${p.resume}`,
      endpoint: `${p.resume} --server <el servidor de su CRM, como crm0001.wolkvox.com>`,
      redirect: `${p.resume} --server <el servidor de su CRM, como crm0001.wolkvox.com>`,
      configuration: `${p.resume} --operation <operación> --module <módulo>   (o corríjalos en el mapeo y luego: ${p.resume})`,
      network: `cuando se pueda llegar al servidor (revise --server y su red): ${p.resume}`,
      other: `corrija la causa indicada arriba y luego: ${p.resume}`,
    })[p.reason],
  'next.failure-rate-crm': (p) => `si los registros están mal en el CRM, corríjalos allí y luego: ${p.resume} --retry-failed`,
  'next.failure-rate-mapping': (p) => `si el mapeo está mal, corríjalo y luego envíe las filas no actualizadas como una ejecución nueva: wolkvox-bulk update ${p.failedFile} --mapping ${p.mapping}`,
  'next.quota': (p) => `${p.resume}   (cuando se renueve la cuota diaria; agregue --wait-for-quota para esperarla)`,
  'next.resume': (p) => p.resume,
  'next.fix-keys': (p) =>
    `para las filas cuyo ${p.field} no encontró ningún registro o encontró varios: corrija la clave en ${p.file} (o los registros en el CRM) y envíelo como una ejecución nueva: wolkvox-bulk update ${p.failedFile} --mapping ${p.mapping}`,
  'next.fix-names': (p) =>
    `para las filas cuyo ${p.labels.join(', ')} no encontró ningún registro o encontró varios: corrija el nombre en ${p.file} (o los registros en el CRM) y envíelo como una ejecución nueva: wolkvox-bulk update ${p.failedFile} --mapping ${p.mapping}`,
  'next.retry-failed': (p) => `después de corregir los registros en el CRM: ${p.resume} --retry-failed`,
  'next.resend': (p) => `envíe de nuevo los registros que no coinciden con lo enviado (se omiten las filas que el CRM tiene tal como se enviaron): ${p.command}`,
  'next.after-preview': (p) => `${p.command}   (con las demás opciones de la vista previa, dentro de ${p.fresh} minutos)`,

  'preview.row': (p) => ({ change: 'cambiarían', unchanged: 'sin cambios', notFound: 'no están', ambiguous: 'varios', invalid: 'no válidas', skipped: 'omitidas' })[p.what],
  'preview.several-why': () => '(su clave está en varios registros)',
  'preview.listed': (p) => `listados en ${p.file}: cada campo que cambiaría (${plural(p.lines, 'línea', 'líneas')}, incluidas las filas no encontradas)`,
  'preview.real-run': (p) => {
    const { updates, batchSize, quotaUnits, updatesSkippingUnchanged } = p.cost;
    const units = quotaUnits.least === quotaUnits.most ? `${plural(quotaUnits.least, 'unidad', 'unidades')} de cuota` : `de ${n(quotaUnits.least)} a ${n(quotaUnits.most)} unidades de cuota (una solicitud con varios registros cuesta 1, o 1 por registro)`;
    return `la ejecución real: ${plural(updates, 'solicitud', 'solicitudes')} de actualización${batchSize > 1 ? ` en lotes de ${n(batchSize)}` : ''}, ${units}${updatesSkippingUnchanged === undefined || updatesSkippingUnchanged === updates ? '' : ` (${n(updatesSkippingUnchanged)} con --skip-unchanged)`}; ninguna consulta con --reuse-preview dentro de ${p.fresh} minutos`;
  },

  'stop.canary': (p) => `Prueba terminada: se enviaron las primeras ${plural(p.rows, 'fila')} (--limit); resume envía el resto.`,
  'stop.interrupted': () => 'Interrumpido: no se hacen más solicitudes; se espera a las que están en curso.',
  'stop.write-failed': () => 'No se puede escribir el diario de la ejecución: no se hacen más solicitudes.',
  'stop.unreachable': (p) => `${p.answer}. ${FATAL_FIX.network}`,
  'stop.fatal': (p) => `Detenido por el CRM: ${p.answer}. ${FATAL_FIX[p.fix]}`,
  'stop.failure-rate': (p) =>
    `Fallan demasiadas filas: ${p.first ? `fallaron las primeras ${n(p.of)} filas (${n(p.count)} de ${n(p.of)}: ${p.message})` : `fallaron ${n(p.failed)} de las últimas ${n(p.of)} filas (${n(p.count)} de ellas: ${p.message})`}. Revise el mapeo y el CRM antes de seguir (--max-failure-rate cambia esta revisión).`,
  'stop.quota-answered': () => 'Cuota diaria agotada: el CRM respondió TOKEN LIMIT EXCEEDED.',
  'stop.quota-reached': () => 'Cuota diaria alcanzada: se usaron todas las unidades de cuota disponibles hoy. Reanude después de la renovación (o use --wait-for-quota).',
  'stop.max-calls': (p) =>
    `Se alcanzó el límite de solicitudes: ${plural(p.calls, 'solicitud', 'solicitudes')} hechas${p.units === undefined ? '' : `, ${n(p.units)} unidades de cuota contadas`} (${p.units === undefined ? '--max-calls' : `--max-calls ${n(p.max)} cuenta unidades de cuota: una solicitud con varios registros cuenta 1 por registro, salvo que --check-quota haya medido que cuesta 1`}).`,

  'run.not-found': (p) => `No se encontró la carpeta de la ejecución: ${p.runDir}. Indique la carpeta que update mostró al final de su ejecución.`,
  'run.sent-nothing': (p) =>
    p.command === 'resume'
      ? p.was === 'dry-run'
        ? `Simulacro: ${p.runDir} fue un simulacro, que no tiene nada que reanudar. Ejecute update de nuevo sin --dry-run.`
        : `Vista previa: ${p.runDir} fue una vista previa, que no envía nada, así que no hay nada que reanudar. Ejecute update sin --preview (agregue --reuse-preview ${p.runDir} para usar sus consultas).`
      : `${p.was === 'dry-run' ? 'Simulacro' : 'Vista previa'}: ${p.runDir} fue ${p.was === 'dry-run' ? 'un simulacro' : 'una vista previa'}, que no envió nada, así que no hay nada que ${p.command === 'verify' ? 'verificar' : 'deshacer'}.`,
  'run.no-plan': (p) =>
    `Sin plan: ${p.runDir} se hizo con una versión anterior de wolkvox-bulk, cuyas carpetas no guardan el plan revisado que ${p.command} lee. ${p.command === 'resume' ? 'Envíe las filas aún no actualizadas como una ejecución nueva' : `${p.command} no es posible para ella`} (${p.results} muestra el resultado de cada fila).`,
  'run.in-use': (p) => `Carpeta de ejecución en uso: ${p.runDir} ya tiene una ejecución. Continúela con: wolkvox-bulk resume ${p.runDir}, o elija otra --out.`,
  'run.out-is-file': (p) => `No es una carpeta: ${p.runDir} es un archivo. Indique en --out una carpeta que aún no exista (la ejecución la crea).`,
  'run.out-not-empty': (p) =>
    `Carpeta no vacía: ${p.runDir} tiene otros archivos (${p.shown.join(', ')}${p.entries > p.shown.length ? `, … (${p.entries} en total)` : ''}), y una ejecución escribiría sus informes encima. Indique en --out una carpeta nueva o vacía.`,
  'run.busy': (p) =>
    `Carpeta de ejecución ocupada: ${p.runDir} la está usando otro proceso de wolkvox-bulk (pid ${p.pid}). Espere a que termine o deténgalo; si ese proceso no existe, borre ${p.lock}.`,
  'run.lock-failed': (p) => `Carpeta de ejecución ocupada: no se pudo tomar el bloqueo ${p.lock}.`,
  'run.not-a-run': (p) => `No es una carpeta de ejecución: ${p.runDir} no tiene run.json. Indique la carpeta que creó update (su ruta se muestra al final de cada ejecución).`,
  'run.unreadable': (p) =>
    `No se puede leer la carpeta de la ejecución: ${p.file}: ${causeIn(p.cause)}. La carpeta y sus archivos deben poder leerse y escribirse con su usuario: corrija los permisos, o ejecute con el usuario que hizo la ejecución.`,
  'run.damaged': (p) => `Carpeta de ejecución dañada: no se puede leer ${p.file} (${p.detail}).`,
  'run.cancelled': (p) => `Cancelado: no se envió nada. La carpeta ${p.runDir} quedó como estaba: reanúdela cuando esté listo.`,
  'run.cancelled-no-folder': () => 'Cancelado: no se envió nada, y no se guardó ninguna carpeta de ejecución.',
  'run.no-data-rows': (p) => `Sin filas de datos: ${p.file} tiene encabezado pero ninguna fila debajo, así que no hay nada que enviar. Verifique que sea el archivo (y la hoja) correcto.`,
  'run.no-dry-run-match': (p) =>
    `No es posible en un simulacro: ${p.mapping} busca los registros con "match", lo que requiere consultar el CRM, y un simulacro no contacta ningún servidor. Revise las claves con \`wolkvox-bulk validate\`. No se envió nada.`,
  'run.no-dry-run-lookup': (p) =>
    `No es posible en un simulacro: ${p.mapping} busca por nombre ("lookup") el registro vinculado de ${p.labels.map((label) => `"${label}"`).join(', ')}, lo que requiere consultar el CRM, y un simulacro no contacta ningún servidor. Revise el archivo con \`wolkvox-bulk validate\`. No se envió nada.`,

  'option.refused': (p) => `Se esperaba que \`${p.option}\` fuera ${expectationIn(p.expected)}, y llegó \`${p.shown}\` (${p.type}).`,
  'option.refused-flag': (p) => `${p.flag} ${p.typed}: se esperaba ${expectationIn(p.expected)}.`,
  'option.not-on-resume': (p) =>
    `No al reanudar: ${p.canary ? `${p.name} es para la primera sesión de una ejecución (una prueba): al reanudar se envían todas las filas que le quedan` : `${p.name} se decide cuando se revisa una ejecución: al reanudar se envía cada fila como la tiene el plan`}. Para enviar con otro ${p.name}, empiece una ejecución nueva con update.`,
  'option.not-with-preview': (p) =>
    `No ambos: ${p.preview} y ${p.other}: ${{ 'dry-run': 'una vista previa consulta el CRM, y un simulacro no contacta ningún servidor', verify: 'una vista previa no envía nada que leer de nuevo', reuse: 'una vista previa hace sus propias consultas' }[p.why]}.`,
  'option.missing-operation': () => 'Falta la operación: indique "operation" en el mapeo, o use --operation (el nombre de su operación del CRM).',
  'option.missing-module': () => 'Falta el módulo: indique "module" en el mapeo, o use --module (por ejemplo contacts).',
  'option.missing-token': () => 'Falta el token: defina la variable de entorno WOLKVOX_TOKEN, o use --token-file con un archivo que lo contenga.',
  'option.missing-server': () => 'Falta el servidor: use --server o defina WOLKVOX_SERVER con el servidor de su CRM, como crm0001.wolkvox.com.',

  'run.cannot-write': (p) => `No se puede escribir la carpeta de la ejecución: ${p.path}: ${causeIn(p.cause)}. ${folderFix(p.fix)}`,
  'run.write-failed': (p) =>
    `No se puede escribir en la carpeta de la ejecución ${p.dir}: ${causeIn(p.cause)} (${p.file}). ${
      p.what === 'journal'
        ? 'El trabajo dejó de enviar. Se conserva cada respuesta registrada hasta entonces; una solicitud cuya respuesta no se pudo registrar se envía de nuevo al reanudar (una actualización enviada dos veces pone los mismos valores).'
        : 'Cada fila se envió según el plan y su resultado está en el diario; solo faltan los informes (ninguno quedó a medio escribir).'
    } ${p.space ? 'Libere espacio en disco' : 'Corrija la causa'} y luego: wolkvox-bulk resume ${p.dir}`,
};

/** A message inside another, in Spanish. */
export function wordNested(said: Nested): string {
  return (es as unknown as Record<string, (params: unknown) => string>)[said.code]?.(said.params) ?? said.code;
}
