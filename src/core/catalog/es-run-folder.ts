import type { FileCause, FolderFix, enRunFolder } from './en-run-folder.js';

// Spanish for run folders: opening, creating, resuming, verifying or undoing one, and a folder that cannot be
// written.

type Words = typeof enRunFolder;

const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'el disco está lleno',
  EDQUOT: 'se agotó su cuota de disco',
  EFBIG: 'el archivo superó el tamaño que este sistema permite',
  EACCES: 'permiso denegado',
  EPERM: 'permiso denegado',
  EROFS: 'el sistema de archivos es de solo lectura',
  ENOTDIR: 'hay un archivo donde se necesita una carpeta',
  EISDIR: 'hay una carpeta donde se necesita un archivo',
  EEXIST: 'ya existe algo con ese nombre',
  ENOENT: 'la carpeta no existe',
  EIO: 'el disco informó un error de entrada/salida',
  EMFILE: 'hay demasiados archivos abiertos',
};

const causeIn = (cause: FileCause) => (cause.code !== undefined ? (CAUSES[cause.code] ?? cause.detail) : cause.detail);

function folderFix(fix: FolderFix): string {
  if (fix.kind === 'out') return 'Elija otra --out (una carpeta nueva donde pueda escribir), o corrija los permisos de esa carpeta. No se envió nada.';
  if (fix.kind === 'space') return 'Libere espacio en disco o corrija los permisos de la carpeta, y luego reanude.';
  const who = fix.dir === undefined ? 'los permisos de la carpeta' : `los permisos de ${fix.dir} (la carpeta y sus archivos deben poder escribirse con su usuario)`;
  const then = { again: 'ejecute el comando otra vez', resume: 'reanude otra vez', verify: 'ejecute verify otra vez', undo: 'ejecute undo otra vez' }[fix.then];
  return `Corrija ${who} y luego ${then}. No se envió nada.`;
}

export const esRunFolder: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'run.not-found': (p) => `No se encontró la carpeta de la ejecución: ${p.runDir}. Indique la carpeta que update mostró al final de su ejecución.`,
  'run.sent-nothing': (p) =>
    p.command === 'resume'
      ? p.was === 'dry-run'
        ? `Simulacro: ${p.runDir} fue un simulacro, que no tiene nada que reanudar. Ejecute update de nuevo sin --dry-run.`
        : `Vista previa: ${p.runDir} fue una vista previa, que no envía nada, así que no hay nada que reanudar. Ejecute update sin --preview (agregue --reuse-preview ${p.runDir} para usar sus consultas).`
      : `${p.was === 'dry-run' ? 'Simulacro' : 'Vista previa'}: ${p.runDir} fue ${p.was === 'dry-run' ? 'un simulacro' : 'una vista previa'}, que no envió nada, así que no hay nada que ${p.command === 'verify' ? 'verificar' : 'deshacer'}.`,
  'run.no-plan': (p) =>
    `Sin plan: ${p.runDir} se hizo con una versión anterior de wolkvox-bulk, cuyas carpetas no guardan el plan revisado que ${p.command} lee. ${p.command === 'resume' ? 'Envíe las filas aún no actualizadas como una ejecución nueva' : `${p.command} no es posible para ella`} (${p.results} muestra el resultado de cada fila).`,
  'run.in-use': (p) => `Carpeta de ejecución en uso: ${p.runDir} ya tiene una ejecución. Continúela con: wolkvox-bulk resume ${p.runDir}, o elija otra --out.`,
  'run.out-is-file': (p) => `No es una carpeta: ${p.runDir} es un archivo. Indique en --out una carpeta que aún no exista (la ejecución la crea).`,
  'run.out-not-empty': (p) =>
    `Carpeta no vacía: ${p.runDir} tiene otros archivos (${p.shown.join(', ')}${p.entries > p.shown.length ? `, … (${p.entries} en total)` : ''}), y una ejecución escribiría sus informes encima. Indique en --out una carpeta nueva o vacía.`,
  'run.busy': (p) =>
    `Carpeta de ejecución ocupada: ${p.runDir} la está usando otro proceso de wolkvox-bulk (pid ${p.pid}). Espere a que termine o deténgalo; si ese proceso no existe, borre ${p.lock}.`,
  'run.lock-failed': (p) => `Carpeta de ejecución ocupada: no se pudo tomar el bloqueo ${p.lock}.`,
  'run.not-a-run': (p) => `No es una carpeta de ejecución: ${p.runDir} no tiene run.json. Indique la carpeta que creó update (su ruta se muestra al final de cada ejecución).`,
  'run.unreadable': (p) =>
    `No se puede leer la carpeta de la ejecución: ${p.file}: ${causeIn(p.cause)}. La carpeta y sus archivos deben poder leerse y escribirse con su usuario: corrija los permisos, o ejecute con el usuario que hizo la ejecución.`,
  'run.damaged': (p) => `Carpeta de ejecución dañada: no se puede leer ${p.file} (${p.detail}).`,
  'run.cancelled': (p) => `Cancelado: no se envió nada. La carpeta ${p.runDir} quedó como estaba: reanúdela cuando esté listo.`,
  'run.cancelled-no-folder': () => 'Cancelado: no se envió nada, y no se guardó ninguna carpeta de ejecución.',
  'run.no-data-rows': (p) => `Sin filas de datos: ${p.file} tiene encabezado pero ninguna fila debajo, así que no hay nada que enviar. Verifique que sea el archivo (y la hoja) correcto.`,
  'run.no-dry-run-match': (p) =>
    `No es posible en un simulacro: ${p.mapping} busca los registros con "match", lo que requiere consultar el CRM, y un simulacro no contacta ningún servidor. Revise las claves con \`wolkvox-bulk validate\`. No se envió nada.`,
  'run.no-dry-run-lookup': (p) =>
    `No es posible en un simulacro: ${p.mapping} busca por nombre ("lookup") el registro vinculado de ${p.labels.map((label) => `"${label}"`).join(', ')}, lo que requiere consultar el CRM, y un simulacro no contacta ningún servidor. Revise el archivo con \`wolkvox-bulk validate\`. No se envió nada.`,
  'run.cannot-write': (p) => `No se puede escribir la carpeta de la ejecución: ${p.path}: ${causeIn(p.cause)}. ${folderFix(p.fix)}`,
  'run.write-failed': (p) =>
    `No se puede escribir en la carpeta de la ejecución ${p.dir}: ${causeIn(p.cause)} (${p.file}). ${
      p.what === 'journal'
        ? 'El trabajo dejó de enviar. Se conserva cada respuesta registrada hasta entonces; una solicitud cuya respuesta no se pudo registrar se envía de nuevo al reanudar (una actualización enviada dos veces pone los mismos valores).'
        : 'Cada fila se envió según el plan y su resultado está en el diario; solo faltan los informes (ninguno quedó a medio escribir).'
    } ${p.space ? 'Libere espacio en disco' : 'Corrija la causa'} y luego: wolkvox-bulk resume ${p.dir}`,
};
