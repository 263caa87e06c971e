import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openInput } from '../../src/input/open.js';
import { indexWorkbook } from '../../src/input/workbook-index.js';
import { expectError, fixture, tempDir } from '../helpers.js';
import { isOpen } from './open-files.js';

// Issue 17, item 4: SheetJS's large_strings.xlsx ended `init` and `validate` with exit 13 and no word. A
// header error was thrown while the sheet's XML was still streaming; the open stream held the zip's file,
// so closing the workbook waited for an end that never came, and Node exited on the unsettled await.
// fixtures/xlsx/large-strings-shape.xlsx has the same shape, small enough to commit (see fixtures/README.md).
describe('a workbook is closed whatever is still being read (issue 17, item 4)', () => {
  it('close() resolves while a part is read halfway', { timeout: 10_000 }, async () => {
    const file = fixture('xlsx/large-strings-shape.xlsx');
    const workbook = await indexWorkbook(file);
    const stream = await workbook.sheets[0]!.part!.stream();
    const first = await stream[Symbol.asyncIterator]().next();
    expect(first.done).toBe(false);
    expect(isOpen(file)).toBe(true);
    await workbook.close();
    expect(isOpen(file)).toBe(false);
  });

  it('an error about the header row of a long sheet comes back, and the file is released', { timeout: 10_000 }, async () => {
    const dir = tempDir();
    const file = path.join(dir, 'largo.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Datos');
    // Row 1 has cells of spaces only: no name to read. Many long rows follow, so the sheet is still streaming.
    sheet.getRow(1).values = ['  ', ' ', '   '];
    // Numbers (not shared strings) make the sheet's own XML long and little compressible.
    for (let row = 2; row < 3000; row += 1) sheet.getRow(row).values = Array.from({ length: 12 }, (_, column) => ((row * 7919 + column * 104_729) % 1_000_003) / 7);
    await book.xlsx.writeFile(file);
    await expectError(openInput({ file }), { code: 'INPUT_EMPTY', message: /No header: row 1 of sheet 'Datos' of largo\.xlsx is empty/, file });
    expect(isOpen(file)).toBe(false);
  });
});
