import { createClient, preloadHttpClient, type WolkvoxClient } from '../api/client.js';
import { updateBody, updateManyBody } from '../api/bodies.js';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import type { Logger, MappedRow, TokenInfo } from '../core/types.js';
import type { JobSettings, ResolvedConnection } from '../plan/options.js';

export type { WolkvoxClient };
export { preloadHttpClient };

/** The API client of a job that sends (not a dry run, which has no server or token). */
export function openClient(connection: ResolvedConnection, logger?: Logger): WolkvoxClient {
  if (connection.server === undefined || connection.token === undefined) {
    throw new WolkvoxBulkError('USAGE', message('send.no-connection'));
  }
  return createClient({
    server: connection.server,
    token: connection.token,
    concurrency: connection.concurrency,
    timeoutMs: connection.timeoutMs,
    ...(logger ? { logger } : {}),
  });
}

/**
 * The first bodies exactly as the send pass would build them: one update.php body per row, or with
 * --batch one updateMany.php body for the rows that go together (a row with attachments goes alone).
 * Attachment files are named, not read (they may be large).
 */
export function previewBodies(rows: readonly MappedRow[], settings: Pick<JobSettings, 'operation' | 'module' | 'batchSize'>): Record<string, unknown>[] {
  const { operation, module } = settings;
  const alone = (row: MappedRow) => updateBody({ operation, module, id: row.id, fields: row.fields, attachments: row.attachments.map((file) => `<base64 of ${file.path}, ${file.bytes} bytes>`) });
  if (settings.batchSize <= 1) return rows.map(alone);
  const together = rows.filter((row) => row.attachments.length === 0).slice(0, settings.batchSize);
  return [
    ...(together.length > 0 ? [updateManyBody({ operation, module, records: together.map((row) => ({ id: row.id, fields: row.fields })) })] : []),
    ...rows.filter((row) => row.attachments.length > 0).map(alone),
  ];
}

/** Reads a token's quota once (one call), for the `quota` command. */
export async function readTokenQuota(connection: ResolvedConnection, operation: string): Promise<TokenInfo> {
  const client = openClient(connection);
  try {
    const { outcome, info } = await client.tokenInfo(operation);
    if (!info) {
      throw new WolkvoxBulkError(outcome.kind === 'quota' ? 'QUOTA_EXCEEDED' : 'API_FATAL', message('quota.not-given', { answer: outcome.message, ...(outcome.httpStatus ? { httpStatus: outcome.httpStatus } : {}) }));
    }
    return info;
  } finally {
    client.close();
  }
}
