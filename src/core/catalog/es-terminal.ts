import { countIn, countedIn } from '../text.js';
import type { enTerminal } from './en-terminal.js';

// Spanish for the command line's own words: usage errors, its questions, the progress line and its notes,
// `quota`.

type Words = typeof enTerminal;

const n = (value: number) => countIn('es', value);
const plural = (value: number, one: string, many?: string) => countedIn('es', value, one, many);

export const esTerminal: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'cli.usage': (p) => `Error de uso: ${p.detail}\nEjecute con --help para ver las opciones y ejemplos.`,
  'cli.flag-needs-value': (p) => `--${p.flag} necesita un valor después (por ejemplo --${p.flag} 10).`,
  'cli.missing-command': () => 'Falta el comando: ejecute wolkvox-bulk --help para ver los comandos.',
  'cli.unexpected': (p) => `Error inesperado: ${p.detail}\nPor favor repórtelo junto con el comando que ejecutó.`,
  'cli.confirmation-needed': (p) =>
    p.reads
      ? `Se necesita confirmación: este trabajo lee de nuevo los registros del CRM (no envía nada, pero cada consulta gasta cuota) y no hay una terminal donde preguntar${p.json ? ' (--json)' : ''}. Agregue --yes para leer sin preguntar. No se leyó nada.`
      : `Se necesita confirmación: este trabajo envía cambios al CRM y no hay una terminal donde preguntar${p.json ? ' (--json)' : ''}. Agregue --yes para enviar sin preguntar. No se envió nada.`,
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
  'quota.title': (p) => `Cuota del token en ${p.host} (operación ${p.operation}):`,
  'quota.limit': (p) => `límite         ${p.limit} solicitudes al día`,
  'quota.used': (p) => `usadas hoy     ${p.used} (incluida esta consulta)`,
  'quota.available': (p) => `disponibles    ${p.available}`,
  'quota.resets': (p) => `se renueva en  ${p.hours} h`,
};
