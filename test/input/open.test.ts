import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openInput } from '../../src/input/open.js';
import { fixture } from '../helpers.js';

const openFiles = () => fs.readdirSync('/proc/self/fd').length;

describe('openInput releases the file', () => {
  it.each([
    ['csv/utf8-bom-comma.csv', {}],
    ['xlsx/openpyxl-clientes.xlsx', { headerRow: 3 }],
    ['xlsx/xlsxwriter-tipos.xlsx', {}],
  ])('%s: after an early break, a return() before reading, and a full read', async (name, options) => {
    const before = openFiles();
    for (let round = 0; round < 10; round += 1) {
      const early = await openInput({ file: fixture(name), ...options });
      for await (const _row of early.rows) break;
      const unread = await openInput({ file: fixture(name), ...options });
      await unread.rows.return?.(undefined);
      const full = await openInput({ file: fixture(name), ...options });
      for await (const _row of full.rows) {
        // read everything
      }
    }
    expect(openFiles()).toBe(before);
  });

  it('after a header error', async () => {
    const before = openFiles();
    for (let round = 0; round < 10; round += 1) {
      await expect(openInput({ file: fixture('csv/header-only.csv'), headerRow: 2 })).rejects.toThrow(/Empty file/);
      await expect(openInput({ file: fixture('xlsx/openpyxl-clientes.xlsx'), sheet: 'Ventas' })).rejects.toThrow(/Missing sheet/);
    }
    expect(openFiles()).toBe(before);
  });
});
