// Preloaded (`--import`) into the CLI by start-up.test.ts: every module the process loads is written, as a
// URL a line, to the file WVX_MODULE_LOG names. Load hooks run on a thread of their own, so they append to
// a file rather than hand back a list.
import { register } from 'node:module';

const hooks = `
import fs from 'node:fs';
let file;
export function initialize(data) { file = data; }
export async function load(url, context, next) { fs.appendFileSync(file, url + '\\n'); return next(url, context); }
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: process.env.WVX_MODULE_LOG });
