import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers.js';

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
    expect(allowed.stdout).toContain('a1: line 2, line 3');
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

describe('wolkvox-bulk init', () => {
  it('drafts a mapping that validate accepts, and will not overwrite it', async () => {
    const dir = project('Nombre;wolkvox_id;Ciudad\nAna;64cb;Cali\n', {});
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

  it('writes the sheet and header row of a workbook', async () => {
    const dir = tempDir();
    const result = await runCli(['init', sample('clientes.xlsx'), '--header-row', '3', '--out', 'm.json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'm.json'), 'utf8'))).toMatchObject({ sheet: 'Clientes', headerRow: 3, id: 'wolkvox-id' });
  });
});
