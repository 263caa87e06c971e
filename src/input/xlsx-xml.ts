import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { BookPlace } from '../core/catalog/en-errors2.js';
import { MAX_XML_RUN_BYTES, throwIfCancelled, tooLarge, type ReadGuard } from './limits.js';
import type { ZipPart } from './workbook-index.js';

export interface XmlHandlers {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  text(text: string): void;
  close(name: string): void;
}

// Element names without their namespace prefix: some writers use `x:c` where others use `c`.
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Where a part is read from, for the checks made on every chunk: "sheet 'Datos' of libro.xlsx". */
export interface XmlPlace extends ReadGuard {
  readonly what: BookPlace;
}

/**
 * Streams one XML part of the workbook through SAX handlers, a chunk at a time. `after` runs after each
 * chunk, so a generator can yield what the chunk completed before more is read (constant memory). Between
 * chunks the caller's signal is checked, and a run of text with no tag longer than any cell is refused
 * before the parser, which gathers text until the next tag, holds it.
 */
export async function* streamXml<T>(part: ZipPart, handlers: XmlHandlers, after: () => T[], place: XmlPlace): AsyncGenerator<T> {
  const parser = new SaxesParser();
  let failure: Error | undefined;
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(local(tag.name), tag.attributes));
  parser.on('text', (text: string) => handlers.text(text));
  parser.on('cdata', (text: string) => handlers.text(text));
  parser.on('closetag', (tag: SaxesTagPlain) => handlers.close(local(tag.name)));
  parser.on('error', (error: Error) => {
    failure ??= error;
  });
  const decoder = new TextDecoder('utf-8');
  const stream = await part.stream();
  try {
    let run = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      throwIfCancelled(place);
      const first = chunk.indexOf(0x3c); // '<'
      if (first === -1) run += chunk.length;
      else {
        run += first;
        if (run <= MAX_XML_RUN_BYTES) run = chunk.length - chunk.lastIndexOf(0x3c) - 1;
      }
      if (run > MAX_XML_RUN_BYTES) {
        throw tooLarge(place.file, { kind: 'xml-run', at: place.what });
      }
      parser.write(decoder.decode(chunk, { stream: true }));
      if (failure) throw failure;
      yield* after();
    }
    parser.write(decoder.decode());
    parser.close();
    if (failure) throw failure;
    yield* after();
  } finally {
    stream.destroy();
  }
}

/** Reads a whole (small or medium) part for its side effects on the handlers. */
export async function readXml(part: ZipPart, handlers: XmlHandlers, place: XmlPlace): Promise<void> {
  for await (const _ of streamXml(part, handlers, () => [], place)) {
    // nothing is yielded
  }
}
