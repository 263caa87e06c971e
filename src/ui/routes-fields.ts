import { readFieldNames } from '../index.js';
import { text, type Route } from './context.js';
import { readJson, sendJson } from './http.js';

/**
 * Step 2: the CRM's field names of a module, read from one of its records when the person asks (the page
 * says first that it costs one API request). Kept for the check, which flags a field name not among them.
 */
export const fieldRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: /^\/api\/crm-fields$/,
    handler: async (context, request, response) => {
      const body = await readJson(request);
      const server = text(body.server) ?? context.server;
      const read = await readFieldNames({ server, token: context.tokens.require(), operation: text(body.operation) ?? '', module: text(body.module) ?? '' });
      context.fieldNames.set(read.module, read);
      sendJson(response, 200, { fields: read });
    },
  },
];
