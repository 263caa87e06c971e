import { countIn, countedIn } from '../text.js';
import type { enVerifyUndo } from './en-verify-undo.js';

// Spanish for verify (reading back what a run updated) and undo (putting back what it changed): their plans,
// summaries and refusals.

type Words = typeof enVerifyUndo;

const n = (value: number) => countIn('es', value);
const plural = (value: number, one: string, many?: string) => countedIn('es', value, one, many);

export const esVerifyUndo: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
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
  'undo.nothing-updated': (p) => `Nada que deshacer: ninguna fila de ${p.runDir} se actualizó.`,
  'undo.nothing-left': (p) =>
    `Nada que deshacer: ninguno de los ${plural(p.records, 'registro')} que actualizó ${p.runDir} conserva ya lo que envió la ejecución${p.leftAlone > 0 ? `: ${plural(p.leftAlone, 'campo')} sin tocar (listados en ${p.list}; --overwrite-later-edits restaura los editados después de la ejecución)` : '; tienen otra vez sus valores de antes de la ejecución'}. No se envió nada (se gastaron ${plural(p.reads, 'consulta')} en lecturas).`,
  'undo.already-undone': (p) =>
    `Ya se deshizo: ${p.runDir} fue deshecha por ${p.by}${p.at ? ` el ${p.at}` : ''}. Deshacerla otra vez pondría sus valores de antes sobre lo que el CRM tenga ahora. Para terminar ese deshacer: wolkvox-bulk resume ${p.by}`,
  'verify.not-finished': (p) => `Sin terminar: ${p.runDir} no tiene summary.json, así que su última sesión terminó antes de sus informes. Termínela primero (wolkvox-bulk resume ${p.runDir}) y luego verifíquela.`,
  'verify.nothing-updated': (p) => `Nada que verificar: ninguna fila de ${p.runDir} se actualizó.`,
  'verify.cancelled': (p) => `Cancelado: no se leyó nada. Verifique ${p.runDir} más tarde.`,
};
