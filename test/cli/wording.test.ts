import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.js';
import { readResults } from '../run/fixtures.js';

function project(csv: string, mapping: object) {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'datos.csv'), csv);
  fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify({ operation: 'op', module: 'contacts', ...mapping }));
  return dir;
}

// One row without its id, one with a Saldo that is not a number, one line short of a field, one valid.
const CSV = 'id,Saldo,Ciudad\nr1,100,Cali\n,200,Cali\nr3,abc,Cali\nr4,5\n';
const MAPPING = { id: 'id', fields: { Saldo: { column: 'Saldo', type: 'number' }, Ciudad: 'Ciudad' } };

describe('words that say what they mean (issue 17, item 5)', () => {
  it('validate: a row\'s place is said once, "1 row is invalid. Fix it", "First body as it would be sent"', async () => {
    const result = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--preview', '1'], { cwd: project(CSV, MAPPING) });
    expect(result.code).toBe(2);
    const problems = result.stdout.slice(result.stdout.indexOf('Invalid rows'), result.stdout.indexOf('First'));
    expect(problems.split('\n').filter((line) => line !== '')).toEqual([
      'Invalid rows (3 problems):',
      "  line 3, column id: the cell in column 'id' is empty; every row needs the wolkvox id of the record to update",
      "  line 4, column Saldo: 'abc' is not a number: remove currency signs, letters and % from the cells",
      '  line 5: 2 fields where the header has 3: a value or a delimiter is missing',
    ]);
    expect(result.stdout).toContain('\nFirst body as it would be sent:\n  line 2: {');
    expect(result.stdout).toContain('Not ready: 3 rows are invalid. Fix them in the file');

    const one = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--preview', '2'], { cwd: project('id,Saldo,Ciudad\nr1,1,Cali\n,2,Cali\nr3,3,Cali\n', MAPPING) });
    expect(one.stdout).toContain('Not ready: 1 row is invalid. Fix it in the file or the mapping and validate again');
    expect(one.stdout).toContain('\nFirst 2 bodies as they would be sent:\n');
  });

  it('update: the same places in its refusal and in results.csv, "Fix it", "the 1 valid row", "First body exactly as it would be sent"', async () => {
    const dir = project('id,Saldo,Ciudad\nr1,1,Cali\n,2,Cali\n', MAPPING);
    const refused = await runCli(['update', 'datos.csv', '-m', 'm.json', '--dry-run'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("  line 3, column id: the cell in column 'id' is empty; every row needs the wolkvox id of the record to update\n");
    expect(refused.stderr).toContain('Fix it and run again, or add --skip-invalid to send the 1 valid row.');

    const dry = await runCli(['update', 'datos.csv', '-m', 'm.json', '--dry-run', '--skip-invalid', '--out', 'run'], { cwd: dir });
    expect(dry.code, dry.stderr).toBe(1);
    expect(dry.stdout).toContain('\nFirst body exactly as it would be sent:\n');
    expect(dry.stdout).toContain("column id: the cell in column 'id' is empty; every row needs the wolkvox id of the record to update (e.g. row 3)");
    expect(readResults(path.join(dir, 'run')).map((row) => row._wvx_message)).toEqual(['', "column id: the cell in column 'id' is empty; every row needs the wolkvox id of the record to update"]);
  });

  it('a field sent under another name keeps it; a template id says "id"', async () => {
    const dir = project('Doc,Valor\n,x\n', { id: { template: '{Doc}' }, fields: { 'Saldo total': { column: 'Valor', type: 'number' } } });
    const result = await runCli(['validate', 'datos.csv', '-m', 'm.json'], { cwd: dir });
    expect(result.stdout).toContain("  line 2, column Valor: Saldo total: 'x' is not a number");
    expect(result.stdout).toMatch(/ {2}line 2: id: the template \{Doc\} is empty/);
  });

  it.each([
    ['update', '--batch', 'abc', 'a whole number of records per call from 1 to 1000'],
    ['update', '--concurrency', 'abc', 'a whole number of calls in flight from 1 to 64'],
    ['update', '--rate', '', 'a number of calls per second from 0.01 up'],
    ['update', '--limit', '1x', 'a whole number of rows from 1 up'],
    ['update', '--header-row', 'abc', 'a whole number from 1 up'],
    ['validate', '--preview', 'abc', 'a whole number of bodies from 0 up'],
    ['validate', '--header-row', '0', 'a whole number from 1 up'],
  ])('%s %s %j names what was typed', async (command, flag, typed, expected) => {
    for (const args of [[flag, typed], [`${flag}=${typed}`]]) {
      const result = await runCli([command, 'datos.csv', '-m', 'm.json', ...args, '--dry-run'].filter((arg) => command === 'update' || arg !== '--dry-run'), { cwd: project(CSV, MAPPING) });
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      // As a shell would take it back: bare when it is one plain word, quoted otherwise.
      const shown = /^[\w.+-]+$/.test(typed) ? typed : JSON.stringify(typed);
      expect(result.stderr).toContain(`Usage error: ${flag} ${shown}: expected ${expected}.`);
      expect(result.stderr).not.toContain('NaN');
    }
  });
});

describe('a number flag given no value', () => {
  it.each([
    ['update', '--batch'],
    ['update', '--concurrency'],
    ['update', '--max-calls'],
    ['validate', '--preview'],
  ])('%s %s at the end or before another flag is refused, naming the flag, not ignored', async (command, flag) => {
    for (const args of [[flag], [flag, '--yes']]) {
      const result = await runCli([command, 'datos.csv', '-m', 'm.json', ...(command === 'update' ? ['--dry-run'] : []), ...args], { cwd: project(CSV, MAPPING) });
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toContain(`Usage error: ${flag} needs a value`);
    }
  });
});
