import type { Expectation, enOptions } from './en-options.js';

// Spanish for options and flags: what an option accepts, what a resume or a preview refuses, a missing
// operation, module, token or server.

type Words = typeof enOptions;

const UNITS = {
  'calls-in-flight': ' de solicitudes en curso',
  'calls-per-second': ' de solicitudes por segundo',
  seconds: ' de segundos',
  'no-limit': ' (0: sin límite)',
  share: ' (una proporción: 0.5 es la mitad; 0 desactiva la revisión)',
  rows: ' de filas',
  'records-per-call': ' de registros por solicitud',
  bodies: ' de registros',
} as const;

const TEXTS = {
  folder: 'la ruta de una carpeta',
  'earlier-run': 'la carpeta de una ejecución anterior',
  operation: 'el nombre de una operación del CRM',
  module: 'el nombre de un módulo del CRM, como contacts',
  server: 'un servidor del CRM, como crm0001.wolkvox.com',
  'preview-run': 'la carpeta de una vista previa (update --preview)',
  'web-address': 'una dirección http:// o https://, como https://hooks.slack.com/services/…',
  'time-of-day': 'una hora del día como HH:MM (24 horas), por ejemplo 06:00 o 22:30',
} as const;

function expectationIn(expected: Expectation): string {
  switch (expected.kind) {
    case 'whole':
    case 'number':
      return `${expected.kind === 'whole' ? 'un número entero' : 'un número'}${expected.unit ? UNITS[expected.unit] : ''} ${expected.max === undefined ? `desde ${expected.min}` : `de ${expected.min} a ${expected.max}`}`;
    case 'one-of':
      return `uno de ${expected.choices.join(', ')}`;
    case 'text':
      return TEXTS[expected.what];
    case 'yes-no':
      return 'true o false';
  }
}

export const esOptions: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'option.refused': (p) => `Se esperaba que \`${p.option}\` fuera ${expectationIn(p.expected)}, y llegó \`${p.shown}\` (${p.type}).`,
  'option.refused-flag': (p) => `${p.flag} ${p.typed}: se esperaba ${expectationIn(p.expected)}.`,
  'option.not-on-resume': (p) =>
    `No al reanudar: ${p.canary ? `${p.name} es para la primera sesión de una ejecución (una prueba): al reanudar se envían todas las filas que le quedan` : `${p.name} se decide cuando se revisa una ejecución: al reanudar se envía cada fila como la tiene el plan`}. Para enviar con otro ${p.name}, empiece una ejecución nueva con update.`,
  'option.not-with-preview': (p) =>
    `No ambos: ${p.preview} y ${p.other}: ${{ 'dry-run': 'una vista previa consulta el CRM, y un simulacro no contacta ningún servidor', verify: 'una vista previa no envía nada que leer de nuevo', reuse: 'una vista previa hace sus propias consultas' }[p.why]}.`,
  'option.missing-operation': () => 'Falta la operación: indique "operation" en el mapeo, o use --operation (el nombre de su operación del CRM).',
  'option.missing-module': () => 'Falta el módulo: indique "module" en el mapeo, o use --module (por ejemplo contacts).',
  'option.missing-token': () => 'Falta el token: defina la variable de entorno WOLKVOX_TOKEN, o use --token-file con un archivo que lo contenga.',
  'option.missing-server': () => 'Falta el servidor: use --server o defina WOLKVOX_SERVER con el servidor de su CRM, como crm0001.wolkvox.com.',
};
