import { countIn, countedIn } from '../text.js';
import type { StopReason } from '../types.js';
import type { Nested } from './en-rows.js';
import type { enWatch, RunNote, WatchRefusal } from './en-watch.js';
import { wordNested } from './es.js';

// Spanish for `watch`: its lines on the terminal and the notes beside the files it set aside.

type WatchWords = typeof enWatch;

const n = (value: number) => countIn('es', value);
const plural = (value: number, one: string, many?: string) => countedIn('es', value, one, many);

const refusal = (why: WatchRefusal) => ('said' in why ? wordNested(why.said) : why.text);

const STOPS: Readonly<Record<StopReason, string>> = {
  interrupted: 'se detuvo (Ctrl-C o la parada del servicio)',
  quota: 'se agotó la cuota diaria del token',
  fatal: 'el CRM rechazó las solicitudes a la API en sí (token, servidor, operación o módulo)',
  'max-calls': 'llegó a --max-calls',
  'failure-rate': 'el CRM rechazó demasiadas filas seguidas (--max-failure-rate)',
  limit: 'llegó a --limit',
  'write-failed': 'no se pudo escribir un archivo de su carpeta de ejecución (¿el disco está lleno?)',
};

function runFacts(p: RunNote): string[] {
  const counts = `${n(p.counts.updated)} de ${plural(p.counts.rows, 'fila')} ${p.counts.updated === 1 ? 'actualizada' : 'actualizadas'}${p.counts.failed > 0 ? `, ${n(p.counts.failed)} ${p.counts.failed === 1 ? 'rechazada' : 'rechazadas'} por el CRM` : ''}${p.counts.invalid > 0 ? `, ${n(p.counts.invalid)} no ${p.counts.invalid === 1 ? 'válida' : 'válidas'}` : ''}${p.counts.notSent > 0 ? `, ${n(p.counts.notSent)} sin enviar todavía` : ''}.`;
  const lines = [p.stop ? `${p.file} se detuvo antes de terminar (ejecución ${p.runDir}): ${counts}` : `${p.file} se envió como la ejecución ${p.runDir}: ${counts}`, ''];
  if (p.stop) lines.push(`Por qué: ${STOPS[p.stop.reason]}.`, ...(p.stop.said ? [wordNested(p.stop.said)] : p.stop.text ? [p.stop.text] : []), '');
  if (p.errors.length > 0) {
    lines.push('Lo que respondió el CRM:', ...p.errors.map((error) => `  - ${error.message} (${plural(error.count, 'fila')}, como la ${p.csv ? 'línea' : 'fila'} ${error.exampleRow})`), '');
  }
  if (p.notAsSent !== undefined && p.notAsSent > 0) lines.push(`Al leer los registros de nuevo, ${plural(p.notAsSent, 'registro')} no ${p.notAsSent === 1 ? 'estaba' : 'estaban'} como se enviaron: vea verify.csv en la carpeta de ejecución.`, '');
  return lines;
}

function noteFacts(note: Nested): string {
  if (note.code === 'watch.note-refused') return `Por qué no se envió:\n${refusal((note.params as { why: WatchRefusal }).why)}`;
  if (note.code === 'watch.note-run') return runFacts(note.params as RunNote).join('\n').trimEnd();
  return '';
}

function runNote(p: RunNote): string {
  const lines = runFacts(p);
  lines.push('Qué hacer:');
  if (p.stop?.reason === 'quota') lines.push('  No se perdió nada: la ejecución puede seguir donde se detuvo. Cuando se reinicie la cuota (o con --wait-for-quota):');
  else if (p.stop) lines.push('  No se perdió nada: la ejecución puede seguir donde se detuvo. Una vez corregida la causa:');
  if (p.resumable) {
    lines.push(`  - vuelva a poner este archivo en ${p.folder}: la vigilancia sigue con su ejecución y envía solo las filas que faltan (ninguna dos veces);`, `  - o ejecute: wolkvox-bulk resume ${p.runDir}`);
  }
  if (p.counts.failed > 0 && p.failedFile) {
    lines.push(`  - las filas rechazadas, con sus columnas, están en ${p.failedFile}: corríjalas y ponga ese archivo en ${p.folder} como un archivo nuevo;`);
    lines.push(`  - o, una vez corregido el lado del CRM, envíelas de nuevo: wolkvox-bulk resume ${p.runDir} --retry-failed`);
  }
  if (!p.resumable && p.counts.failed === 0) lines.push(`  - vea los informes en ${p.runDir}.`);
  return `${lines.join('\n')}\n`;
}

export const esWatch: { readonly [C in keyof WatchWords]: (params: Parameters<WatchWords[C]>[0]) => string } = {
  'option.not-on-watch': (p) =>
    `No en watch: ${p.name}: ${
      {
        out: 'cada archivo tiene su propia carpeta de ejecución dentro de --runs',
        'sends-nothing': 'la vigilancia envía cada archivo y lo mueve a la carpeta de terminados, así que un archivo solo revisado contaría como enviado. Revise antes un archivo con validate o con update --preview',
        limit: 'la vigilancia envía cada archivo completo',
      }[p.why]
    }.`,

  'watch.watching': (p) => `Vigilando ${p.folder} cada ${n(p.seconds)} s: cada archivo CSV o Excel que se ponga allí se revisa y se envía como una ejecución propia. Ctrl-C detiene.`,
  'watch.file-start': (p) => (p.resumed ? `${p.file}: sigue con su ejecución ${p.runDir}` : `${p.file}: revisado; se envía como la ejecución ${p.runDir}`),
  'watch.file-end': (p) =>
    `${p.file}: ${{ done: 'terminado', failed: 'no terminado', duplicate: 'ya enviado' }[p.outcome]} (código ${p.exitCode}) → ${p.movedTo}${p.note ? `; vea ${p.note}` : ''}`,
  'watch.file-left': (p) =>
    `${p.file}: se deja donde está: ${
      {
        taken: 'lo tiene otra vigilancia',
        'same-content-busy': 'otra vigilancia está enviando un archivo con el mismo contenido',
        stopped: 'la vigilancia se detuvo durante su envío; la próxima vigilancia sigue con su ejecución',
        'move-failed': `no se pudo mover (${p.detail ?? ''}); muévalo usted`,
      }[p.why]
    }.`,
  'watch.still-changing': (p) => `Todavía se está escribiendo, queda para la próxima revisión: ${p.files.join(', ')}.`,
  'watch.end': (p) =>
    `Vigilancia terminada: ${plural(p.done, 'archivo')} ${p.done === 1 ? 'terminado' : 'terminados'}, ${n(p.failed)} sin terminar, ${n(p.duplicates)} ya ${p.duplicates === 1 ? 'enviado' : 'enviados'}${p.left > 0 ? `, ${n(p.left)} para la próxima vigilancia` : ''}${p.unmovable ? `, ${n(p.unmovable)} que no se ${p.unmovable === 1 ? 'pudo' : 'pudieron'} mover (${p.unmovable === 1 ? 'sigue' : 'siguen'} en la carpeta vigilada)` : ''} (código ${p.exitCode}).`,
  'watch.folder-missing': (p) => `No se encontró la carpeta: ${p.folder} no es una carpeta. Indique a watch la carpeta que debe vigilar (no se crea: un error al escribirla quedaría vigilado para siempre).`,
  'watch.same-folder': (p) =>
    `La ${{ done: 'carpeta de terminados (--done)', failed: 'carpeta de fallidos (--failed)', runs: 'carpeta de ejecuciones (--runs)' }[p.which]} no puede ser la carpeta vigilada ${p.folder}: lo que se ponga allí se tomaría de nuevo. Elija otra carpeta.`,
  'watch.not-a-folder': (p) =>
    `La ${{ done: 'carpeta de terminados (--done)', failed: 'carpeta de fallidos (--failed)' }[p.which]} ${p.folder} es un archivo, no una carpeta: indique una carpeta (se crea si no existe).`,

  'watch.note-refused': (p) =>
    `${p.file} no se envió: no se envió nada al CRM.\n\nPor qué:\n${refusal(p.why)}\n\nQué hacer: corrija el archivo (o el mapeo) y vuelva a ponerlo en ${p.folder}: se revisa de nuevo y se envía como un archivo nuevo.\n`,
  'watch.note-run': (p) => runNote(p),
  'watch.unmovable-facts': (p) => noteFacts(p.note),
  'watch.note-duplicate': (p) =>
    `${p.file} no se envió: su contenido es el mismo de ${p.earlier}, enviado el ${p.at} como la ejecución ${p.runDir}. El contenido de un archivo se envía una sola vez.\n\nQué hacer: nada, si era una copia. Para enviar de nuevo las mismas filas a propósito, empiece una ejecución nueva: wolkvox-bulk update ${p.file} --mapping <mapeo>\n`,
};
