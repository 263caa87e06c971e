import { createClient, type WolkvoxClient } from '../api/client.js';
import { updateBody } from '../api/bodies.js';
import { WolkvoxBulkError } from '../core/errors.js';
import type { Logger, MappedRow, TokenInfo } from '../core/types.js';
import type { JobSettings, ResolvedConnection } from '../plan/options.js';

export type { WolkvoxClient };

/** The API client of a job that sends (not a dry run, which has no server or token). */
export function openClient(connection: ResolvedConnection, logger?: Logger): WolkvoxClient {
  if (connection.server === undefined || connection.token === undefined) {
    throw new WolkvoxBulkError('USAGE', 'A job that sends needs a server and a token (only a dry run goes without).');
  }
  return createClient({
    server: connection.server,
    token: connection.token,
    concurrency: connection.concurrency,
    timeoutMs: connection.timeoutMs,
    ...(logger ? { logger } : {}),
  });
}

/** A body exactly as the send pass would build it; attachment files are named, not read (they may be large). */
export function previewBody(row: MappedRow, settings: Pick<JobSettings, 'operation' | 'module'>): Record<string, unknown> {
  const attachments = row.attachments.map((file) => `<base64 of ${file.path}, ${file.bytes} bytes>`);
  return updateBody({ operation: settings.operation, module: settings.module, id: row.id, fields: row.fields, attachments });
}

/** Reads a token's quota once (one call), for the `quota` command. */
export async function readTokenQuota(connection: ResolvedConnection, operation: string): Promise<TokenInfo> {
  const client = openClient(connection);
  try {
    const { outcome, info } = await client.tokenInfo(operation);
    if (!info) {
      throw new WolkvoxBulkError(outcome.kind === 'quota' ? 'QUOTA_EXCEEDED' : 'API_FATAL', `The CRM did not give the quota: ${outcome.message}${outcome.httpStatus ? ` (HTTP ${outcome.httpStatus})` : ''}.`);
    }
    return info;
  } finally {
    client.close();
  }
}
