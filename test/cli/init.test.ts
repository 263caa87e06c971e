import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { fixture, ROOT, runCli, tempDir } from '../helpers.js';

const sample = (name: string) => path.join(ROOT, 'samples', name);

function project(csv: string) {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'datos.csv'), csv);
  return dir;
}

describe('wolkvox-bulk init', () => {
  it('drafts a mapping that validate accepts, and will not overwrite it', async () => {
    const dir = project('Nombre;wolkvox_id;Ciudad\nAna;64cb;Cali\n');
    const first = await runCli(['init', 'datos.csv'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("id: column 'wolkvox_id'");
    const mapping = JSON.parse(fs.readFileSync(path.join(dir, 'datos.mapping.json'), 'utf8'));
    expect(mapping).toMatchObject({ id: 'wolkvox_id', delimiter: ';', encoding: 'utf-8', fields: { Nombre: 'Nombre', Ciudad: 'Ciudad' } });
    const validate = await runCli(['validate', 'datos.csv', '-m', 'datos.mapping.json'], { cwd: dir });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('{"wolkvox-id":"64cb","fields":{"Nombre":"Ana","Ciudad":"Cali"}}');
    const again = await runCli(['init', 'datos.csv'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('datos.mapping.json is already there');
  });

  it('proposes "match" when no column holds ids but one holds a document number (issue 19), and validate reads the keys', async () => {
    const dir = project('Nombre;Cédula;Ciudad\nAna;1.234.567;Cali\nBeto;89 012;Pasto\n');
    const result = await runCli(['init', 'datos.csv'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("match: no column holds wolkvox ids, so each row finds its record by column 'Cédula' in the CRM field 'Cédula' (compared as \"document\")");
    const mapping = JSON.parse(fs.readFileSync(path.join(dir, 'datos.mapping.json'), 'utf8'));
    expect(mapping).toMatchObject({ match: { column: 'Cédula', field: 'Cédula', compare: 'document' }, fields: { Nombre: 'Nombre', Ciudad: 'Ciudad' } });
    expect(mapping).not.toHaveProperty('id');
    const validate = await runCli(['validate', 'datos.csv', '-m', 'datos.mapping.json'], { cwd: dir });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('line 2: {"match":{"Cédula":"1234567"},"fields":{"Nombre":"Ana","Ciudad":"Cali"}}');
  });

  it('writes the sheet and header row of a workbook', async () => {
    const dir = tempDir();
    const result = await runCli(['init', sample('clientes.xlsx'), '--header-row', '3', '--out', 'm.json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'm.json'), 'utf8'))).toMatchObject({ sheet: 'Clientes', headerRow: 3, id: 'wolkvox-id' });
  });
});

describe('wolkvox-bulk init reads each column\'s type from its values (issue 20)', () => {
  it('samples/clientes.csv: 150.000,00 a number with a decimal comma, 15/01/2023 a date DD/MM/YYYY, said in the language asked; validate accepts every row', async () => {
    const dir = tempDir();
    const result = await runCli(['init', sample('clientes.csv'), '--out', 'm.json', '--lang', 'es'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('  tipos, leídos de las primeras 24 filas: Saldo número (separador decimal ","), Alta fecha (DD/MM/YYYY); el resto, texto');
    const mapping = JSON.parse(fs.readFileSync(path.join(dir, 'm.json'), 'utf8'));
    expect(mapping.fields).toMatchObject({ Saldo: { column: 'Saldo', type: 'number', decimal: ',' }, Alta: { column: 'Alta', type: 'date', inputFormat: 'DD/MM/YYYY' }, Celular: 'Celular' });
    const validate = await runCli(['validate', sample('clientes.csv'), '-m', 'm.json', '--preview', '1'], { cwd: dir });
    expect(validate.stdout).toMatch(/Invalid\s+0/);
    expect(validate.stdout).toContain('"Saldo":150000,"Alta":"2023-01-15"');
  });
});

describe('wolkvox-bulk init finds the table (issue 10, item 19)', () => {
  const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

  it.each([
    ['samples/clientes.xlsx', sample('clientes.xlsx'), ['Nombre', 'Ciudad', 'Celular']],
    ['fixtures/xlsx/openpyxl-clientes.xlsx', fixture('xlsx/openpyxl-clientes.xlsx'), ['Cédula', 'Nombre']],
  ])('%s: skips the title rows to the header in row 3, says so and how to override, and validate accepts the draft', async (_name, file, someFields) => {
    const dir = tempDir();
    const result = await runCli(['init', file, '--out', 'm.json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("(sheet 'Clientes', header in row 3)");
    expect(result.stdout).toContain('the column names in row 3 (the rows above look like titles); if that is wrong, run wolkvox-bulk init');
    expect(result.stdout).toContain('--sheet NAME --header-row N');
    const mapping = readJson(path.join(dir, 'm.json'));
    expect(mapping).toMatchObject({ sheet: 'Clientes', headerRow: 3, id: 'wolkvox-id' });
    for (const field of someFields) expect(mapping.fields[field]).toBe(field);
    const validate = await runCli(['validate', file, '-m', 'm.json', '--preview', '0'], { cwd: dir });
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toMatch(/Rows read\s+\d+/);
  });

  it('passes over a first sheet of instructions to the sheet with the table', async () => {
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const notes = workbook.addWorksheet('Léame');
    for (const [index, text] of ['Instrucciones', 'Llene una fila por cliente.', 'No cambie los nombres de las columnas.'].entries()) notes.getCell(index + 1, 1).value = text;
    const data = workbook.addWorksheet('Datos');
    data.getCell('A1').value = 'Actualización de clientes';
    data.getRow(4).values = ['wolkvox-id', 'Nombre', 'Ciudad'];
    data.getRow(5).values = ['64cb0001', 'Ana', 'Cali'];
    data.getRow(6).values = ['64cb0002', 'Beto', 'Lima'];
    await workbook.xlsx.writeFile(path.join(dir, 'libro.xlsx'));
    const result = await runCli(['init', 'libro.xlsx'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("found: the table in sheet 'Datos' ('Léame' has none), the column names in row 4");
    expect(readJson(path.join(dir, 'libro.mapping.json'))).toMatchObject({ sheet: 'Datos', headerRow: 4, id: 'wolkvox-id', fields: { Nombre: 'Nombre', Ciudad: 'Ciudad' } });
  });

  it('skips title lines above a CSV header', async () => {
    const dir = project('Reporte de clientes, noviembre\nGenerado el 15/11/2024\n\nwolkvox-id;Nombre;Ciudad\n64cb;Ana;Cali\n');
    const result = await runCli(['init', 'datos.csv'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('found: the column names in line 4 (the lines above look like titles)');
    expect(readJson(path.join(dir, 'datos.mapping.json'))).toMatchObject({ headerRow: 4, delimiter: ';', id: 'wolkvox-id', fields: { Nombre: 'Nombre' } });
    const validate = await runCli(['validate', 'datos.csv', '-m', 'datos.mapping.json'], { cwd: dir });
    expect(validate.stdout).toContain('{"wolkvox-id":"64cb","fields":{"Nombre":"Ana","Ciudad":"Cali"}}');
  });

  it.each([
    ['a header row given that holds only a title', ['init', sample('clientes.xlsx'), '--header-row', '1'], /^Nothing to map: clientes\.xlsx \(sheet 'Clientes', header in row 1\) has one column name \('Clientes a actualizar – campaña Q4'\); a mapping needs the id column and at least one field\. No mapping was written\. If the column names are in another sheet or row, run wolkvox-bulk init .* --sheet NAME --header-row N\.\n$/],
    ['a CSV with one column', ['init', 'datos.csv'], /^Nothing to map: datos\.csv \(CSV, UTF-8, comma-separated, header on line 1\) has one column name \('wolkvox-id'\)/],
  ])('refuses to write a mapping validate would reject: %s', async (_name, args, message) => {
    const dir = project('wolkvox-id\n64cb\n');
    const result = await runCli(args, { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(fs.readdirSync(dir)).toEqual(['datos.csv']);
  });
});
