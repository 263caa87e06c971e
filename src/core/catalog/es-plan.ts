import { countIn, countedIn } from '../text.js';
import type { PlanCost, enPlan } from './en-plan.js';

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

export const esPlan: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
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
};
