import { WolkvoxBulkError } from '../core/errors.js';
import { message, type Message } from '../core/say.js';
import { resolveConnection } from '../plan/job-settings.js';
import type { ConnectionOptions } from '../plan/options.js';
import { readRecordLabels } from '../send/record-fields.js';

export interface FieldNamesOptions extends Pick<ConnectionOptions, 'server' | 'token'> {
  /** The CRM operation the token belongs to. */
  readonly operation: string;
  /** The module whose field names are read, such as `contacts`. */
  readonly module: string;
  readonly signal?: AbortSignal;
}

/** A module's field labels, read from one of its records, and what reading them cost. */
export interface FieldNames {
  readonly server: string;
  readonly operation: string;
  readonly module: string;
  /** The labels of one record of the module, the CRM's own `wolkvox_*` fields left out; empty when the module has none. */
  readonly fields: readonly string[];
  /** The module has no record yet: no names could be read, so none can be checked. */
  readonly empty: boolean;
  /** API requests made: 1. */
  readonly calls: number;
  /** What was read, for a person. */
  readonly said: Message;
}

/**
 * The CRM's field labels of a module, for suggesting and checking a mapping's field names: one record of
 * the module is read (the CRM has no list of a module's fields). Costs one API request.
 */
export async function readFieldNames(options: FieldNamesOptions): Promise<FieldNames> {
  const operation = options.operation.trim();
  const module = options.module.trim();
  if (operation === '') throw new WolkvoxBulkError('USAGE', message('fields.missing', { option: 'operation' }));
  if (module === '') throw new WolkvoxBulkError('USAGE', message('fields.missing', { option: 'module' }));
  const connection = resolveConnection({ server: options.server, token: options.token, timeoutSeconds: 30, concurrency: 1 });
  const labels = await readRecordLabels(connection, operation, module, options.signal);
  const calls = 1;
  return {
    server: connection.server ?? '',
    operation,
    module,
    fields: labels ?? [],
    empty: labels === undefined,
    calls,
    said: labels === undefined ? message('fields.module-empty', { module, calls }) : message('fields.read', { module, count: labels.length, calls }),
  };
}
