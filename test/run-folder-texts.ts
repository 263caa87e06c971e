import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';

/** Every entry of a zip (an .xlsx) inflated, as text. */
function unzipText(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      let text = '';
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          stream.on('end', () => zip.readEntry());
        }),
      );
      zip.on('end', () => resolve(text));
      zip.readEntry();
    });
  });
}

/**
 * Each file of a run folder as text, workbooks inflated, for looking for what must not be there (a token).
 * baseline.bin holds hashes only, whose bytes could spell anything.
 */
export async function runFolderTexts(dir: string): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).filter((entry) => entry !== 'baseline.bin')) {
    const file = path.join(dir, name);
    texts[name] = name.endsWith('.xlsx') ? await unzipText(file) : fs.readFileSync(file, 'utf8');
  }
  return texts;
}
