import type { UpdateRequest } from './client.js';
import type { QueryDatesRequest, QueryRequest, UpdateManyRequest } from './requests.js';

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

/**
 * The JSON body of one `updateMany.php` call: each record is one object of `fields`, naming itself with
 * `wolkvox-id` first (the Postman collection's shape). A field labelled `wolkvox-id` cannot override it.
 */
export function updateManyBody(request: UpdateManyRequest): Record<string, unknown> {
  return {
    operation: request.operation,
    module: request.module,
    // Assigning the id again keeps its place (first) and its value, whatever the fields hold.
    fields: request.records.map((record) => Object.assign({ 'wolkvox-id': record.id }, record.fields, { 'wolkvox-id': record.id })),
  };
}

/** The JSON body of one `query.php` call; `limit` and `page` only when given. */
export function queryBody(request: QueryRequest): Record<string, unknown> {
  return {
    operation: request.operation,
    module: request.module,
    field: request.field,
    value: request.value,
    ...paging(request),
  };
}

/** The JSON body of one `queryDates.php` call (`"date": true` is the collection's switch for a date range). */
export function queryDatesBody(request: QueryDatesRequest): Record<string, unknown> {
  return {
    operation: request.operation,
    module: request.module,
    date: true,
    from: request.from,
    to: request.to,
    ...paging(request),
  };
}

const paging = (request: { readonly limit?: number; readonly page?: number }) => ({
  ...(request.limit === undefined ? {} : { limit: request.limit }),
  ...(request.page === undefined ? {} : { page: request.page }),
});
