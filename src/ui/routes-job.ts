import fs from 'node:fs';
import path from 'node:path';
import { loadMapping, message, normalizeServer, resolveJobSettings, resumeRun, runUpdate, undoRun, verifyRun, WolkvoxBulkError } from '../index.js';
import type { Route, UiContext } from './context.js';
import type { JobHooks } from './jobs.js';
import { readQuota } from './connection.js';
import { HttpError, readJson, sendJson } from './http.js';
import { pickJobOptions, type PageJobOptions } from './job-options.js';
import { pageRun, readOwnRunFile, sinceRun } from './run-files.js';
import { uploadOfInput } from './uploads.js';

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
      const server = serverOf(context, pickJobOptions(body, { resume: false }).server, false);
      sendJson(response, 200, { quota: await readQuota(server, context.tokens.require(), typeof body.operation === 'string' ? body.operation.trim() : '') });
    },
  },
  {
    method: 'POST',
    path: /^\/api\/uploads\/([^/]+)\/start$/,
    handler: async (context, request, response, [id = '']) => {
      const body = await readJson(request);
      const folder = typeof body.folder === 'string' && body.folder.trim() !== '' ? body.folder.trim() : undefined;
      // `confirm`: the page asks the person once the plan is made (the CLI's question); a dry run sends nothing and is not asked.
      sendJson(response, 202, await startRun(context, id, body.mapping, pickJobOptions(body.options, { resume: false }), folder, body.confirm === true));
    },
  },
  {
    method: 'POST',
    path: /^\/api\/runs\/([^/]+)\/resume$/,
    handler: async (context, request, response, [name = '']) => {
      const body = await readJson(request);
      const dir = pageRun(context.folders, name);
      // What a resume may change, over what the run recorded; the rest is refused here, at the form.
      const overrides = pickJobOptions(body.options, { resume: true });
      const token = context.tokens.require();
      resolveJobSettings(readOwnRunFile(dir), { ...overrides, token });
      const retryFailed = body.retryFailed === true;
      const view = context.jobs.start(name, 'resume', undefined, (hooks) => resumeRun({ runDir: dir, token, retryFailed, ...overrides, ...hooks }), false, uploadOfRun(context, dir));
      sendJson(response, 202, view);
    },
  },
  {
    // `wolkvox-bulk verify`: a session of the same run that reads back what it updated (verify.csv).
    method: 'POST',
    path: /^\/api\/runs\/([^/]+)\/verify$/,
    handler: (context, _request, response, [name = '']) => {
      const runDir = pageRun(context.folders, name);
      const token = context.tokens.require();
      sendJson(response, 202, context.jobs.start(name, 'verify', undefined, (hooks) => verifyRun({ runDir, token, ...hooks }), false, uploadOfRun(context, runDir)));
    },
  },
  {
    // `wolkvox-bulk undo`: a new run folder beside the others, named after the run it takes back.
    method: 'POST',
    path: /^\/api\/runs\/([^/]+)\/undo$/,
    handler: (context, _request, response, [name = '']) => {
      const { folders, jobs, tokens } = context;
      const runDir = pageRun(folders, name);
      const token = tokens.require();
      const out = folders.newRun(undefined, `undo-${name}`);
      sendJson(response, 202, jobs.start(path.basename(out), 'undo', undefined, (hooks) => undoRun({ runDir, token, out, ...hooks }), false, uploadOfRun(context, runDir)));
    },
  },
  {
    // The person's answer to the plan of a job that asks: `{ "yes": true }` goes ahead, anything else cancels.
    method: 'POST',
    path: /^\/api\/runs\/([^/]+)\/answer$/,
    handler: async ({ folders, jobs }, request, response, [name = '']) => {
      const body = await readJson(request);
      folders.run(name);
      jobs.answer(name, body.yes === true);
      sendJson(response, 202, jobs.current());
    },
  },
  {
    method: 'POST',
    path: /^\/api\/runs\/([^/]+)\/stop$/,
    handler: ({ folders, jobs }, _request, response, [name = '']) => {
      folders.run(name);
      jobs.stop(name);
      sendJson(response, 202, jobs.current());
    },
  },
];

/** The CRM host: the page's, else WOLKVOX_SERVER's; checked now so a typo is shown at the form. */
function serverOf(context: UiContext, given: string | undefined, dryRun: boolean): string {
  const server = given ?? context.server ?? (dryRun ? 'http://127.0.0.1:9' : undefined);
  if (server === undefined) throw new WolkvoxBulkError('USAGE', message('page.missing-server'));
  normalizeServer(server);
  return server;
}

/**
 * Runs `update` from an upload into a new run folder (as `--out` names it), with the page's mapping
 * written next to the upload first and read back as the CLI reads a mapping file. Each run gets its own
 * mapping file, never rewritten: `resume` refuses a run whose input or mapping changed.
 */
async function startRun(context: UiContext, id: string, mapping: unknown, options: PageJobOptions, folder: string | undefined, ask: boolean) {
  const { folders, jobs, tokens } = context;
  if (jobs.isRunning()) throw new HttpError(409, message('page.job-running'));
  const dryRun = options.dryRun === true;
  const token = dryRun ? (tokens.get() ?? 'dry-run') : tokens.require();
  const server = serverOf(context, options.server, dryRun);
  // --since names a run folder the page listed; only one inside the runs folder, with no link in it.
  const since = options.since === undefined ? {} : { since: sinceRun(folders, options.since) };
  // A preview of this page whose reads the run may use (the library decides whether they still stand, and says why not).
  const reuse = options.reusePreview === undefined ? {} : { reusePreview: pageRun(folders, options.reusePreview) };
  const upload = folders.upload(id);
  const out = folders.newRun(folder, id);
  const run = path.basename(out);
  const mappingFile = folders.mappingFor(upload, run);
  // A new file, never written through a link (one left at that name by an earlier try is replaced).
  fs.rmSync(mappingFile, { force: true });
  fs.writeFileSync(mappingFile, `${JSON.stringify(mapping, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  const loaded = await loadMapping(mappingFile);
  // The job's settings as runUpdate will decide them: a mistake is said here, at the form.
  resolveJobSettings(undefined, { ...options, server, token }, { mapping: loaded.mapping });
  // A preview reads and sends nothing: like the CLI's --preview, it is not asked about.
  const preview = options.previewChanges === true;
  const job = (hooks: JobHooks) => runUpdate({ ...options, ...since, ...reuse, server, token, file: folders.inputOf(upload), mapping: loaded, out, ...hooks });
  return jobs.start(run, preview ? 'preview' : 'update', options.limit, job, ask && !dryRun && !preview, path.basename(upload));
}

/** The page's upload a run reads (its input), kept from deletion while a job on the run is under way. */
const uploadOfRun = (context: UiContext, dir: string) => uploadOfInput(context.folders, readOwnRunFile(dir).input.path);
