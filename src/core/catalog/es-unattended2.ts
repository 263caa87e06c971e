import { MOVE_CAUSES, type enUnattended2, type Unmovable } from './en-unattended2.js';

// Spanish for what an unattended job meets that its first build left out (en-unattended2.ts).

type Words = typeof enUnattended2;

const unmovable = (p: Unmovable) => {
  const cause = MOVE_CAUSES[p.code];
  const why = cause === undefined ? `el sistema respondió ${p.code}` : { permission: 'este usuario no tiene permiso para escribir en esa carpeta', 'not-folder': 'esa ruta no es una carpeta', full: 'su disco está lleno', 'read-only': 'su disco es de solo lectura' }[cause];
  const fix = cause === undefined ? `corrija lo que significa ${p.code} para ${p.folder}` : { permission: `dé a este usuario permiso de escritura en ${p.folder}`, 'not-folder': `haga de ${p.folder} una carpeta (o indique otra a la vigilancia)`, full: `libere espacio en el disco de ${p.folder}`, 'read-only': 'indique a la vigilancia una carpeta en un disco con escritura' }[cause];
  const what = p.runDir === undefined ? (p.outcome === 'duplicate' ? 'No se envió: su contenido ya se había enviado.' : 'No se envió nada de él.') : `Se envió como la ejecución ${p.runDir} (código ${p.exitCode}).`;
  return `Aviso: no se pudo mover ${p.file} a ${p.folder}: ${why} (${p.code}). Queda en ${p.watched}. ${what} Esta vigilancia no lo vuelve a tomar mientras no cambie. Qué hacer: ${fix} y luego saque usted el archivo de ${p.watched} (un contenido ya enviado nunca se envía de nuevo).`;
};

export const esUnattended2: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'plan.reserve-reread': (p) =>
    `la cuota se vuelve a consultar cada ${p.every} solicitudes a la API (1 solicitud cada vez), para que lo que usen mientras tanto las otras integraciones del token tampoco toque la reserva`,
  'watch.unmovable': (p) => unmovable(p),
  'cli.flag-repeated': (p) => `${p.flag} se indicó ${p.times} veces: indíquelo una sola vez (admite un solo valor).`,
};
