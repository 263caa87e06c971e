// English for the command line's refusals of what was typed that the option rules do not cover (a reader
// flag, the token given as a flag, --port) and the token file's problems.

export const enCli = {
  'cli.delimiter-refused': (p: { typed: string }) => `--delimiter must be one of , ; tab |, got '${p.typed}'`,
  'cli.encoding-refused': (p: { typed: string; encodings: readonly string[] }) => `--encoding must be one of ${p.encodings.join(', ')}, got '${p.typed}'`,
  'cli.port-refused': (p: { typed: string }) => `--port must be a whole number from 0 to 65535, got ${p.typed}`,
  'cli.token-as-flag': () => 'the token is not accepted as a flag (it would show in process lists and shell history): set WOLKVOX_TOKEN, or pass --token-file',
  'cli.token-file-unreadable': (p: { file: string; reason: string }) => `Cannot read the token file ${p.file}: ${p.reason}. Check --token-file.`,
  'cli.token-file-empty': (p: { file: string }) => `Empty token file: ${p.file} holds no token.`,
  'cli.token-file-open': (p: { file: string }) => `Warning: ${p.file} can be read by other users of this machine; chmod 600 it.`,
  'cli.ui-address': (p: { url: string }) => `wolkvox-bulk ui: ${p.url}\nOpen this address in your browser; it holds this session's key, so keep it to yourself. Ctrl-C stops the page.`,
  'cli.ui-stopping': () => 'Stopping the job: no new calls; waiting for the calls in flight, then writing the reports. Press Ctrl-C again to quit at once.',
} satisfies Record<string, (params: never) => string>;
