import fs from 'node:fs/promises';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';

/** Reads a text file of one value per line, ignoring blank lines. */
export async function readIdList(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new WolkvoxBulkError('INPUT_NOT_FOUND', message('mock.cannot-read', { file, detail: (error as Error).message }), { file, cause: error });
  }
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
}
