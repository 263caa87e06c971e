import fs from 'node:fs';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';

/**
 * The token comes from WOLKVOX_TOKEN or a file, never from a flag value: flags show in process lists and
 * shell history. A file readable by others gets a warning, not a refusal (shared machines vary).
 */
export function readToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv, warn: (message: string) => void): string {
  if (tokenFile !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(tokenFile, 'utf8');
      if ((fs.statSync(tokenFile).mode & 0o077) !== 0) warn(`Warning: ${tokenFile} can be read by other users of this machine; chmod 600 it.`);
    } catch (error) {
      throw new WolkvoxBulkError('TOKEN_MISSING', `Cannot read the token file ${tokenFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}. Check --token-file.`, { file: tokenFile });
    }
    const token = text.trim();
    if (token === '') throw new WolkvoxBulkError('TOKEN_MISSING', `Empty token file: ${tokenFile} holds no token.`, { file: tokenFile });
    return token;
  }
  const token = env.WOLKVOX_TOKEN?.trim();
  if (!token) {
    throw new WolkvoxBulkError('TOKEN_MISSING', message('option.missing-token'));
  }
  return token;
}
