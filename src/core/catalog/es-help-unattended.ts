import type { enHelpUnattended } from './en-help-unattended.js';

// The Spanish of en-help-unattended.ts.

type Words = typeof enHelpUnattended;

export const esHelpUnattended: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'help.notify': () =>
    'Después de la ejecución, o de su parada, enviar por POST lo que resultó a esta dirección (http o https): JSON, o un mensaje de Slack o Teams para sus webhooks; se puede repetir. Un aviso que falla se reintenta y se informa, y nunca cambia el código de salida',
  'help.notify-format': () =>
    'El cuerpo del aviso (por defecto, según la dirección: hooks.slack.com es slack; *.webhook.office.com, outlook.office.com y las direcciones de Power Automate son teams; cualquier otra, json)',
  'help.reserve': (p) =>
    `Reservar estas unidades de la cuota del día para las otras integraciones del token (formularios web…): lee la cuota primero (1 consulta) y se detiene, reanudable, antes de gastarlas (${p.ofRun ? 'por defecto: la de la ejecución' : 'por defecto 0'})`,
  'help.watch': () => 'Enviar cada archivo CSV o Excel que se ponga en una carpeta como una ejecución propia, y luego moverlo a enviados o a fallidos',
  'help.watch.folder': () => 'La carpeta que se vigila',
  'help.watch.done': () => 'Adónde va un archivo cuando todas sus filas se actualizaron',
  'help.watch.failed': () => 'Adónde va cualquier otro archivo, con una nota al lado (<archivo>.txt): por qué y qué hacer',
  'help.watch.runs': () => 'La carpeta de las carpetas de ejecución, y del registro de los archivos enviados (por su contenido)',
  'help.watch.once': () => 'Tomar los archivos que hay ahora y salir (para un programador de tareas); código de salida: 0 si todo terminó, si no el peor',
  'help.watch.interval': () => 'Segundos entre dos miradas; un archivo se toma cuando deja de cambiar entre dos',
  'help.watch.example-1': () => 'Enviar cada archivo que se ponga en entrada/ hasta Ctrl-C',
  'help.watch.example-2': () => 'Para un programador de tareas: tomar lo que hay, una línea JSON por archivo, y salir',
  'help.schedule': () => 'Mostrar lo que ejecuta un comando cada día en este sistema (cron, systemd, Programador de tareas de Windows); --install lo instala',
  'help.schedule-usage': () => '$0 schedule --daily HH:MM [--weekdays] -- <el comando>',
  'help.schedule.daily': () => 'La hora del día, HH:MM (24 horas, la zona horaria del equipo)',
  'help.schedule.weekdays': () => 'Solo de lunes a viernes',
  'help.schedule.system': () => 'Para qué escribirlo: linux (cron y systemd), cron, systemd o windows (por defecto: el de este equipo)',
  'help.schedule.name': () => 'El nombre de la programación (por defecto: wolkvox-bulk-<nombre del archivo del comando>)',
  'help.schedule.out': () => 'Escribir también sus archivos en esta carpeta (las unidades de systemd; el XML de la tarea en UTF-16 y su .cmd)',
  'help.schedule.install': () => 'Instalarlo: en su crontab (--system cron), o como temporizador de usuario de systemd (--system systemd)',
  'help.schedule.example-1': () => 'Una línea de crontab y un temporizador de systemd para la actualización, de lunes a viernes a las 06:00',
  'help.schedule.example-2': () => 'El XML del Programador de tareas, la línea de schtasks y un archivo .cmd',
  'help.runs': () => 'El historial de ejecuciones: una línea por ejecución, la más reciente primero (cuándo, archivo, estado, conteos, consultas, código de salida)',
  'help.runs.runs-folder': () => 'La carpeta que contiene las carpetas de ejecución (la de --out por defecto de update y la de --runs de ui)',
  'help.runs.since': () => 'Solo las ejecuciones iniciadas, reanudadas o terminadas desde: 7d, 12h, 30m, 2w hacia atrás, o una fecha (2026-12-01)',
  'help.runs.json': () => 'Mostrar las ejecuciones como JSON en la salida estándar',
  'help.runs.example-1': () => 'Las ejecuciones de wolkvox-runs/, la más reciente primero',
  'help.runs.example-2': () => 'Las ejecuciones de la última semana, para un script',
};
