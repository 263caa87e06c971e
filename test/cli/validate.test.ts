import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { fixture, ROOT, runCli, tempDir } from '../helpers.js';

const sample = (name: string) => path.join(ROOT, 'samples', name);

function project(csv: string, mapping: object) {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'datos.csv'), csv);
  fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify(mapping));
  return dir;
}

describe('wolkvox-bulk validate', () => {
  it('passes the bundled samples, describing what it read', async () => {
    const csv = await runCli(['validate', sample('clientes.csv'), '--mapping', sample('clientes.mapping.json')]);
    expect(csv.stderr).toBe('');
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('clientes.csv (CSV, Windows-1252, semicolon-separated, header on line 1)');
    expect(csv.stdout).toMatch(/Rows read\s+24/);
    expect(csv.stdout).toContain('"Nombre completo":"María José Peña"');
    expect(csv.stdout).toContain('Ready: 24 rows can be sent.');
    const xlsx = await runCli(['validate', sample('clientes.xlsx'), '-m', sample('clientes-xlsx.mapping.json'), '--preview', '1']);
    expect(xlsx.code).toBe(0);
    expect(xlsx.stdout).toContain("clientes.xlsx (sheet 'Clientes', header in row 3)");
    expect(xlsx.stdout).toContain('row 4: {"wolkvox-id":"3f2ef51ff01baeb64c5eb162"');
  });

  it('with "match": an empty key is an invalid row, keys repeated once normalised are duplicate keys (issue 19)', async () => {
    const dir = project('Correo,Nombre\nAna@Example.com,Ana\n,Beto\nana@example.COM,Ana B\n', {
      match: { column: 'Correo', field: 'email', compare: 'ignore-case' },
      fields: { Nombre: 'Nombre' },
    });
    const result = await runCli(['validate', 'datos.csv', '-m', 'm.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/Duplicate keys\s+1 \(on 2 rows\)/);
    expect(result.stdout).toContain('line 3, column Correo: the key is empty; every row needs the email of the record to update');
    expect(result.stdout).toContain('Duplicate keys (not allowed: choose --duplicates first, last or all):\n  ana@example.com: lines 2 and 4');
    expect(result.stdout).toContain('line 2: {"match":{"email":"ana@example.com"},"fields":{"Nombre":"Ana"}}');
    const chosen = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--duplicates', 'last'], { cwd: dir });
    expect(chosen.stdout).toContain('Duplicate keys (--duplicates last):');
  });

  it('lists invalid rows with line and column, and duplicate ids with their lines, then exits 2', async () => {
    const dir = project('id,Saldo,Alta\na1,100,2024-01-15\na2,1.500.000,2024-01-15\na1,5,31/02/2024\na3,7,2024-02-29\n', {
      id: 'id',
      fields: { Saldo: { column: 'Saldo', type: 'number' }, Alta: { column: 'Alta', type: 'date' } },
    });
    const result = await runCli(['validate', 'datos.csv', '-m', 'm.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/Invalid\s+2/);
    expect(result.stdout).toMatch(/line 3, column Saldo: .*1\.500\.000.*decimal/);
    expect(result.stdout).toMatch(/line 4, column Alta: .*31\/02\/2024/);
    expect(result.stdout).toContain('Not ready: 2 rows are invalid.');

    const duplicates = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--json'], { cwd: project('id,Saldo\na1,1\na2,2\na1,3\n', { id: 'id', fields: { Saldo: 'Saldo' } }) });
    expect(duplicates.code).toBe(2);
    const report = JSON.parse(duplicates.stdout);
    expect(report).toMatchObject({ ok: false, rows: 3, valid: 3, invalid: 0, duplicates: [{ id: 'a1', rows: [2, 4] }] });
    const allowed = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--duplicates', 'last'], { cwd: project('id,Saldo\na1,1\na1,3\n', { id: 'id', fields: { Saldo: 'Saldo' } }) });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('a1: lines 2 and 3');
  });

  it('reports mapping problems all at once, then missing columns with the file\'s columns and a suggestion', async () => {
    const shape = await runCli(['validate', 'datos.csv', '-m', 'm.json'], { cwd: project('Cédula,Correo\n1,a@b.co\n', { id: 'Cédula', fields: { Email: { colum: 'Correo' }, Tipo: { column: 'Correo', type: 'texto' } } }) });
    expect(shape.code).toBe(2);
    expect(shape.stdout).toBe('');
    expect(shape.stderr).toMatch(/m\.json has 3 problems/);
    expect(shape.stderr).toMatch(/fields\."Email"\.colum: unknown key; did you mean "column"\?/);
    expect(shape.stderr).toMatch(/fields\."Tipo"\.type/);
    const columns = await runCli(['validate', 'datos.csv', '-m', 'm.json'], { cwd: project('Cédula,Correo\n1,a@b.co\n', { id: 'Cedula', fields: { Email: 'Corre', Otro: 'Telefono' } }) });
    expect(columns.code).toBe(2);
    expect(columns.stderr).toMatch(/"Cedula" is not in datos\.csv; did you mean "Cédula"\?/);
    expect(columns.stderr).toMatch(/"Corre" is not in datos\.csv; did you mean "Correo"\?/);
    expect(columns.stderr).toMatch(/"Telefono" is not in datos\.csv/);
    expect(columns.stderr).toContain('The columns of datos.csv are: Cédula, Correo.');
  });

  it('names the flag in a usage error', async () => {
    const result = await runCli(['validate', 'x.csv', '-m', 'm.json', '--delimiter', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--delimiter must be one of , ; tab |, got 'x'");
  });
});

describe('wolkvox-bulk validate: a header that names columns twice (issue 10, item 18)', () => {
  it('groups one name repeated on 29 columns into one sentence with the column range', async () => {
    const dir = project(`id,${Array.from({ length: 29 }, () => 'asdf').join(',')}\n1,${'x,'.repeat(28)}x\n`, { id: 'id', fields: { A: 'asdf' } });
    const result = await runCli(['validate', 'datos.csv', '-m', 'm.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "Bad header in line 1 of datos.csv: 'asdf' names 29 columns: B–AD (2–30), and the mapping reads 'asdf' (fields.\"A\"). A column the mapping reads needs a name of its own: rename the columns named (or read one by its letter, such as \"B\"), then try again.\n",
    );
  });

  it('names the row of a workbook once ("Bad header in row 3 of sheet …")', async () => {
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Clientes');
    sheet.getRow(1).values = ['Clientes de noviembre'];
    sheet.getRow(3).values = ['id', 'Nombre', '', 'Nombre', 'Ciudad'];
    sheet.getRow(4).values = ['a1', 'Ana', 'x', 'Ana', 'Cali'];
    await workbook.xlsx.writeFile(path.join(dir, 'libro.xlsx'));
    // Issue 17, item 5: only a name the mapping reads must be a column's own.
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify({ headerRow: 3, id: 'id', fields: { Nombre: 'Nombre', Ciudad: 'Ciudad' } }));
    const result = await runCli(['validate', 'libro.xlsx', '-m', 'm.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Bad header in row 3 of sheet 'Clientes' of libro\.xlsx: 'Nombre' names 2 columns: B, D \(2, 4\), and the mapping reads 'Nombre' \(fields\."Nombre"\)\./);
  });
});

describe('wolkvox-bulk validate: files that are not text (issue 10, item 20)', () => {
  const wrong = (name: string) => fixture('wrong-type', name);
  const mapping = () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify({ id: 'id', fields: { Nombre: 'Nombre' } }));
    return path.join(dir, 'm.json');
  };

  it.each([
    ['image-named.csv', /^Not a spreadsheet: image-named\.csv seems to be a PNG image, not a CSV or Excel file\./],
    ['document-named.csv', /^Not a spreadsheet: document-named\.csv seems to be a PDF document, not a CSV or Excel file\./],
    ['garbage-named.csv', /^Not a spreadsheet: garbage-named\.csv seems to be binary data \(\d+ of its first 2048 bytes are control characters that text does not hold \(the first at byte \d+\)\)/],
  ])('%s: says what the file seems to be, and no "columns" or "Fix the mapping"', async (name, message) => {
    const result = await runCli(['validate', wrong(name), '-m', mapping()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/columns of|Fix the mapping/);
    expect(result.stderr.length).toBeLessThan(300);
  });

  it.each([
    ['utf16le-no-bom.csv', 'utf-16le'],
    ['utf16be-no-bom.csv', 'utf-16be'],
  ])('%s: suggests --encoding %s, and that flag reads it', async (name, encoding) => {
    const result = await runCli(['validate', wrong(name), '-m', mapping()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`looks like ${encoding.toUpperCase()} text without a byte order mark (every other byte is 0). Read it with --encoding ${encoding}`);
    expect(result.stderr).not.toContain('\u0000');
    const forced = await runCli(['validate', wrong(name), '-m', mapping(), '--encoding', encoding]);
    expect(forced.stderr).toBe('');
    expect(forced.stdout).toContain('Ready: 2 rows can be sent.');
  });

  it.each([
    ['ods-named.csv', /is an OpenDocument spreadsheet .*Save it as \.xlsx from the application \(File > Save As > Excel 2007-365 \(\.xlsx\)\)/],
    ['ods-named.xlsx', /is an OpenDocument spreadsheet .*Save it as \.xlsx from the application/],
    ['numbers-named.csv', /is an Apple Numbers spreadsheet\. Save it as \.xlsx from the application \(File > Export To > Excel\)/],
    ['sheet.numbers', /is an Apple Numbers spreadsheet\. Save it as \.xlsx from the application/],
  ])('%s: another application\'s spreadsheet is saved as .xlsx, not renamed', async (name, message) => {
    const result = await runCli(['validate', wrong(name), '-m', mapping()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/[Rr]ename it/);
  });
});

describe('wolkvox-bulk validate and update: cells that cannot be right (issue 10, item 21)', () => {
  const big = 'x'.repeat(1 << 20);
  const csv = `id,Nombre,Nota,Otra\na1,Ana\0Bel,ok,\na2,Beto,${big},\na3,Caro,ok,sin\0usar\na4,Dani,${'y'.repeat(32_767)},\n`;
  const mapping = { operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre', Nota: 'Nota' } };

  it('flags a NUL and a cell over 32,767 characters in a column the mapping sends, naming the column', async () => {
    const result = await runCli(['validate', 'datos.csv', '-m', 'm.json'], { cwd: project(csv, mapping) });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/Invalid\s+2\n/);
    expect(result.stdout).toContain('line 2, column Nombre: the cell holds a NUL character (code 0) at character 4');
    expect(result.stdout).toContain('line 3, column Nota: the cell has 1,048,576 characters, more than a spreadsheet cell holds (32,767)');
    // A column the mapping does not send is not checked; 32,767 characters exactly is fine.
    expect(result.stdout).not.toMatch(/line [45], column/);
    expect(result.stdout).toContain('Valid                      2');
  });

  it('stops update --dry-run before anything is sent, with the same reasons', async () => {
    const dir = project(csv, mapping);
    const result = await runCli(['update', 'datos.csv', '-m', 'm.json', '--dry-run', '--yes'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Invalid rows: 2 of 4 rows in datos\.csv cannot be sent\. Nothing was sent\./);
    expect(result.stderr).toContain('line 2, column Nombre: the cell holds a NUL character');
    expect(result.stderr).toContain('line 3, column Nota: the cell has 1,048,576 characters');
    expect(fs.existsSync(path.join(dir, 'wolkvox-runs'))).toBe(false);
  });
});

describe('wolkvox-bulk validate: every mapping mistake in one report (issue 10, item 22)', () => {
  it('reports a bad inputFormat and the column typos together, with the file\'s columns', async () => {
    const dir = project('Cédula,Correo,Alta\n1,a@b.co,15/01/2024\n', {
      id: 'Cedula',
      fields: { Email: 'Corre', Alta: { column: 'Alta', type: 'date', inputFormat: 'DD/MM/AAAA' }, Tipo: { column: 'Tipo', type: 'texto' } },
    });
    const result = await runCli(['validate', 'datos.csv', '-m', 'm.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Invalid mapping: m\.json has 5 problems:\n/);
    expect(result.stderr).toMatch(/ {2}id: column "Cedula" is not in datos\.csv; did you mean "Cédula"\?/);
    expect(result.stderr).toMatch(/ {2}fields\."Email": column "Corre" is not in datos\.csv; did you mean "Correo"\?/);
    expect(result.stderr).toMatch(/ {2}fields\."Tipo"\.column: column "Tipo" is not in datos\.csv/);
    expect(result.stderr).toMatch(/ {2}fields\."Alta"\.inputFormat: /);
    expect(result.stderr).toMatch(/ {2}fields\."Tipo"\.type: /);
    expect(result.stderr).toContain('The columns of datos.csv are: Cédula, Correo, Alta.');
    // update reports the same, in the same one round, before anything is sent.
    const update = await runCli(['update', 'datos.csv', '-m', 'm.json', '--dry-run'], { cwd: dir });
    expect(update.code).toBe(2);
    expect(update.stderr).toMatch(/^Invalid mapping: m\.json has 5 problems:\n/);
  });

  it('says when the columns wait for a reader setting to be fixed, or for the file to be readable', async () => {
    const bad = await runCli(['validate', 'datos.csv', '-m', 'm.json'], { cwd: project('id,A\n1,2\n', { headerRow: 'tres', id: 'id', fields: { A: 'B' } }) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/m\.json has 1 problem:\n {2}headerRow: /);
    expect(bad.stderr).toContain('The columns are checked against datos.csv once "headerRow" is fixed.');
    const overridden = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--header-row', '1'], { cwd: project('id,A\n1,2\n', { headerRow: 'tres', id: 'id', fields: { A: 'B' } }) });
    expect(overridden.stderr).toMatch(/has 2 problems:\n {2}fields\."A": column "B" is not in datos\.csv/);
    const missing = await runCli(['validate', 'otro.csv', '-m', 'm.json'], { cwd: project('id,A\n1,2\n', { id: 'id', fields: { A: { column: 'A', tipo: 'x' } } }) });
    expect(missing.stderr).toMatch(/tipo: unknown key[^\n]*\nThe columns could not be checked: Cannot read input: .*otro\.csv: it does not exist/);
  });
});

describe('wolkvox-bulk validate and update: a bounded list of duplicate ids (issue 10, item 17)', () => {
  // One id on 123 rows (as in a real workbook), then 40 ids on 2 rows each.
  const csv = `id,Nombre\n${Array.from({ length: 123 }, (_, n) => `a1,N${n}\n`).join('')}${Array.from({ length: 40 }, (_, n) => `b${n},x\nb${n},y\n`).join('')}`;
  const mapping = { operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre' } };
  const shortList = [
    '  a1: lines 2, 3, 4, 5, 6 and 118 more',
    '  b0: lines 125 and 126',
    '  b1: lines 127 and 128',
    '  b2: lines 129 and 130',
    '  b3: lines 131 and 132',
    '  … and 36 more ids on 72 rows',
  ];

  it('validate shows 5 ids with 5 lines each and counts for the rest, and points at --duplicates-file', async () => {
    const result = await runCli(['validate', 'datos.csv', '-m', 'm.json'], { cwd: project(csv, mapping) });
    expect(result.code).toBe(2);
    const listing = result.stdout.slice(result.stdout.indexOf('Duplicate ids ('), result.stdout.indexOf('First 3 bodies'));
    expect(listing).toBe(
      [
        'Duplicate ids (not allowed: choose --duplicates first, last or all):',
        ...shortList,
        '  All of them with every line: add --duplicates-file datos-duplicates.csv',
        '',
        '',
      ].join('\n'),
    );
  });

  it('validate --duplicates-file writes every id with all its lines, readable only by the user', async () => {
    const dir = project(csv, mapping);
    const result = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--duplicates-file', 'dup.csv'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('  All 41 ids with every line: written to dup.csv');
    const file = path.join(dir, 'dup.csv');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const lines = fs.readFileSync(file, 'utf8').split('\r\n');
    expect(lines[0]).toBe('\ufeffid,count,lines');
    expect(lines[1]).toBe(`a1,123,${Array.from({ length: 123 }, (_, n) => n + 2).join(' ')}`);
    expect(lines[41]).toBe('b39,2,203 204');
    expect(lines).toHaveLength(43);
  });

  it('--duplicates-file refuses a file that is there, the input and the mapping above all, and leaves it as it was (issue 17, item 1)', async () => {
    const dir = project(csv, mapping);
    fs.writeFileSync(path.join(dir, 'notas.csv'), 'mine\n');
    const before = Object.fromEntries(['datos.csv', 'm.json', 'notas.csv'].map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
    const said = { 'datos.csv': 'is the input of this command', 'm.json': 'is the mapping of this command', 'notas.csv': 'is already there' };
    for (const [target, why] of Object.entries(said)) {
      const result = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--duplicates-file', target], { cwd: dir });
      expect({ target, code: result.code, stdout: result.stdout }).toEqual({ target, code: 2, stdout: '' });
      expect(result.stderr).toContain(`Duplicates file exists: ${target} ${why}.`);
    }
    // --force overwrites a file of the user's, never the input or the mapping of the same command.
    for (const target of ['datos.csv', 'm.json']) {
      const result = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--duplicates-file', `./${target}`, '--force'], { cwd: dir });
      expect({ target, code: result.code }).toEqual({ target, code: 2 });
      expect(result.stderr).toContain(`./${target} is the ${target === 'm.json' ? 'mapping' : 'input'} of this command`);
    }
    for (const [name, text] of Object.entries(before)) expect(fs.readFileSync(path.join(dir, name), 'utf8'), name).toBe(text);
    const forced = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--duplicates-file', 'notas.csv', '--force'], { cwd: dir });
    expect(forced.code).toBe(2);
    expect(forced.stdout).toContain('written to notas.csv');
    expect(fs.readFileSync(path.join(dir, 'notas.csv'), 'utf8')).toMatch(/^\ufeffid,count,lines\r\n/);
  });

  it('update stops with the same short list and a validate command that writes the full one', async () => {
    const dir = project(csv, mapping);
    const result = await runCli(['update', 'datos.csv', '-m', 'm.json', '--dry-run', '--yes'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        'Duplicate ids: 41 ids of datos.csv are on more than one row. Nothing was sent.',
        ...shortList,
        'The full list, as a CSV file: wolkvox-bulk validate datos.csv -m m.json --duplicates-file datos-duplicates.csv',
        'Remove the extra rows, or choose with --duplicates first (send the first), last (send the last) or all (send each, in file order).',
        '',
      ].join('\n'),
    );
    const command = /wolkvox-bulk (validate .*)$/m.exec(result.stderr)?.[1]?.split(' ') ?? [];
    const listed = await runCli(command, { cwd: dir });
    expect(listed.code).toBe(2);
    expect(fs.readFileSync(path.join(dir, 'datos-duplicates.csv'), 'utf8').split('\r\n')).toHaveLength(43);
  });
});

