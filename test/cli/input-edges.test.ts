import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from '../helpers.js';

describe('every input ends in a result or an error that says what happened (issue 17, item 4)', () => {
  const shape = fixture('xlsx/large-strings-shape.xlsx');

  it('init on a workbook shaped like SheetJS large_strings.xlsx', async () => {
    const dir = tempDir();
    const result = await runCli(['init', shape, '--out', 'm.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('large-strings-shape.xlsx');
  });

  it('validate on it', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify({ id: 'a', fields: { B: 'b' } }));
    const result = await runCli(['validate', shape, '-m', 'm.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('large-strings-shape.xlsx');
  });
});
