import fs from 'node:fs';
import path from 'node:path';
import { loadMapping, normalizeServer, resumeRun, runPaths, runUpdate, WolkvoxBulkError } from '../index.js';
import type { Route, UiContext } from './context.js';
import { readQuota } from './connection.js';
import { HttpError, readJson, sendJson } from './http.js';
import { pickJobOptions } from './job-options.js';

/** Steps 4 to 6: the token, the quota, sending, stopping and resuming. The same library calls as the CLI. */
export const jobRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: /^\/api\/token$/,
    handler: async ({ tokens }, request, response) => {
      const body = await readJson(request, 64 * 1024);
      tokens.set(typeof body.token === 'string' ? body.token : '');
      sendJson(response, 200, { token: tokens.describe() });
    },
  },
  {
    method: 'DELETE',
    path: /^\/api\/token$/,
    handler: ({ tokens }, _request, response) => {
      tokens.clear();
      sendJson(response, 200, { token: tokens.describe() });
    },
  },
  {
    method: 'POST',
    path: /^\/api\/quota$/,
    handler: async (context, request, response) => {
      const body = await readJson(request);
      const server = serverOf(context, pickJobOptions(body).server, false);
      sendJson(response, 200, { quota: await readQuota(server, context.tokens.require(), typeof body.operation === 'string' ? body.operation.trim() : '') });
    },
  },
  {
    method: 'POST',
    path: /^\/api\/runs\/([^/]+)\/start$/,
    handler: async (context, request, response, [name = '']) => {
      const body = await readJson(request);
      const folder = typeof body.folder === 'string' && body.folder.trim() !== '' ? body.folder.trim() : undefined;
      sendJson(response, 202, await startRun(context, name, body.mapping, pickJobOptions(body.options), folder));
    },
  },
  {
    method: 'POST',
    path: /^\/api\/runs\/([^/]+)\/resume$/,
    handler: async (context, request, response, [name = '']) => {
      const body = await readJson(request);
      const dir = context.folders.resolve(name);
      const { server, limit: _limit, duplicates: _duplicates, skipInvalid: _skip, dryRun: _dry, reportFormat: _format, ...overrides } = pickJobOptions(body.options);
      const token = context.tokens.require();
      if (server !== undefined) normalizeServer(server);
      const retryFailed = body.retryFailed === true;
      const view = context.jobs.start(name, 'resume', undefined, (hooks) =>
        resumeRun({ runDir: dir, token, retryFailed, ...overrides, ...(server === undefined ? {} : { server }), ...hooks }),
      );
      sendJson(response, 202, view);
    },
  },
  {
    method: 'POST',
    path: /^\/api\/runs\/([^/]+)\/stop$/,
    handler: ({ folders, jobs }, _request, response, [name = '']) => {
      folders.resolve(name);
      jobs.stop(name);
      sendJson(response, 202, jobs.current());
    },
  },
];

/** The CRM host: the page's, else WOLKVOX_SERVER's; checked now so a typo is shown at the form. */
function serverOf(context: UiContext, given: string | undefined, dryRun: boolean): string {
  const server = given ?? context.server ?? (dryRun ? 'http://127.0.0.1:9' : undefined);
  if (server === undefined) throw new WolkvoxBulkError('USAGE', 'Missing server: enter your CRM host in step 4 (Connect), such as crm0001.wolkvox.com.');
  normalizeServer(server);
  return server;
}

/**
 * Writes the page's mapping next to the uploaded file and runs `update` on that folder. A folder that
 * already holds a run (the mapping changed after a canary, say) is never rewritten: the file is copied
 * into a new run folder, since `resume` refuses a run whose mapping changed.
 */
async function startRun(context: UiContext, name: string, mapping: unknown, options: ReturnType<typeof pickJobOptions>, folder?: string) {
  const { folders, jobs, tokens } = context;
  if (jobs.isRunning()) throw new HttpError(409, 'A job is running: stop it or wait for it to finish first.');
  const dryRun = options.dryRun === true;
  const token = dryRun ? (tokens.get() ?? 'dry-run') : tokens.require();
  const server = serverOf(context, options.server, dryRun);
  let dir = folders.resolve(name);
  const input = folders.inputOf(dir);
  if (fs.existsSync(runPaths(dir).run)) {
    dir = folders.create(path.basename(input));
    fs.copyFileSync(input, path.join(dir, 'input', path.basename(input)));
  }
  if (folder !== undefined) dir = folders.rename(dir, folder);
  const mappingFile = folders.mappingOf(dir);
  fs.writeFileSync(mappingFile, `${JSON.stringify(mapping, null, 2)}\n`, { mode: 0o600 });
  // Read back as the CLI reads a mapping file: what runs is exactly what the folder holds.
  const loaded = await loadMapping(mappingFile);
  const run = path.basename(dir);
  return jobs.start(run, 'update', options.limit, (hooks) =>
    runUpdate({ ...options, server, token, file: path.join(dir, 'input', path.basename(input)), mapping: loaded, out: dir, ...hooks }),
  );
}
