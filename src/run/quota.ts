import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import type { TokenInfo } from '../core/types.js';
import { loadMapping } from '../mapping/load.js';
import { resolveConnection } from '../plan/job-settings.js';
import type { ConnectionOptions } from '../plan/options.js';
import { readTokenQuota } from '../send/client.js';

export interface QuotaOptions extends Pick<ConnectionOptions, 'server' | 'token'> {
  /** The CRM operation the token belongs to. */
  readonly operation?: string;
  /** A mapping file to take the operation from, when `operation` is not given. */
  readonly mapping?: string;
}

/** Reads the token's daily quota: limit, used today, available, hours to the reset. Costs one call. */
export async function readQuota(options: QuotaOptions): Promise<TokenInfo & { readonly server: string; readonly operation: string }> {
  const connection = resolveConnection({ ...options, timeoutSeconds: 30, concurrency: 1 });
  const operation = options.operation ?? (options.mapping ? (await loadMapping(options.mapping)).mapping.operation : undefined);
  if (!operation) throw new WolkvoxBulkError('USAGE', message('quota.no-operation'));
  const info = await readTokenQuota(connection, operation);
  return { ...info, server: connection.server ?? '', operation };
}
