import { countIn, countedIn } from '../text.js';
import type { CallReason } from '../types.js';
import type { enPlan } from './en-plan.js';
import { wordNested } from './es.js';

// Spanish for the plan's warnings and the notes while sending (en-plan.ts).

type PlanWords = typeof enPlan;

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

export const esPlan: { readonly [C in keyof PlanWords]: (params: Parameters<PlanWords[C]>[0]) => string } = {
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
  'row.problems': (p) => p.problems.map(({ column, problem }) => (column === undefined ? wordNested(problem) : `columna ${column}: ${wordNested(problem)}`)).join('; '),
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
