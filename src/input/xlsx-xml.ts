import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { ZipPart } from './workbook-index.js';

export interface XmlHandlers {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  text(text: string): void;
  close(name: string): void;
}

// Element names without their namespace prefix: some writers use `x:c` where others use `c`.
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Streams one XML part of the workbook through SAX handlers, a chunk at a time. `after` runs after each
 * chunk, so a generator can yield what the chunk completed before more is read (constant memory).
 */
export async function* streamXml<T>(part: ZipPart, handlers: XmlHandlers, after: () => T[]): AsyncGenerator<T> {
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
    for await (const chunk of stream as AsyncIterable<Buffer>) {
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
export async function readXml(part: ZipPart, handlers: XmlHandlers): Promise<void> {
  for await (const _ of streamXml(part, handlers, () => [])) {
    // nothing is yielded
  }
}
