import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, mockServer, runCli, tempDir, TOKEN } from '../helpers.js';

describe('every input ends in a result or an error that says what happened (issue 17, item 4)', () => {
  const shape = fixture('xlsx/large-strings-shape.xlsx');

  it('init on a workbook shaped like SheetJS large_strings.xlsx', async () => {
    const dir = tempDir();
    const result = await runCli(['init', shape, '--out', 'm.json'], { cwd: dir });
    expect(result.code).toBe(2);
    // Every sheet repeats each name on several columns: nothing a draft could name.
    expect(result.stderr).toMatch(/^Nothing to map: large-strings-shape\.xlsx \(sheet '[^']+', header in row 1\) has no column with a name of its own \('/);
    expect(fs.existsSync(path.join(dir, 'm.json'))).toBe(false);
  });

  it('validate on it', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify({ id: 'a', fields: { B: 'b' } }));
    const result = await runCli(['validate', shape, '-m', 'm.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^Bad header in row 1 of sheet 'Large Strings' of large-strings-shape\.xlsx: 'a' names 8 columns: A–H \(1–8\), and the mapping reads 'a' \(id\); 'b' names 4 columns: I–L \(9–12\), and the mapping reads 'b' \(fields\."B"\)\./,
    );
  });
});

describe('only the columns a mapping reads need distinct names (issue 17, item 5)', () => {
  const withMapping = (mapping: object) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify(mapping));
    return dir;
  };

  it('a trailing separator in the header: validate passes, and warns about column C', async () => {
    const dir = withMapping({ id: 'wolkvox-id', fields: { Nombre: 'Nombre' } });
    const result = await runCli(['validate', fixture('csv/trailing-separator.csv'), '-m', 'm.json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Ready: 3 rows can be sent.');
    expect(result.stdout).toContain("Warning: line 1 of trailing-separator.csv: column C (3) has no name; it is read as column 'C'. The mapping does not read it.");
  });

  it('a blank spacer column and a repeated name in a workbook: validate passes while the mapping reads neither', async () => {
    const dir = withMapping({ id: 'wolkvox-id', fields: { Nombre: 'Nombre', Ciudad: 'Ciudad' } });
    const result = await runCli(['validate', fixture('xlsx/spacer-column.xlsx'), '-m', 'm.json', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: true, rows: 2, valid: 2 });
    expect(report.warnings).toEqual([
      "row 1 of sheet 'Clientes' of spacer-column.xlsx: 'Nota' names 2 columns: E–F (5–6); they are read as columns 'E' and 'F'. The mapping does not read them.",
      "row 1 of sheet 'Clientes' of spacer-column.xlsx: column C (3) has no name; it is read as column 'C'. The mapping does not read it.",
    ]);
  });

  it('a repeated name the mapping reads is refused, naming its columns', async () => {
    const dir = withMapping({ id: 'wolkvox-id', fields: { Nota: 'Nota', Nombre: 'Nombre' } });
    const result = await runCli(['validate', fixture('xlsx/spacer-column.xlsx'), '-m', 'm.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "Bad header in row 1 of sheet 'Clientes' of spacer-column.xlsx: 'Nota' names 2 columns: E–F (5–6), and the mapping reads 'Nota' (fields.\"Nota\"). A column the mapping reads needs a name of its own: rename the columns named (or read one by its letter, such as \"E\"), then try again.\n",
    );
  });

  it('update sends a file whose header has an empty cell (id,,name) in a column the mapping does not read', async () => {
    const server = await mockServer();
    const dir = withMapping({ operation: 'op', module: 'contacts', id: 'wolkvox-id', fields: { Nombre: 'Nombre', Ciudad: 'Ciudad' } });
    const result = await runCli(['update', fixture('csv/empty-header.csv'), '-m', 'm.json', '--out', 'run', '--yes', '--json'], {
      cwd: dir,
      env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(server.ledger.map((entry) => entry.fields)).toEqual([
      { Nombre: 'María', Ciudad: 'Bogotá' },
      { Nombre: 'Andrés', Ciudad: 'Medellín' },
    ]);
  });
  it('update names a column it knows by its letter in the plan, as validate does, before anything is sent', async () => {
    const server = await mockServer();
    const dir = withMapping({ operation: 'op', module: 'contacts', id: 'wolkvox-id', fields: { Nombre: 'Nombre', Ciudad: 'Ciudad' } });
    const result = await runCli(['update', fixture('csv/empty-header.csv'), '-m', 'm.json', '--out', 'run', '--yes'], {
      cwd: dir,
      env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: [^\n]*empty-header\.csv[^\n]*: column C \(3\) has no name; it is read as column 'C'\. The mapping does not read it\./);
  });
});

describe('merged cells are never a silent clear (issue 17, item 1)', () => {
  it('update with "empty": "clear" sends the merged value for every row the range covers, and "" only where a cell is really empty', async () => {
    const server = await mockServer();
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'm.json'),
      JSON.stringify({ operation: 'op', module: 'contacts', headerRow: 2, id: 'wolkvox-id', empty: 'clear', fields: { Nombre: 'Nombre', Ciudad: 'Ciudad', Segmento: 'Segmento' } }),
    );
    const result = await runCli(['update', fixture('xlsx/merged.xlsx'), '-m', 'm.json', '--out', 'run', '--yes', '--json'], {
      cwd: dir,
      env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const sent = Object.fromEntries(server.ledger.map((entry) => [entry.id, entry.fields]));
    expect(sent).toEqual({
      '647f6ff1660dff48d803ffe6': { Nombre: 'María', Ciudad: 'Bogotá', Segmento: 'VIP' },
      '647f6ff1660dff48d803ffe7': { Nombre: 'Andrés', Ciudad: 'Bogotá', Segmento: 'VIP' },
      '647f6ff1660dff48d803ffe8': { Nombre: 'Lucía', Ciudad: 'Bogotá', Segmento: 'VIP' },
      '647f6ff1660dff48d803ffe9': { Nombre: 'Jorge', Ciudad: 'Cali', Segmento: 'VIP' },
      '647f6ff1660dff48d803ffea': { Nombre: 'Sofía', Ciudad: 'Cali', Segmento: '' },
      '647f6ff1660dff48d803ffeb': { Nombre: 'Tomás', Ciudad: '', Segmento: 'revisar' },
      '647f6ff1660dff48d803ffec': { Nombre: 'Elena', Ciudad: '', Segmento: 'revisar' },
    });
  });
});

describe('init on merged cells (issue 17, item 1)', () => {
  it('a title merged over row 1 is passed over; the header merged over two columns is left out of the draft', async () => {
    const dir = tempDir();
    const result = await runCli(['init', fixture('xlsx/merged.xlsx'), '--out', 'm.json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("(sheet 'Clientes', header in row 2)");
    expect(result.stdout).toContain("left out: 'Contacto' names 2 columns: E–F (5–6)");
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'm.json'), 'utf8'))).toMatchObject({ headerRow: 2, id: 'wolkvox-id', fields: { Nombre: 'Nombre', Ciudad: 'Ciudad', Segmento: 'Segmento' } });
  });
});

describe('time-only cells (issue 17, item 2)', () => {
  const project = (fields: object) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify({ operation: 'op', module: 'contacts', id: 'wolkvox-id', fields }));
    return dir;
  };

  it('a text field is sent the time as Excel shows it', async () => {
    const server = await mockServer();
    const dir = project({ Hora: 'Hora' });
    const result = await runCli(['update', fixture('xlsx/time-only.xlsx'), '-m', 'm.json', '--out', 'run', '--yes', '--json'], {
      cwd: dir,
      env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url },
    });
    expect(result.code).toBe(0);
    expect(server.ledger.map((entry) => entry.fields.Hora).sort()).toEqual(['12:00', '12:00', '12:00:30', '36:00', '6:00 PM', '8:30']);
  });

  it('a date-time field refuses a time of day with no date', async () => {
    const dir = project({ Hora: { column: 'Hora', type: 'datetime' }, Registrado: { column: 'Registrado', type: 'datetime' } });
    const result = await runCli(['validate', fixture('xlsx/time-only.xlsx'), '-m', 'm.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/Invalid\s+6/);
    expect(result.stdout).toContain("row 2, column Hora: '12:00' is a time of day with no date;");
  });
});

describe('values are sent as the cell holds them (issue 17, item 6)', () => {
  it('csv-spectrum newlines_crlf.csv: a CRLF inside a quoted cell arrives as CRLF', async () => {
    const server = await mockServer();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify({ operation: 'op', module: 'contacts', id: 'b', fields: { A: 'a', C: 'c' } }));
    const result = await runCli(['update', fixture('csv-spectrum/newlines_crlf.csv'), '-m', 'm.json', '--out', 'run', '--yes', '--json'], {
      cwd: dir,
      env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url },
    });
    expect(result.code).toBe(0);
    expect(Object.fromEntries(server.ledger.map((entry) => [entry.id, entry.fields]))).toEqual({
      '2': { A: '1', C: '3' },
      '5': { A: 'Once upon \r\na time', C: '6' },
      '8': { A: '7', C: '9' },
    });
  });
});

// Issue 17, item 7: a mutation audit planted bugs no test caught. Each file here is written by a program
// (fixtures/make_edge_cases.py) and read end to end; dropping the workbook's 1904 flag, or keeping a CSV's
// byte order mark, makes these fail.
describe('end to end: the 1904 date system and the byte order mark (issue 17, item 7)', () => {
  const send = async (file: string, mapping: object) => {
    const server = await mockServer();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify({ operation: 'op', module: 'contacts', id: 'wolkvox-id', ...mapping }));
    const result = await runCli(['update', file, '-m', 'm.json', '--out', 'run', '--yes', '--json'], { cwd: dir, env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return Object.fromEntries(server.ledger.map((entry) => [entry.id, entry.fields]));
  };

  it.each([
    ['xlsx/xlsxwriter-1904.xlsx', 'date1904="1"'],
    ['xlsx/date1904-true.xlsx', 'date1904="true"'],
  ])('%s (%s): dates are the days the workbook shows', async (name) => {
    const sent = await send(fixture(name), { fields: { Alta: { column: 'Alta', type: 'date' }, Registrado: { column: 'Registrado', type: 'datetime' } } });
    expect(sent).toEqual({
      '647f6ff1660dff48d803ffe6': { Alta: '2024-05-23', Registrado: '2024-05-23 08:30:15' },
      '647f6ff1660dff48d803ffe7': { Alta: '1904-01-02', Registrado: '2000-02-29 23:59:59' },
    });
  });

  it('csv/bom-quoted-header.csv: a byte order mark before a quoted first header leaves the name without quotes', async () => {
    const sent = await send(fixture('csv/bom-quoted-header.csv'), { fields: { Nombre: 'Nombre' } });
    expect(sent).toEqual({ '647f6ff1660dff48d803ffe6': { Nombre: 'María' }, '647f6ff1660dff48d803ffe7': { Nombre: 'Andrés' } });
  });

  it('csv/bom-sep.csv: a byte order mark before `sep=;` still names the delimiter', async () => {
    const sent = await send(fixture('csv/bom-sep.csv'), { fields: { Nombre: 'Nombre', Saldo: { column: 'Saldo', type: 'number', decimal: ',' } } });
    expect(sent).toEqual({ '647f6ff1660dff48d803ffe6': { Nombre: 'María', Saldo: 1500.5 }, '647f6ff1660dff48d803ffe7': { Nombre: 'Andrés', Saldo: 20 } });
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify({ id: 'wolkvox-id', fields: { Nombre: 'Nombre' } }));
    const validate = await runCli(['validate', fixture('csv/bom-sep.csv'), '-m', 'm.json'], { cwd: dir });
    expect(validate.stdout).toContain('bom-sep.csv (CSV, UTF-8 with BOM, semicolon-separated, header on line 2)');
  });
});
