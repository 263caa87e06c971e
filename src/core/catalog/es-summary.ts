import { countIn, countedIn, LOCALE_OF } from '../text.js';
import type { enSummary } from './en-summary.js';
import { esNotes2 } from './es-notes2.js';

// Spanish for the end of a run: the summary, what to run next, a preview's counts and cost.

type Words = typeof enSummary;

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

const n = (value: number) => countIn('es', value);
const plural = (value: number, one: string, many?: string) => countedIn('es', value, one, many);

export const esSummary: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'summary.run-folder': (p) => `Carpeta de la ejecución: ${p.dir}`,
  'summary.next': () => 'Siguiente paso:',
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
    `lotes de ${p.size}${p.used === p.size ? '' : `, ${p.unconfirmable ? `luego una fila por solicitud: ${esNotes2['note.batch-why'](p.whySaid?.params ?? {})}` : `${p.used} después de que el CRM rechazó lotes más grandes`}`}${p.cost ? `; una solicitud con varios registros costó ${p.cost === 'call' ? '1 unidad' : '1 unidad por registro'}` : ''}`,
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
};
