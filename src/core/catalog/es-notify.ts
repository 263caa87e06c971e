import { countIn } from '../text.js';
import type { enNotify, NoticeEvent, NoticeFailure, NoticeField } from './en-notify.js';

// Spanish for a run's notification and for `schedule`.

type NotifyWords = typeof enNotify;

const EVENTS: Readonly<Record<NoticeEvent, string>> = { finished: 'terminó', stopped: 'se detuvo y se puede reanudar', failed: 'falló' };

const FIELDS: Readonly<Record<NoticeField, string>> = { rows: 'Filas', calls: 'Solicitudes a la API', 'exit-code': 'Código de salida', 'run-folder': 'Carpeta de la ejecución', file: 'Archivo', why: 'Motivo' };

const failure = (why: NoticeFailure) =>
  why.kind === 'status' ? `el receptor respondió HTTP ${why.status}` : why.kind === 'timeout' ? `sin respuesta en ${why.seconds} s` : `error de red ${why.code}`;

const when = (p: { time: string; weekdays: boolean }) => `${p.weekdays ? 'de lunes a viernes' : 'todos los días'} a las ${p.time}`;

export const esNotify: { readonly [C in keyof NotifyWords]: (params: Parameters<NotifyWords[C]>[0]) => string } = {
  'notify.headline': (p) => `wolkvox-bulk${p.file ? ` · ${p.file}` : ''}: ${EVENTS[p.event]} (código de salida ${p.exitCode})`,
  'notify.field': (p) => FIELDS[p.field],
  'notify.delivered': (p) => `Se notificó a ${p.url}.`,
  'notify.failed': (p) =>
    `No se pudo entregar la notificación a ${p.url} tras ${countIn('es', p.attempts)} ${p.attempts === 1 ? 'intento' : 'intentos'}: ${failure(p.why)}. La ejecución y su código de salida no cambian.`,

  'schedule.when': when,
  'schedule.cron': (p) =>
    `# cron: ${when(p)} (hora de este equipo), en ${p.dir}. ${p.install ? 'Se agregó a su crontab:' : 'Agregue esta línea con `crontab -e`, o ejecute esto de nuevo con --install:'}`,
  'schedule.systemd': (p) =>
    `# systemd (temporizador de usuario): ${when(p)}, en ${p.dir}. Guarde los dos archivos de abajo en ~/.config/systemd/user/ y luego:\n#   systemctl --user daemon-reload && systemctl --user enable --now ${p.unit}.timer\n#   loginctl enable-linger "$USER"   (para que se ejecute también sin su sesión abierta)\n#   journalctl --user -u ${p.unit}.service   (lo que mostró)`,
  'schedule.windows': (p) =>
    `REM Programador de tareas de Windows: ${when(p)}, en ${p.dir}. Guarde el XML de abajo como ${p.name}.xml (UTF-16, como lo escribe --out) y luego, en un símbolo del sistema:`,
  'schedule.windows-password': () => 'REM Le pedirá su contraseña de Windows: así la tarea se ejecuta haya iniciado sesión o no.',
  'schedule.windows-cmd': (p) => `REM Para ejecutarla a mano, guarde esto como ${p.name}.cmd y haga doble clic en él:`,
  'schedule.written': (p) => `Archivos escritos: ${p.files.join(', ')}`,
  'schedule.added-yes': () => 'Nota: se agregó --yes al comando (nadie está presente para confirmar una ejecución programada).',
  'schedule.installed': (p) => `Instalado (${p.kind}): ${p.where}`,
  'schedule.install-where': () => '--install necesita --system cron o --system systemd (su propio crontab, o un temporizador de usuario de systemd). En Windows, ejecute la línea schtasks de arriba: le pedirá su contraseña.',
  'schedule.install-failed': (p) => `No se pudo instalar: \`${p.command}\` falló: ${p.detail}. No se cambió nada; el texto de arriba sirve para instalarlo a mano.`,
  'schedule.no-command': () => 'No hay nada que programar: escriba el comando después de --, por ejemplo: wolkvox-bulk schedule --daily 06:00 -- update clientes.csv -m clientes.mapping.json --token-file ~/.wolkvox-token',
  'schedule.not-ours': (p) => `Aquí solo se programan comandos de wolkvox-bulk: después de -- va un comando como update o resume, y se recibió ${p.word}.`,
  'schedule.token-in-command': (p) =>
    `El comando lleva el token (${p.what}): una programación se guarda como texto plano (crontab, archivos de unidad, la tarea). Guarde el token en un archivo que solo usted pueda leer (chmod 600) y use --token-file <ese archivo>. No se programó nada.`,
  'schedule.needs-token-file': () =>
    'El comando necesita el token desde un archivo: agregue --token-file ~/.wolkvox-token (un archivo que solo usted pueda leer). WOLKVOX_TOKEN no llega a una ejecución programada, y un token en la línea de comandos quedaría guardado como texto plano. No se programó nada.',
};
