import fs from 'node:fs';
import { WolkvoxBulkError } from '../core/errors.js';
import { message, type Message } from '../core/say.js';

/**
 * The token comes from WOLKVOX_TOKEN or a file, never from a flag value: flags show in process lists and
 * shell history. A file readable by others gets a warning, not a refusal (shared machines vary).
 */
export function readToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv, warn: (warning: Message) => void): string {
  if (tokenFile !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(tokenFile, 'utf8');
      if ((fs.statSync(tokenFile).mode & 0o077) !== 0) warn(message('cli.token-file-open', { file: tokenFile }));
    } catch (error) {
      throw new WolkvoxBulkError('TOKEN_MISSING', message('cli.token-file-unreadable', { file: tokenFile, reason: (error as NodeJS.ErrnoException).code ?? String(error) }), { file: tokenFile });
    }
    const token = text.trim();
    if (token === '') throw new WolkvoxBulkError('TOKEN_MISSING', message('cli.token-file-empty', { file: tokenFile }), { file: tokenFile });
    return token;
  }
  const token = env.WOLKVOX_TOKEN?.trim();
  if (!token) {
    throw new WolkvoxBulkError('TOKEN_MISSING', message('option.missing-token'));
  }
  return token;
}
