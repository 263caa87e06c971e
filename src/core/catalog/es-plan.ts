import { countIn, countedIn } from '../text.js';
import type { CallReason } from '../types.js';
import type { PlanCost, enPlan } from './en-plan.js';
import { wordNested } from './es.js';

// Spanish for the plan before the first call: what will be sent, where, at what pace and cost, what is read
// first.

type Words = typeof enPlan;

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

const n = (value: number) => countIn('es', value);
const plural = (value: number, one: string, many?: string) => countedIn('es', value, one, many);

const PAUSE_REASONS: Readonly<Record<CallReason, string>> = {
  'rate-limited': 'el CRM pidió menos solicitudes por segundo',
  'over-concurrency': 'el CRM rechazó una solicitud por haber demasiadas a la vez',
  maintenance: 'el CRM parece estar en mantenimiento',
  'server-error': 'el CRM respondió con un error del servidor',
  timeout: 'una solicitud no tuvo respuesta a tiempo',
  network: 'no se pudo conectar con el CRM',
  'bad-answer': 'el CRM dio una respuesta que no se puede leer',
  quota: 'la cuota diaria del token está agotada',
  'too-large': 'el CRM rechazó un lote por ser demasiado grande',
  rejected: 'el CRM rechazó una solicitud',
  auth: 'el CRM rechazó el token',
  endpoint: 'la dirección no es la de la API',
  redirect: 'el servidor respondió con una redirección',
  configuration: 'la operación o el módulo no existen',
  updated: 'una solicitud se aplicó',
  read: 'una consulta se respondió',
};

export const esPlan: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'plan.ready': (p) =>
    `${p.dryRun ? `Simulacro: se ${p.toSend === 1 ? 'enviaría' : 'enviarían'}` : 'Listo para enviar'} ${plural(p.toSend, 'fila')} de ${p.file} (${plural(p.rows, 'fila')}; ${n(p.invalid)} no ${p.invalid === 1 ? 'válida' : 'válidas'}, ${n(p.skipped)} ${p.skipped === 1 ? 'omitida' : 'omitidas'}${p.unchanged > 0 ? `, ${n(p.unchanged)} sin cambios` : ''}${p.alreadyDone > 0 ? `, ${n(p.alreadyDone)} ya ${p.alreadyDone === 1 ? 'hecha' : 'hechas'}` : ''})`,
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

  // The plan's warnings and the notes while sending
  'plan.dry-run-if-empty': () =>
    'un simulacro no consulta el CRM: los datos muestran todos los campos «solo si está vacío» (if-empty), que el envío real escribe solo donde el campo del CRM está vacío',
  'plan.concurrency-over': (p) =>
    `${n(p.concurrency)} solicitudes a la vez: el CRM admite ${n(p.limit)} solicitudes en curso por token y rechaza las demás (se reintentan, pero cada una rechazada puede gastar cuota). Deje ${n(p.limit)}, salvo que el límite de su token sea mayor.`,
  'plan.input-gone': (p) => `el archivo ${p.name} ya no está en ${p.path}: no se lee nada de él; las filas se envían como la ejecución las revisó (su plan)`,
  'plan.input-changed': (p) =>
    `el archivo ${p.name} cambió desde que la ejecución lo revisó (${n(p.before)} bytes entonces, ${n(p.now)} ahora): las filas se envían como la ejecución las revisó (su plan), no como está el archivo ahora. Para enviar el archivo como está ahora, empiece una ejecución nueva`,
  'plan.mapping-changed': (p) =>
    `el mapeo ${p.name} cambió desde que la ejecución revisó el archivo: sus cambios no se aplican (las filas se envían como la ejecución las revisó, desde su plan; entre sesiones solo pueden cambiar la operación y el módulo)`,
  'plan.undo-reads': (p) =>
    `se leen ${plural(p.records, 'registro')} antes de restaurar nada: ${plural(p.reads, 'consulta')} (aparte de las solicitudes propias de deshacer)`,
  'undo.note-field': (p) =>
    p.why === 'edited'
      ? `'${p.label}' se editó después de la ejecución en ${plural(p.records, 'registro')}: se deja como está (en ${p.file}; «sobrescribir lo editado después» también lo restaura)`
      : p.why === 'overwritten'
        ? `'${p.label}' se editó después de la ejecución en ${plural(p.records, 'registro')}: se restaura de todos modos; los valores que reemplaza están en ${p.file}`
        : `'${p.label}' se deja como está en ${plural(p.records, 'registro')}: su valor se leyó en una forma que no se puede enviar de vuelta como campo de tipo ${p.why.type}; nunca se adivina (en ${p.file})`,
  'undo.note-records': (p) =>
    `${plural(p.records, 'registro')} que la ejecución actualizó ${p.gone ? (p.records === 1 ? 'ya no está en el CRM' : 'ya no están en el CRM') : p.records === 1 ? 'no lo encontró su instantánea' : 'no los encontró su instantánea'}: no se restaura nada de ${p.records === 1 ? 'él' : 'ellos'} (en ${p.file})`,
  'row.key-records': (p) => {
    const of = p.module === undefined ? '' : ` de ${p.module}`;
    if (p.records === 0) return `ningún registro${of} tiene ${p.field} = ${p.key}`;
    return `${n(p.records)} registros${of} tienen ${p.field} = ${p.key}: ${p.ids.join(', ')}${p.records > p.ids.length ? ` y ${n(p.records - p.ids.length)} más` : ''}`;
  },
  'row.named-problems': (p) => p.problems.map(({ name, problem }) => (name === undefined ? wordNested(problem) : `${name}: ${wordNested(problem)}`)).join('; '),
  'plan.note': (p) => p.text,

  'send.pause': (p) => PAUSE_REASONS[p.reason] ?? p.reason,
  'send.batch-settled': (p) => `el CRM acepta lotes de ${n(p.taken)} y rechazó uno de ${n(p.refused)}: desde ahora, lotes de ${n(p.taken)}`,
  'send.batch-timed-out': (p) => `un lote de ${n(p.sent)} registros no tuvo respuesta a tiempo: desde ahora, lotes de ${n(p.to)}`,
  'send.batch-too-large': (p) =>
    `el CRM rechazó un lote de ${n(p.sent)} registros por ser demasiado grande (${p.why}): lotes de ${n(p.to)} mientras se busca el tamaño más grande que acepta`,
  'send.batch-unconfirmable': (p) =>
    `${p.count === undefined ? 'el CRM respondió a una solicitud por lotes sin decir cuántos registros editó, así que un lote no se puede confirmar por su respuesta' : `el CRM respondió que editó ${n(p.count)} registros de ${n(p.sent ?? 0)} enviados: una cifra imposible, así que ningún lote se puede confirmar por su respuesta`}: desde ahora las filas van una por una`,
};
