// Preloaded (`--import`) into the CLI by start-up.test.ts: every module the process loads is written, as a
// URL a line, to the file WVX_MODULE_LOG names. ES modules through a load hook, which runs on a thread of its
// own (so it appends to a file rather than hand back a list); CommonJS ones that `require` loads (axios is
// required: its one-file Node bundle) from require.cache when the process exits, as the hooks do not see them.
import fs from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const hooks = `
import fs from 'node:fs';
let file;
export function initialize(data) { file = data; }
export async function load(url, context, next) { fs.appendFileSync(file, url + '\\n'); return next(url, context); }
`;
const file = process.env.WVX_MODULE_LOG;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: file });
const { cache } = createRequire(import.meta.url);
process.on('exit', () => fs.appendFileSync(file, Object.keys(cache).map((name) => `${pathToFileURL(name).href}\n`).join('')));
