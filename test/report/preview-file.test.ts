import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPreviewWriter, type PreviewLine } from '../../src/report/preview-file.js';
import { readPreview } from '../../src/report/preview-read.js';
import { tempDir } from '../helpers.js';

const LINES: PreviewLine[] = [
  { rowNumber: 2, key: '=1+1', id: 'c1', change: { field: 'Nota; "larga"', now: 'línea 1\nlínea 2', toSend: 'a;b "c"' } },
  { rowNumber: 3, key: '1.234.567', id: 'c2', change: { field: 'Saldo', now: undefined, toSend: 1500000.5 } },
  { rowNumber: 4, key: '-5', id: 'c3', change: { field: 'Teléfono', now: '', toSend: { type: 'telephone', value: '300', code: '+57' } } },
  { rowNumber: 5, key: '999', problem: 'not found' },
  { rowNumber: 6, key: '777', problem: 'several records' },
];

describe('preview.csv', () => {
  it.each([';', ','])('quotes cells as the other reports (delimiter %s), escapes formulas, and reads back as written', async (delimiter) => {
    const dir = tempDir();
    const writer = createPreviewWriter(path.join(dir, 'preview.csv'), { delimiter, keyed: true });
    for (const line of LINES) writer.write(line);
    writer.close();
    expect(writer.lines()).toBe(5);
    const text = fs.readFileSync(path.join(dir, 'preview.csv'), 'utf8');
    expect(text.startsWith(`\ufeff_wvx_row${delimiter}_wvx_key${delimiter}wolkvox-id${delimiter}field${delimiter}now${delimiter}to_send\r\n`)).toBe(true);
    // A key a spreadsheet would run as a formula gets an apostrophe; a plain number does not.
    expect(text).toContain(`2${delimiter}'=1+1${delimiter}c1`);
    expect(text).toContain(`4${delimiter}-5${delimiter}c3`);
    expect(text).toContain('"""línea 1\\nlínea 2"""');
    expect(await readPreview(dir)).toEqual({ lines: LINES, more: false });
  });

  it('leaves out the key column without match, and a file discarded is never half written', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'preview.csv');
    const writer = createPreviewWriter(file, { delimiter: ',', keyed: false });
    writer.write({ rowNumber: 2, id: 'c1', change: { field: 'Nombre', now: 'Ana', toSend: 'Ana María' } });
    writer.discard();
    expect(fs.readdirSync(dir)).toEqual([]);
    const kept = createPreviewWriter(file, { delimiter: ',', keyed: false });
    kept.write({ rowNumber: 2, id: 'c1', change: { field: 'Nombre', now: 'Ana', toSend: 'Ana María' } });
    kept.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('\ufeff_wvx_row,wolkvox-id,field,now,to_send\r\n2,c1,Nombre,"""Ana""","""Ana María"""\r\n');
    expect((await readPreview(dir)).lines).toEqual([{ rowNumber: 2, id: 'c1', change: { field: 'Nombre', now: 'Ana', toSend: 'Ana María' } }]);
  });
});
