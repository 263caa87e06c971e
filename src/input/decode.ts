import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import type { Encoding } from './source.js';

/** What decoding found out, filled in as the file is read (the writer of failed.csv reuses it). */
export interface DecodeState {
  encoding: Encoding;
  bom: boolean;
}

const BOMS: readonly [bytes: readonly number[], encoding: Encoding][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

interface Decoder {
  write(buffer: Buffer): string;
  end(): string | undefined;
}

const startsWith = (buffer: Buffer, bytes: readonly number[]) => bytes.every((byte, index) => buffer[index] === byte);

/**
 * Decodes a byte stream to text. With `auto`: a BOM decides; otherwise UTF-8, switching to Windows-1252
 * at the first byte that is not UTF-8, provided everything before it was plain ASCII (so the text already
 * produced reads the same in both). Mixed files are refused rather than guessed.
 */
export async function* decodeText(
  chunks: AsyncIterable<Buffer>,
  requested: Encoding | 'auto',
  state: DecodeState,
  file: string,
): AsyncGenerator<string> {
  let decoder: Decoder | undefined;
  let pending: Buffer = Buffer.alloc(0);
  let first = true;
  let sawNonAscii = false;
  let newlines = 0;

  const useDecoder = (encoding: Encoding): Decoder => {
    state.encoding = encoding;
    return iconv.getDecoder(encoding, { stripBOM: true });
  };
  const emit = (text: string) => {
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) newlines += 1;
    return text;
  };

  for await (const chunk of chunks) {
    const data = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    pending = Buffer.alloc(0);
    if (first) {
      // A BOM needs up to 3 bytes; wait for them.
      if (data.length < 3) {
        pending = data;
        continue;
      }
      first = false;
      const bom = BOMS.find(([bytes]) => startsWith(data, bytes));
      state.bom = bom !== undefined;
      if (requested !== 'auto') decoder = useDecoder(requested);
      else if (bom) decoder = useDecoder(bom[1]);
      else state.encoding = 'utf-8';
    }
    if (decoder) {
      yield emit(decoder.write(data));
      continue;
    }
    // UTF-8 auto mode: hold back an incomplete sequence at the end of the chunk.
    const cut = completeLength(data);
    const complete = data.subarray(0, cut);
    if (isUtf8(complete)) {
      const text = complete.toString('utf8');
      if (text.length !== complete.length) sawNonAscii = true;
      pending = Buffer.from(data.subarray(cut));
      if (text !== '') yield emit(text);
      continue;
    }
    // Valid UTF-8 accents before the bad byte mean the file mixes encodings: refuse rather than guess.
    const bad = firstInvalid(complete);
    if (sawNonAscii || complete.subarray(0, bad).some((byte) => byte >= 0x80)) {
      throw mixedEncoding(file, newlines + countNewlines(complete, bad) + 1);
    }
    decoder = useDecoder('windows-1252');
    yield emit(decoder.write(data));
  }

  if (first && pending.length > 0) {
    // A file of one or two bytes: too short for a BOM.
    state.bom = false;
    if (requested !== 'auto') decoder = useDecoder(requested);
    else state.encoding = 'utf-8';
  }
  if (decoder) {
    const text = (pending.length > 0 ? decoder.write(pending) : '') + (decoder.end() ?? '');
    if (text !== '') yield text;
    return;
  }
  if (pending.length > 0) {
    if (isUtf8(pending)) yield pending.toString('utf8');
    else if (sawNonAscii) throw mixedEncoding(file, newlines + 1);
    else {
      state.encoding = 'windows-1252';
      yield iconv.decode(pending, 'windows-1252');
    }
  }
}

// Length of `data` without a UTF-8 sequence that is cut off at its end.
function completeLength(data: Buffer): number {
  for (let back = 1; back <= Math.min(3, data.length); back += 1) {
    const byte = data[data.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? data.length - back : data.length;
  }
  return data.length;
}

// Offset of the first byte that does not start or continue a UTF-8 sequence properly (error path only).
function firstInvalid(data: Buffer): number {
  for (let index = 0; index < data.length; ) {
    const byte = data[index] as number;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0) return index;
    for (let next = 1; next < length; next += 1) if (((data[index + next] ?? 0) & 0xc0) !== 0x80) return index;
    index += length;
  }
  return data.length;
}

function countNewlines(data: Buffer, end: number): number {
  let count = 0;
  for (let index = 0; index < end; index += 1) if (data[index] === 0x0a) count += 1;
  return count;
}

const mixedEncoding = (file: string, line: number) =>
  new WolkvoxBulkError('INPUT_ENCODING', message('input.mixed-encoding', { file, line }), { file, row: line });
