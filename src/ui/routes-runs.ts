import fs from 'node:fs';
import path from 'node:path';
import { MAPPING_VOCABULARY, readPlanHeader, readPreview, runPaths, settingsForForms } from '../index.js';
import type { Route } from './context.js';
import { COMMON_HEADERS, HttpError, sendJson } from './http.js';
import type { JobView } from './jobs.js';
import { openOwnFile, ownFile, pageMappingOf, readOwnRunFile } from './run-files.js';
import { describeRun, DOWNLOADS, listRuns } from './runs.js';
import { unmatchedRows } from './unmatched.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.json': 'application/json; charset=utf-8',
};

/** The page's start-up facts, the past runs, their files, and the live job. */
export const runRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: /^\/api\/state$/,
    handler: ({ tokens, folders, jobs, server }, _request, response) => {
      sendJson(response, 200, {
        token: tokens.describe(),
        ...(server === undefined ? {} : { server }),
        runsRoot: folders.root,
        job: jobs.current(),
        // The mapping vocabulary, from the library: the page offers exactly what the checker accepts.
        vocabulary: MAPPING_VOCABULARY,
        // The job settings' defaults, ranges and what a resume may change, from the library: the page
        // holds no copy of them.
        settings: settingsForForms(),
      });
    },
  },
  {
    method: 'GET',
    path: /^\/api\/runs$/,
    handler: async ({ folders, jobs }, _request, response) => sendJson(response, 200, { runs: await listRuns(folders, jobs) }),
  },
  {
    method: 'GET',
    path: /^\/api\/runs\/([^/]+)$/,
    handler: async ({ folders, jobs }, _request, response, [name = '']) => {
      const run = await describeRun(folders, jobs, name);
      if (!run) throw new HttpError(404, `Not a run folder: ${name}.`);
      sendJson(response, 200, { run });
    },
  },
  {
    // With a mapping's `match`: the rows whose key found no record or several, with why.
    method: 'GET',
    path: /^\/api\/runs\/([^/]+)\/unmatched$/,
    handler: async ({ folders }, _request, response, [name = '']) => {
      const rows = await unmatchedRows(folders.run(name));
      if (!rows) throw new HttpError(404, `${name} has no plan (yet).`);
      sendJson(response, 200, rows);
    },
  },
  {
    // A preview's lines (preview.csv), a page at a time: `?offset=0&limit=20`.
    method: 'GET',
    path: /^\/api\/runs\/([^/]+)\/preview$/,
    handler: async ({ folders }, _request, response, [name = ''], url) => {
      const dir = folders.run(name);
      // Only the folder's own file is read, never one through a link.
      if (!ownFile(dir, 'preview.csv')) throw new HttpError(404, `${name} has no preview.csv (yet).`);
      const offset = wholeParam(url, 'offset', 0);
      const limit = Math.min(wholeParam(url, 'limit', PREVIEW_PAGE), 500);
      // The input's kind names the rows as the person's program does: lines of a CSV, rows of a workbook.
      const plan = ownFile(dir, path.basename(runPaths(dir).plan));
      const kind = plan === undefined ? undefined : (await readPlanHeader(plan)).format.kind;
      sendJson(response, 200, { offset, ...(kind ? { kind } : {}), ...(await readPreview(dir, { offset, limit })) });
    },
  },
  {
    method: 'GET',
    path: /^\/api\/runs\/([^/]+)\/files\/([^/]+)$/,
    handler: ({ folders }, _request, response, [name = '', file = '']) => {
      const dir = folders.run(name);
      // The mapping the page wrote for this run lives with its upload; run.json says which file it was.
      const mapping = file === 'mapping.json' ? pageMappingOf(folders, readOwnRunFile(dir)) : undefined;
      const offered = mapping !== undefined || (DOWNLOADS as readonly string[]).includes(file);
      if (!offered) throw new HttpError(404, `Not a file the page offers: ${file}.`);
      // The run folder's own file, opened without following a link (a link planted there leads out).
      const opened = mapping === undefined ? openOwnFile(dir, file) : openOwnFile(path.dirname(mapping), path.basename(mapping));
      if (!opened) throw new HttpError(404, `${file} is not in ${name} (yet).`);
      response.writeHead(200, {
        ...COMMON_HEADERS,
        'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': opened.size,
        // RFC 6266: an ASCII name for old clients, the real one (accents and all) for the rest.
        'Content-Disposition': `attachment; filename="${`${name}-${file}`.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(`${name}-${file}`)}`,
      });
      fs.createReadStream('', { fd: opened.fd }).pipe(response);
    },
  },
  {
    // Server-Sent Events: the live job, pushed as it changes (the page never polls).
    method: 'GET',
    path: /^\/api\/events$/,
    handler: ({ jobs }, request, response) => {
      response.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
      const send = (view: JobView | undefined) => response.write(`event: job\ndata: ${JSON.stringify(view ?? null)}\n\n`);
      response.write('retry: 1000\n\n');
      send(jobs.current());
      const unsubscribe = jobs.subscribe(send);
      request.once('close', unsubscribe);
    },
  },
];

// Lines of preview.csv a page of the table shows, unless asked otherwise.
const PREVIEW_PAGE = 20;

/** A whole number from 0 up in the query string, or the fallback when absent. */
function wholeParam(url: URL, name: string, fallback: number): number {
  const given = url.searchParams.get(name);
  if (given === null) return fallback;
  if (!/^\d{1,9}$/.test(given)) throw new HttpError(400, `${name}: expected a whole number from 0 up.`);
  return Number(given);
}
