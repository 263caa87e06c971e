import type { enCli } from './en-cli.js';

// Spanish for the command line's refusals of what was typed and the token file's problems.

type Words = typeof enCli;

export const esCli: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'cli.delimiter-refused': (p) => `--delimiter debe ser uno de , ; tab |, y llegó '${p.typed}'`,
  'cli.encoding-refused': (p) => `--encoding debe ser una de ${p.encodings.join(', ')}, y llegó '${p.typed}'`,
  'cli.port-refused': (p) => `--port debe ser un número entero de 0 a 65535, y llegó ${p.typed}`,
  'cli.token-as-flag': () => 'el token no se acepta como opción (se vería en la lista de procesos y en el historial de la terminal): defina WOLKVOX_TOKEN, o use --token-file',
  'cli.token-file-unreadable': (p) => `No se puede leer el archivo del token ${p.file}: ${p.reason}. Revise --token-file.`,
  'cli.token-file-empty': (p) => `Archivo del token vacío: ${p.file} no contiene ningún token.`,
  'cli.token-file-open': (p) => `Aviso: otros usuarios de este equipo pueden leer ${p.file}; aplíquele chmod 600.`,
  'cli.ui-address': (p) => `wolkvox-bulk ui: ${p.url}\nAbra esta dirección en su navegador; contiene la clave de esta sesión, así que no la comparta. Ctrl-C detiene la página.`,
  'cli.ui-stopping': () => 'Deteniendo el trabajo: no se hacen más solicitudes; se espera a las que están en curso y luego se escriben los informes. Presione Ctrl-C otra vez para salir de inmediato.',
};
