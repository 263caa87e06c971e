import { countIn, countedIn, sizeIn } from '../text.js';
import type { StopReason } from '../types.js';
import { wordNested } from './es.js';
import { headerAt } from './es-check.js';
import type { BaselineDamage, BookPlace, enErrors2, JournalDamage, PlanDamage, TooLarge, WorkbookPart } from './en-errors2.js';

// Spanish for the refusals that were still built as English sentences (en-errors2.ts).

type Words = typeof enErrors2;

const n = (value: number) => countIn('es', value);

const READS_STOPPED: Readonly<Record<StopReason, string>> = {
  interrupted: 'Se interrumpió.',
  quota: 'Se agotó la cuota diaria del token.',
  fatal: 'El CRM rechazó las consultas mismas.',
  'max-calls': 'Llegó a --max-calls.',
  'failure-rate': 'Fallaron demasiadas consultas.',
  limit: 'Llegó a --limit.',
  'write-failed': 'No se pudo escribir un archivo de la carpeta de ejecución.',
};
const NOT_EXCEL = 'No lo guardó Excel, o está dañado: ábralo en Excel o LibreOffice y guárdelo de nuevo, o guárdelo como CSV UTF-8.';
const bookAt = (at: BookPlace) => (at.sheet === undefined ? at.name : `la hoja '${at.sheet}' de ${at.name}`);
const sheetList = (sheets: readonly string[]) => sheets.map((sheet) => `'${sheet}'`).join(', ');

function partOf(at: BookPlace, part: WorkbookPart): string {
  switch (part.kind) {
    case 'zip':
      return `${at.name} (${part.part})`;
    case 'shared-text':
      return `la parte de textos compartidos de ${bookAt(at)} (${part.part})`;
    case 'styles':
      return `los estilos de ${bookAt(at)} (${part.part})`;
    case 'sheet':
      return bookAt(at);
  }
}

function tooLarge(p: TooLarge): string {
  switch (p.kind) {
    case 'rows':
      return `${bookAt(p.at)} pasa de la fila ${n(p.max)}, la última de una hoja de cálculo (el límite de Excel). ${NOT_EXCEL}`;
    case 'columns':
      return `${bookAt(p.at)} pasa de la columna XFD (${n(p.max)} columnas, el límite de Excel) en la fila ${p.row}. ${NOT_EXCEL}`;
    case 'cell':
      return `una celda de la fila ${p.row} de ${bookAt(p.at)} tiene más de ${n(p.max)} caracteres, muy por encima de los 32.767 que admite una celda de Excel. ${NOT_EXCEL}`;
    case 'merges':
      return `${bookAt(p.at)} enumera más de ${sizeIn('es', p.size)} de rangos combinados (medio millón o más). ${NOT_EXCEL}`;
    case 'xml-run':
      return `${bookAt(p.at)} tiene más de 1 MB de texto en una sola celda o etiqueta, muy por encima de los 32.767 caracteres que admite una celda de Excel. ${NOT_EXCEL}`;
    case 'shared-text':
      return `${bookAt(p.at)} tiene un texto compartido de más de ${n(p.max)} caracteres, muy por encima de los 32.767 que admite una celda de Excel. ${NOT_EXCEL}`;
    case 'zip-entries':
      return `${p.name} contiene más de ${n(p.max)} archivos; un libro de Excel contiene decenas. ${NOT_EXCEL}`;
    case 'part':
      return `${partOf(p.at, p.part)} ocupa ${sizeIn('es', p.size)} al descomprimirse, más de los ${sizeIn('es', p.limit)} que esta herramienta ${p.memory ? 'mantiene en memoria' : 'lee'}. Divida el libro en archivos más pequeños, o guárdelo como CSV UTF-8.`;
  }
}

function journalDamage(why: JournalDamage): string {
  switch (why.kind) {
    case 'missing':
      return 'no está';
    case 'cut-line':
      return `tiene una línea dañada (la línea ${why.line}) antes de su final`;
    case 'shorter':
      return `es más corto de lo que lo dejó la ejecución (${n(why.bytes)} bytes; se esperaban ${n(why.expected)}): se vació o se cortó`;
    case 'changed':
      return 'fue modificado: sus primeras líneas no son las que escribió la ejecución';
    case 'sessions':
      return `tiene ${countedIn('es', why.sessions, 'sesión', 'sesiones')}, pero la ejecución llevaba ${n(why.expected)}`;
  }
}

function planDamage(why: PlanDamage): string {
  switch (why.kind) {
    case 'missing':
      return 'no está';
    case 'mid-line':
      return 'termina en medio de una línea';
    case 'changed':
      return 'fue modificado después de que la ejecución lo escribió';
    case 'length':
      return `no tiene el tamaño que escribió la ejecución (${n(why.bytes)} bytes; se esperaban ${n(why.expected)})`;
    case 'after-end':
      return 'tiene líneas después de su final';
    case 'format':
      return `está en el formato ${why.format}, no en el ${why.expected}`;
    case 'row':
      return `tiene una línea dañada (la fila ${why.row})`;
    case 'not-whole':
      return 'no está completo (le falta la primera o la última línea)';
    case 'rows':
      return `tiene ${n(why.rows)} filas, pero su final dice ${n(why.end)}`;
    case 'empty':
      return 'está vacío';
    case 'line':
      return `tiene dañada la ${why.first ? 'primera' : 'última'} línea`;
    case 'shape':
      return `no ${why.first ? 'empieza' : 'termina'} como lo hace un plan`;
  }
}

function baselineDamage(why: BaselineDamage): string {
  switch (why.kind) {
    case 'not-baseline':
      return 'no es una línea base de wolkvox-bulk';
    case 'size':
      return `debería tener ${n(why.count)} entradas en ${n(why.expected)} bytes, pero tiene ${n(why.bytes)} bytes`;
    case 'order':
      return 'está desordenada';
  }
}

const LEAVE_OUT = 'u omita --since para enviar todas las filas (esa ejecución deja entonces una línea base para la siguiente)';

export const esErrors2: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'server.missing': () =>
    'Falta el servidor: indique --server o defina WOLKVOX_SERVER con el host de su CRM, como crm0001.wolkvox.com (aparece en la barra de direcciones del navegador después de iniciar sesión).',
  'server.invalid': (p) => `Servidor no válido: '${p.input}' no es un nombre de host ni una URL. Use el host de su CRM, como crm0001.wolkvox.com.`,
  'server.old-name': (p) => `Nombre de servidor antiguo: ${p.host} se dio de baja el 2024-11-30. Use crm${p.number}.wolkvox.com en su lugar.`,
  'server.insecure': (p) => `URL de servidor insegura: ${p.origin} usa http simple, con lo que el token se enviaría sin cifrar. Use https://${p.host}.`,
  'server.protocol': (p) => `Servidor no válido: '${p.input}' usa ${p.protocol}; use https://${p.host || 'crm0001.wolkvox.com'}.`,
  'input.no-header-line': (p) =>
    `Archivo vacío: ${p.name} no tiene línea de encabezado${p.headerRow > 1 ? ` en la línea ${p.headerRow} ni después` : ''}. Verifique que sea el archivo correcto.`,
  'input.quote-not-closed': (p) =>
    `Comilla sin cerrar: el valor entre comillas que empieza en la línea ${p.line} de ${p.name} nunca se cierra, así que el resto del archivo se leería como un solo valor. Agregue la " de cierre (o quite la que sobra) e intente de nuevo.`,
  'input.record-too-large': (p) =>
    `Demasiado grande: el registro que empieza en la línea ${p.line} de ${p.name} pasa de ${n(p.max)} caracteres, muy probablemente por una comilla que nunca se cierra y hace del resto del archivo un solo valor. Revise las comillas desde esa línea.`,
  'input.csv-error': (p) => `Error de CSV en la línea ${p.line} de ${p.name}: ${p.detail}`,
  'input.no-header': (p) =>
    `Sin encabezado: está vacía la ${headerAt(p.at)}${p.noneFollow ? ', y no le sigue ninguna fila' : ''}. Ponga los nombres de las columnas en esa fila, o indique la fila del encabezado (--header-row o "headerRow").`,
  'input.empty-workbook': (p) => `Libro vacío: ninguna hoja de ${p.name} tiene datos (hojas: ${sheetList(p.sheets) || 'ninguna'}).`,
  'input.missing-sheet': (p) =>
    `No se encontró la hoja: ${typeof p.wanted === 'number' ? `la hoja número ${p.wanted}` : `la hoja '${p.wanted}'`} no está en ${p.name}. Sus hojas son: ${sheetList(p.sheets)}. Indique una de ellas en --sheet o en "sheet" del mapeo.`,
  'input.too-large': (p) => `Demasiado grande: ${tooLarge(p)}`,
  'input.cancelled': (p) => `Cancelado: la lectura de ${p.name} se detuvo antes del final, como lo pidió quien la inició.`,
  'input.damaged-workbook': (p) =>
    `Libro dañado: ${p.name} no se pudo abrir como libro de Excel (puede estar incompleto o corrupto). Ábralo en Excel o LibreOffice y guárdelo de nuevo como .xlsx.`,
  'journal.newer': (p) =>
    `Una versión más reciente de wolkvox-bulk escribió ${p.file} (formato de diario ${p.format}; esta versión lee hasta el ${p.reads}). Continúe con esa versión (npm install -g wolkvox-bulk@latest). No se envió nada.`,
  'journal.damaged': (p) =>
    `Ejecución dañada: ${p.file} ${journalDamage(p.why)}. El diario es lo que le permite a una ejecución saber qué filas ya se enviaron; si no está completo, resume las enviaría de nuevo, así que se detiene aquí. Restaure el diario desde una copia de seguridad si la tiene. Si no, inicie una ejecución nueva solo con las filas aún no actualizadas: ${p.results} muestra el resultado de cada fila al terminar la última sesión (su failed.csv, si existe, tiene las filas que faltan por enviar).`,
  'plan-file.damaged': (p) =>
    `Ejecución dañada: ${p.file} ${planDamage(p.why)}. El plan es lo que la ejecución revisó y envía, fila por fila; si no está completo, la ejecución no puede continuar. Restaure el plan desde una copia de seguridad si la tiene. Si no, inicie una ejecución nueva solo con las filas aún no actualizadas: ${p.results} muestra el resultado de cada fila al terminar la última sesión.`,
  'baseline.damaged': (p) =>
    `Línea base dañada: ${p.file} ${baselineDamage(p.why)}. Omita --since para enviar todas las filas (esa ejecución deja entonces una línea base nueva).`,
  'snapshot.missing': (p) => `Sin instantánea: ${p.file} no existe. Solo se puede deshacer una ejecución hecha con --snapshot (o --skip-unchanged).`,
  'preview.missing': (p) => `Sin vista previa: ${p.file} no existe. Solo update --preview lo escribe.`,
  'since.sent-nothing': (p) =>
    `Sin línea base: ${p.dir} (indicada en --since) fue ${p.dryRun ? 'un simulacro' : 'una vista previa'}, que no envió nada. Indique la carpeta de una ejecución que sí envió, ${LEAVE_OUT}.`,
  'since.no-baseline': (p) =>
    `Sin línea base: ${p.dir} (indicada en --since) no tiene baseline.bin. La hizo una versión anterior de wolkvox-bulk, o su primera sesión no terminó (en ese caso termínela primero: wolkvox-bulk resume ${p.dir}). Indique otra carpeta de ejecución, ${LEAVE_OUT}.`,
  'since.other-target': (p) =>
    `Otro destino: ${p.dir} (indicada en --since) actualizó la operación ${p.was.operation}, módulo ${p.was.module}; esta ejecución actualiza la operación ${p.now.operation}, módulo ${p.now.module}, de la que esa ejecución no sabe nada. Indique una ejecución de la misma operación y módulo, ${LEAVE_OUT}.`,
  'since.other-server': (p) =>
    `Otro servidor: ${p.dir} (indicada en --since) ${p.was === undefined ? 'no actualizó ningún servidor' : `actualizó ${p.was}`}; esta ejecución actualiza ${p.now}, cuyos registros esa ejecución nunca vio. Indique una ejecución hecha contra el mismo servidor, ${LEAVE_OUT}.`,
  'since.not-a-run': (p) =>
    `No es una carpeta de ejecución: ${p.dir} (indicada en --since) no tiene run.json. Indique la carpeta de una ejecución anterior de update (su ruta se muestra al final de cada ejecución), ${LEAVE_OUT}.`,
  'quota.no-operation': () => 'Falta la operación: indique --operation, o --mapping con un mapeo que indique su "operation".',
  'quota.not-given': (p) => `El CRM no entregó la cuota: ${p.answer}${p.httpStatus ? ` (HTTP ${p.httpStatus})` : ''}.`,
  'send.no-connection': () => 'Un trabajo que envía necesita un servidor y un token (solo un simulacro funciona sin ellos).',
  'read.refused': (p) => `Se rechazó una consulta: ${p.answer ?? 'sin respuesta'}. No se actualizó nada.`,
  'read.stopped': (p) =>
    `Se detuvo mientras ${p.during === 'verify' ? 'leía de nuevo los registros' : 'leía los registros antes de restaurar nada'}: ${p.stop ? wordNested(p.stop) : READS_STOPPED[p.reason]} No se envió nada (las consultas ${p.calls === 1 ? 'usaron 1 solicitud' : `usaron ${countedIn('es', p.calls, 'solicitud', 'solicitudes')}`}). ${p.during === 'verify' ? `Ejecute de nuevo verify ${p.dir} (vuelve a leer cada registro).` : `Ejecute de nuevo undo ${p.dir}.`}`,
};
