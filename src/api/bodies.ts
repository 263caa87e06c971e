import type { UpdateRequest } from './client.js';

/** The JSON body of one `update.php` call, exactly as sent (a dry run shows these). */
export function updateBody(request: UpdateRequest): Record<string, unknown> {
  return {
    operation: request.operation,
    module: request.module,
    'wolkvox-id': request.id,
    fields: request.fields,
    ...(request.attachments && request.attachments.length > 0 ? { attachments: request.attachments } : {}),
  };
}
