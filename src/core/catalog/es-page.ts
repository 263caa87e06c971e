import { countIn, countedIn } from '../text.js';
import type { FatalNext } from './en.js';
import { inColumn, type enPage } from './en-page.js';
import { wordNested } from './es.js';
import type { ValueSource } from './en-rows.js';

// Spanish of the local page's wordings (en-page.ts): the page's labels in place of mapping keys and flags.

type PageWords = typeof enPage;

const n = (value: number) => countIn('es', value);
const plural = (value: number, one: string, many?: string) => countedIn('es', value, one, many);

const source = (from: ValueSource) =>
  from.kind === 'column' ? `la celda de la columna '${from.column}'` : from.kind === 'template' ? `la plantilla ${from.template}` : 'el valor';

const FATAL_FIX: Readonly<Record<FatalNext, string>> = {
  auth: 'El token fue rechazado: revise el token en el paso 4 (Conexión), y que esté activo en el CRM (Configuración > Wolkvox Integration > Tokens).',
  endpoint: 'Esta no es la API de wolkvox: revise el servidor del CRM en el paso 4 (Conexión), como aparece en la barra de direcciones del navegador, por ejemplo crm0001.wolkvox.com.',
  redirect: 'El servidor respondió con una redirección, así que la dirección no es la de la API: revise el servidor del CRM en el paso 4 (Conexión).',
  configuration: 'Revise la operación y el módulo en el paso 4 (Conexión).',
  network: 'Revise el servidor del CRM en el paso 4 (Conexión) y su red.',
  other: 'Corrija la causa.',
};

export const esPage: { readonly [C in keyof PageWords]: (params: Parameters<PageWords[C]>[0]) => string } = {
  'page.value.number-ambiguous': (p) => `'${p.text}' se puede leer de dos maneras: elija el «Separador decimal» de este campo en el mapeo`,
  'page.value.number-digits': (p) => `'${p.text}' tiene más cifras de las que un campo numérico guarda con exactitud (15): elija el tipo «texto» para este campo en el mapeo`,
  'page.value.not-iso-date': (p) => `'${p.text}' no es una fecha con la forma AAAA-MM-DD: elija el «Formato de fecha en el archivo» de este campo en el mapeo (por ejemplo DD/MM/YYYY)`,
  'page.value.not-in-map': (p) =>
    `'${p.text}' no está entre los valores a reemplazar (${p.keys.join(', ')}${p.more ? ', …' : ''}): agréguelo a los valores del mapeo, o indique un valor para los demás`,
  'page.value.not-phone': (p) =>
    `'${p.text}' no es un número de teléfono: solo se aceptan dígitos, espacios, guiones, puntos y paréntesis${p.plus ? '; escriba el indicativo del país en el «Indicativo» del campo, en el mapeo' : ''}`,
  'page.row.field-empty': (p) =>
    `${source(p.source)} está vacía${p.errors.length > 0 ? `; tiene el error ${p.errors.join(', ')}, corríjalo en el archivo` : ''}: llénela, o elija en el mapeo qué hacer con una «Celda vacía» de este campo (dejar el valor del CRM, o borrarlo)`,
  'page.row.linked-id-empty': (p) => `el id del registro vinculado en la columna '${p.column}' está vacío: llénelo, o quite la «Columna con el id vinculado» del campo en el mapeo`,

  'page.row.problems': (p) => p.problems.map((one) => (one.column === undefined ? wordNested(one.problem) : `columna ${one.column}: ${wordNested(inColumn(one))}`)).join('; '),

  'page.send.batch-unconfirmable': (p) =>
    `${p.count === undefined ? 'el CRM respondió a una solicitud con varios registros sin decir cuántos editó' : `el CRM respondió que editó ${n(p.count)} registros de ${n(p.sent ?? 0)} enviados, una cifra imposible`}, así que ningún lote se puede confirmar por su respuesta: desde ahora las filas van una por una`,
  'page.plan.not-reused': (p) =>
    `La vista previa ${p.from} ${
      {
        'not-a-preview': 'no es una vista previa',
        'not-finished': 'se detuvo antes de terminar sus consultas',
        'input-changed': `se hizo con otro archivo (el SHA-256 de ${p.file} es distinto)`,
        'mapping-changed': 'se hizo con otro mapeo',
        'rows-changed': 'planeó otras filas (otra elección para los ids repetidos o las filas no válidas, u otra ejecución anterior con qué comparar)',
        'other-server': `consultó ${p.server ?? 'ningún servidor'}`,
        'other-module': `consultó el módulo ${p.module}`,
        old: `consultó el CRM hace ${n(p.minutesOld ?? 0)} minutos (sus consultas se reutilizan durante ${n(p.fresh)} minutos, porque los registros cambian)`,
      }[p.code]
    }; los registros se consultan de nuevo.`,
  'page.stop.canary': (p) => `Prueba terminada: ${p.rows === 1 ? 'se envió la primera fila' : `se enviaron las primeras ${plural(p.rows, 'fila')}`}; «Enviar el resto» envía las demás.`,
  'page.stop.unreachable': (p) => `${p.answer}. ${FATAL_FIX.network}`,
  'page.stop.fatal': (p) => `Detenido por el CRM: ${p.answer}. ${FATAL_FIX[p.fix]}`,
  'page.stop.failure-rate': (p) =>
    `Fallan demasiadas filas: ${p.first ? `fallaron las primeras ${n(p.of)} filas (${n(p.count)} de ${n(p.of)}: ${p.message})` : `fallaron ${n(p.failed)} de las últimas ${n(p.of)} filas (${n(p.count)} de ellas: ${p.message})`}. Revise el mapeo y el CRM antes de seguir («Detenerse cuando falle esta proporción de filas», en Ritmo y seguridad, cambia esta revisión).`,
  'page.stop.quota-reached': () => 'Cuota diaria alcanzada: se usaron todas las unidades de cuota disponibles hoy. Reanude después de la renovación (o marque «Si se acaba la cuota del día, esperarla y seguir»).',
  'page.stop.max-calls': (p) =>
    `Se alcanzó el límite de solicitudes a la API: ${plural(p.calls, 'solicitud', 'solicitudes')} hechas${p.units === undefined ? '' : `, ${plural(p.units, 'unidad', 'unidades')} de cuota contadas (una solicitud con varios registros cuenta 1 por registro, salvo que se haya medido la cuota primero)`} («Detenerse antes de este número de solicitudes a la API»).`,
  'page.stop.quota-answered': () => 'Cuota diaria agotada: el CRM respondió que el token superó su límite.',

  'page.missing-server': () => 'Falta el servidor: escriba el servidor de su CRM en el paso 4 (Conexión), por ejemplo crm0001.wolkvox.com.',
  'page.empty-token': () => 'El token está vacío: pegue el Wolkvox-Token de su usuario del CRM.',
  'page.missing-token': () => 'Falta el token: ingréselo en el paso 4 (Conexión), o inicie wolkvox-bulk ui con WOLKVOX_TOKEN definido.',
  'page.job-running': () => 'Hay un trabajo en curso: deténgalo o espere a que termine.',
  'page.file-too-large': (p) => `El archivo es demasiado grande: más de ${n(p.bytes)} bytes.`,
  'page.no-upload': () => 'El archivo subido ya no está: empiece de nuevo desde el paso 1.',
  'page.folder-name': (p) => `Ese nombre de carpeta no se puede usar: ${p.name}. Use letras, dígitos, - y _, sin / ni \\.`,
  'page.folder-taken': (p) => `Ya hay una carpeta llamada ${p.name} en ${p.root}: elija otro nombre.`,
  'page.unexpected': (p) => `Error inesperado: ${p.detail}. Por favor, repórtelo.`,
};
