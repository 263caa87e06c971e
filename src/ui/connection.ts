import { message, readQuota as readQuotaOfToken, WolkvoxBulkError, type TokenInfo } from '../index.js';

/** Where the token in use came from; the page shows this, never the token. */
export type TokenSource = 'environment' | 'file' | 'page';

/**
 * The token lives here, in this process's memory, and nowhere else: the page sends it once and gets
 * back only whether one is set and where it came from.
 */
export class TokenStore {
  #entered: string | undefined;
  readonly #preset: { readonly token: string; readonly source: TokenSource } | undefined;

  constructor(preset?: { readonly token: string; readonly source: 'environment' | 'file' }) {
    this.#preset = preset;
  }

  set(token: string): void {
    const trimmed = token.trim();
    if (trimmed === '') throw new WolkvoxBulkError('TOKEN_MISSING', message('page.empty-token'));
    this.#entered = trimmed;
  }

  /** Forgets the token entered in the page (the one from the environment or a file stays). */
  clear(): void {
    this.#entered = undefined;
  }

  get(): string | undefined {
    return this.#entered ?? this.#preset?.token;
  }

  describe(): { readonly set: boolean; readonly source?: TokenSource } {
    if (this.#entered !== undefined) return { set: true, source: 'page' };
    return this.#preset ? { set: true, source: this.#preset.source } : { set: false };
  }

  /** The token, or an error that says where to enter it. */
  require(): string {
    const token = this.get();
    if (token === undefined) throw new WolkvoxBulkError('TOKEN_MISSING', message('page.missing-token'));
    return token;
  }
}

/** The token's daily figures (one call): the library's own `readQuota`, as `wolkvox-bulk quota` uses it. */
export async function readQuota(server: string, token: string, operation: string): Promise<TokenInfo> {
  const { server: _server, operation: _operation, ...info } = await readQuotaOfToken({ server, token, operation });
  return info;
}
