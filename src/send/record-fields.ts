import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import type { ResolvedConnection } from '../plan/options.js';
import { openClient } from './client.js';
import { ALL_TIME } from './reads.js';

// The CRM's own fields on every record (wolkvox_id, wolkvox_fecha_creacion, wolkvox_owner …): no mapping writes them.
const SYSTEM_FIELD = /^wolkvox_/;

/**
 * The field labels of a module as one of its records holds them, the CRM's own fields left out, or
 * undefined when the module has no record. The CRM lists no module's fields, so one record is read:
 * the first of the module's whole life (`queryDates.php`, one record). One call, whatever it answers.
 */
export async function readRecordLabels(connection: ResolvedConnection, operation: string, module: string, signal?: AbortSignal): Promise<string[] | undefined> {
  const client = openClient(connection);
  try {
    const outcome = await client.queryDates({ operation, module, ...ALL_TIME, limit: 1, page: 1 }, signal);
    if (outcome.kind !== 'ok') {
      const reason = `${outcome.message}${outcome.httpStatus ? ` (HTTP ${outcome.httpStatus})` : ''}`;
      throw new WolkvoxBulkError(outcome.kind === 'quota' ? 'QUOTA_EXCEEDED' : 'API_FATAL', message('fields.read-refused', { module, reason }));
    }
    const record = outcome.records?.[0];
    return record === undefined ? undefined : Object.keys(record).filter((label) => !SYSTEM_FIELD.test(label));
  } finally {
    client.close();
  }
}
