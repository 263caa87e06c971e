import { countIn, countedIn } from '../text.js';
import type { ColumnRuns, enNotes2, GaveUpDoubt } from './en-notes2.js';

// Spanish for the notes a Spanish run writes on its rows itself (the send pass's, an if-empty field kept, a
// duplicate left out), why batches went one by one, a list of columns cut short, and the browser `ui` could not open.

type Words = typeof enNotes2;

const n = (value: number) => countIn('es', value);

/** The columns in Spanish: "B–C, E y 2 más (2–3, 5, …)". */
export const columnsText = (runs: ColumnRuns) =>
  runs.more > 0 ? `${runs.letters} y ${n(runs.more)} más (${runs.positions}, …)` : `${runs.letters} (${runs.positions})`;

const gaveUpDoubt: Readonly<Record<GaveUpDoubt, string>> = {
  'earlier-try': '; un intento anterior pudo haberse aplicado',
  timeout: '; la última respuesta nunca llegó, así que la actualización pudo haberse aplicado',
  'no-answer': '; ninguna respuesta dijo si se aplicó: pudo haberse aplicado',
};

export const esNotes2: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'note.gave-up': (p) => `${p.answer} (sin éxito tras ${countedIn('es', p.tries, 'intento')}${p.doubt ? gaveUpDoubt[p.doubt] : ''})`,
  'note.stopped-unconfirmed': (p) =>
    `${p.answer} (enviada en la solicitud ${p.call ?? '?'}; el trabajo se detuvo antes de que una respuesta la confirmara: pudo haberse aplicado, y resume la envía de nuevo)`,
  'note.same-id-not-updated': (p) => `no enviada: la fila anterior con el mismo id (${p.line}) no se actualizó`,
  'note.narrowing': (p) =>
    `enviada en la solicitud ${p.call}, cuya respuesta no confirmó esta fila: pudo aplicarse o no (resume sigue dividiendo su lote)`,
  'note.applied-by-narrowing': (p) => `aplicada por la solicitud ${p.call} (lo muestran su conteo y los de las solicitudes que dividieron su lote)`,
  'note.attachment-gone': (p) =>
    `No se pudo leer el adjunto: ${p.file || 'un archivo'} ya no está (la revisión lo encontró; se borró o se movió después). Vuelva a ponerlo en su lugar y ejecute resume.`,
  'note.attachment-unreadable': (p) => `No se pudo leer el adjunto: ${p.reason}`,
  'note.lost': (p) => `enviada en la solicitud ${p.call}; el proceso terminó antes de guardar su resultado: pudo haberse aplicado (resume la envía de nuevo)`,
  'note.if-empty-kept': (p) => {
    const kept = `${p.fields.join(', ')} ${p.fields.length === 1 ? 'queda como está' : 'quedan como están'} en el CRM (write: if-empty)`;
    return p.nothingLeft ? `nada que escribir: ${kept}` : `${kept}; los demás campos se enviaron`;
  },
  'note.duplicate-skipped': (p) =>
    `${p.keyField === undefined ? 'id repetido' : 'clave repetida'}: la ${p.place === 'line' ? 'línea' : 'fila'} ${p.line} tiene el mismo ${p.keyField ?? 'id'} y se envía en su lugar (--duplicates ${p.policy})`,
  'note.batch-why': (p) =>
    p.count === undefined ? 'updateMany.php no dio un conteo' : `updateMany.php contó ${n(p.count)} registros editados de ${n(p.sent ?? 0)} enviados`,
  'note.browser-not-opened': (p) => `No se pudo abrir un navegador (${p.error}): abra usted la dirección de arriba.`,
};
