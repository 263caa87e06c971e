import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { message } from '../index.js';
import { HttpError } from './http.js';
import { safeFileName, type RunFolders } from './run-folders.js';

/** Largest upload accepted: far above any CRM export, low enough that a mistake cannot fill the disk. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/**
 * Streams an uploaded file (the raw request body; its name in `?name=`) into a new upload folder of the
 * tool, readable by the user only. The file is never held in memory and never written anywhere else.
 */
export async function receiveUpload(request: IncomingMessage, folders: RunFolders, name: string | null, limit = MAX_UPLOAD_BYTES): Promise<{ upload: string; file: string }> {
  if (!name) throw new HttpError(400, 'Missing file name (?name=).');
  const fileName = safeFileName(name);
  const dir = folders.createUpload(fileName);
  const file = path.join(dir, fileName);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > limit ? new HttpError(413, message('page.file-too-large', { bytes: limit })) : null, chunk);
    },
  });
  try {
    await pipeline(request, counter, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    // Nothing half-written is left behind.
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { upload: path.basename(dir), file: fileName };
}
