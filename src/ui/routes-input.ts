import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import {
  checkMapping, isWolkvoxBulkError, loadMapping, MAPPING_VOCABULARY, unknownFieldNames, validateFile, WolkvoxBulkError,
  type Delimiter, type Encoding, type Message,
} from '../index.js';
import type { Route } from './context.js';
import { HttpError, readJson, sendJson } from './http.js';
import { inspectFile, type ReaderChoice } from './inspect.js';
import { safeFileName } from './run-folders.js';
import { receiveUpload } from './upload.js';
import { listUploads, removeUpload } from './uploads.js';
import { pageProblem, warningWords } from './words.js';

/** Steps 1 to 3: the file (and the files uploaded before, to delete), the mapping, the check. Each calls the library as `init` and `validate` do. */
export const inputRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: /^\/api\/files$/,
    handler: async ({ folders }, request, response, _params, url) => {
      sendJson(response, 201, await receiveUpload(request, folders, url.searchParams.get('name')));
    },
  },
  {
    // The files uploaded so far, with the runs that read each: the page offers to delete them.
    method: 'GET',
    path: /^\/api\/uploads$/,
    handler: ({ folders, jobs }, _request, response) => sendJson(response, 200, { uploads: listUploads(folders, jobs) }),
  },
  {
    method: 'DELETE',
    path: /^\/api\/uploads\/([^/]+)$/,
    handler: ({ folders, jobs }, _request, response, [id = '']) => {
      removeUpload(folders, jobs, id);
      sendJson(response, 200, { uploads: listUploads(folders, jobs) });
    },
  },
  {
    method: 'POST',
    path: /^\/api\/uploads\/([^/]+)\/inspect$/,
    handler: async ({ folders }, request, response, [id = '']) => {
      const body = await readJson(request);
      const file = folders.inputOf(folders.upload(id));
      sendJson(response, 200, await inspectFile(file, readerChoice(body), untilClosed(response)));
    },
  },
  {
    method: 'POST',
    path: /^\/api\/mapping$/,
    handler: async ({ folders }, request, response) => {
      const body = await readJson(request);
      sendJson(response, 200, { mapping: await readMappingText(folders.uploads, String(body.text ?? ''), safeFileName(String(body.name ?? 'mapping.json'))) });
    },
  },
  {
    method: 'POST',
    path: /^\/api\/uploads\/([^/]+)\/check$/,
    handler: async ({ folders, fieldNames }, request, response, [id = '']) => {
      const body = await readJson(request);
      const dir = folders.upload(id);
      // Named in messages only: nothing is written until a run starts.
      const mappingFile = path.join(dir, 'mapping.json');
      const mapping = checkMapping(body.mapping, mappingFile);
      const preview = typeof body.preview === 'number' && Number.isInteger(body.preview) && body.preview >= 0 && body.preview <= 50 ? body.preview : 3;
      const report = await validateFile({ file: folders.inputOf(dir), mapping: { mapping, file: mappingFile, dir }, preview, maxProblems: 200, signal: untilClosed(response) });
      // With the module's field names read in the mapping step: the names the CRM does not have, flagged (not refused).
      const read = fieldNames.get(mapping.module?.trim() ?? '');
      const named = read && !read.empty ? { module: read.module, known: read.fields.length, unknown: unknownFieldNames(mapping, read.fields, read.module) } : undefined;
      // The problems and warnings in the page's words, next to the library's English.
      sendJson(response, 200, { ...report, problems: report.problems.map(pageProblem), warningsWords: warningWords(report), ...(named ? { fieldNames: named } : {}) });
    },
  },
];

/**
 * A signal that fires when the answer's connection closes before the answer is sent: the browser left (or
 * the page asked again), so reading the file further helps nobody (issue 17, item 3).
 */
function untilClosed(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  if (response.socket?.destroyed !== false) controller.abort();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Every text inside a value (a message's parameters, the messages it holds) passed through `rename`. */
function renamed(value: unknown, rename: (text: string) => string): unknown {
  if (typeof value === 'string') return rename(value);
  if (Array.isArray(value)) return value.map((inner) => renamed(inner, rename));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, renamed(inner, rename)]));
}

function readerChoice(body: Record<string, unknown>): ReaderChoice {
  const { sheet, headerRow, delimiter, encoding } = body;
  const { delimiters, encodings } = MAPPING_VOCABULARY;
  if (sheet !== undefined && typeof sheet !== 'string' && typeof sheet !== 'number') throw new HttpError(400, 'sheet: expected a name or a number.');
  if (headerRow !== undefined && !(typeof headerRow === 'number' && Number.isInteger(headerRow) && headerRow >= 1)) throw new HttpError(400, 'headerRow: expected a whole number from 1 up.');
  if (delimiter !== undefined && !delimiters.includes(delimiter as Delimiter)) throw new HttpError(400, `delimiter: expected one of ${delimiters.join(' ')}.`);
  if (encoding !== undefined && !encodings.includes(encoding as Encoding)) throw new HttpError(400, `encoding: expected one of ${encodings.join(', ')}.`);
  return {
    ...(sheet === undefined ? {} : { sheet }),
    ...(headerRow === undefined ? {} : { headerRow }),
    ...(delimiter === undefined ? {} : { delimiter: delimiter as Delimiter }),
    ...(encoding === undefined ? {} : { encoding: encoding as Encoding }),
  };
}

/**
 * A mapping file picked in the page goes through `loadMapping`, so it gets the CLI's messages (JSON
 * syntax with line and column, keys written twice, every problem at once). It is read from a private
 * scratch file of the tool, removed right after; messages name the file as the person picked it.
 */
async function readMappingText(uploads: string, text: string, name: string): Promise<unknown> {
  const scratch = path.join(uploads, `.mapping-${randomBytes(8).toString('hex')}`);
  fs.mkdirSync(scratch, { recursive: true, mode: 0o700 });
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text, { mode: 0o600 });
  try {
    return (await loadMapping(file)).mapping;
  } catch (error) {
    if (!isWolkvoxBulkError(error)) throw error;
    // The scratch file's path, wherever the message holds it, becomes the name picked.
    const shown = (text: string) => [file, path.relative(process.cwd(), file)].reduce((named, scratchPath) => named.replaceAll(scratchPath, name), text);
    throw new WolkvoxBulkError(error.code, error.said ? (renamed(error.said, shown) as Message) : shown(error.message), { details: error.details });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
