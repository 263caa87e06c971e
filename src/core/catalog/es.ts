import type { Catalog } from '../say.js';

// Spanish, for contact-centre staff in Latin America: usted, "solicitudes a la API" or "consultas" (never
// "llamadas", which reads as phone calls), numbers grouped as Colombia writes them (2.400; 1.234,5).

const n = (value: number) => value.toLocaleString('es-CO');
const plural = (value: number, one: string, many = `${one}s`) => `${n(value)} ${value === 1 ? one : many}`;

export const es: Catalog = {
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
};
