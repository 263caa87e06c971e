import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mockServer, runCli, tempDir, TOKEN } from '../helpers.js';

// validate --lang es (issue 20): the rows' problems, the counts, the preview and the verdict said in Spanish;
// the same run without --lang stays English, and --json keeps the English with each problem's code.

const LONG = 'x'.repeat(40_000);

function project(mapping: object) {
  const dir = tempDir();
  const rows = [
    'Cédula,Nombre,Saldo,Fecha,Estado',
    'a1,Ana,1500,15/01/2024,A',
    'a2,Beto,abc,15/01/2024,A',
    'a3,Caro,10,31/02/2024,I',
    ',Dani,20,15/01/2024,A',
    'a5,Eva,30,15/01/2024,Z',
    `a6,${LONG},40,15/01/2024,A`,
  ];
  fs.writeFileSync(path.join(dir, 'datos.csv'), `${rows.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify(mapping));
  return dir;
}

const MAPPING = {
  id: 'Cédula',
  fields: {
    Nombre: 'Nombre',
    Saldo: { column: 'Saldo', type: 'number' },
    'Fecha de pago': { column: 'Fecha', type: 'date', inputFormat: 'DD/MM/YYYY' },
    Estado: { column: 'Estado', map: { A: 'Activo', I: 'Inactivo' } },
  },
};

// Words of English sentences; the Spanish output holds none once the bodies (data, as sent) are left out.
const ENGLISH = /\b(the|is|are|not|of|and|with|has|must|row|rows|line|column|Invalid|Ready|Warning|Fix|missing)\b/;
const withoutBodies = (text: string) => text.replace(/^ {2}línea \d+: \{.*\}$/gm, '');

// Every line the English run says (but blank ones) is absent from the Spanish run.
function expectNoEnglishLine(spanish: string, english: string) {
  const lines = english.split('\n').filter((line) => line.trim() !== '');
  expect(lines.length).toBeGreaterThan(3);
  for (const line of lines) expect(spanish, line).not.toContain(line);
}

describe('validate --lang es (issue 20)', () => {
  it("says a file's bad rows, its counts, its preview and its verdict in Spanish; English without --lang", async () => {
    const dir = project(MAPPING);
    const spanish = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--lang', 'es'], { cwd: dir });
    expect(spanish.code).toBe(2);
    expect(spanish.stderr).toBe('');
    const out = spanish.stdout;
    expect(out).toContain('datos.csv (CSV, UTF-8, separado por comas, encabezado en la línea 1)');
    expect(out).toMatch(/\n {2}Filas leídas +6\n {2}Válidas +1\n {2}No válidas +5\n {2}Nada que enviar +0\n {2}Ids repetidos +0\n/);
    expect(out).toContain('Filas no válidas (5 problemas):');
    expect(out).toContain("  línea 3, columna Saldo: 'abc' no es un número: quite de las celdas los signos de moneda, las letras y el %\n");
    expect(out).toContain("  línea 4, columna Fecha: Fecha de pago: '31/02/2024' no es una fecha que exista (DD/MM/YYYY)\n");
    expect(out).toContain("  línea 5, columna Cédula: la celda de la columna 'Cédula' está vacía; cada fila necesita el id de wolkvox del registro a actualizar\n");
    expect(out).toContain(`  línea 6, columna Estado: 'Z' no está entre los valores a reemplazar (A, I); agréguelo a "map" o indique un "default"\n`);
    expect(out).toContain('  línea 7, columna Nombre: la celda tiene 40.000 caracteres, más de los que caben en una celda de hoja de cálculo (32.767)');
    expect(out).toContain('Primer registro como se enviaría:\n  línea 2: {"wolkvox-id":"a1","fields":{"Nombre":"Ana","Saldo":1500,"Fecha de pago":"2024-01-15","Estado":"Activo"}}');
    expect(out).toContain('No está listo: 5 filas no son válidas. Corríjalas en el archivo o en el mapeo y valide de nuevo (o envíe las demás con update --skip-invalid).');
    expect(withoutBodies(out)).not.toMatch(ENGLISH);

    const english = await runCli(['validate', 'datos.csv', '-m', 'm.json'], { cwd: dir });
    expect(english.code).toBe(2);
    expect(english.stdout).toContain("  line 3, column Saldo: 'abc' is not a number: remove currency signs, letters and % from the cells\n");
    expect(english.stdout).toContain("  line 4, column Fecha: Fecha de pago: '31/02/2024' is not a real date (DD/MM/YYYY)\n");
    expect(english.stdout).toContain('Not ready: 5 rows are invalid. Fix them in the file or the mapping and validate again (or send the rest with update --skip-invalid).');
    expectNoEnglishLine(out, english.stdout);
  });

  it('--json --lang es keeps the English of each problem, with its message code and parameters', async () => {
    const dir = project(MAPPING);
    const result = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--lang', 'es', '--json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as { ok: boolean; problems: { rowNumber: number; column?: string; message: string; said?: { code: string; params: unknown } }[] };
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toEqual({ rowNumber: 3, column: 'Saldo', field: 'Saldo', message: "'abc' is not a number: remove currency signs, letters and % from the cells", said: { code: 'value.number-symbols', params: { text: 'abc' } } });
    expect(report.problems.map((problem) => problem.said?.code)).toEqual(['value.number-symbols', 'row.in-field', 'row.id-empty', 'value.not-in-map', 'row.too-long']);
  });

  it('says a bad mapping in Spanish: each problem at its place, the columns of the file and what to do', async () => {
    const dir = project({
      id: 'Cédula',
      fields: {
        Saldo: { column: 'Sald', type: 'numero' },
        'Fecha de pago': { column: 'Fecha', type: 'date', inputFormat: 'DD/MM/YY' },
        Nombre: { column: 'Nombre', case: 'Lower' },
      },
    });
    const spanish = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--lang', 'es'], { cwd: dir });
    expect(spanish.code).toBe(2);
    expect(spanish.stderr).toBe(
      [
        'Mapeo no válido: m.json tiene 4 problemas:',
        '  fields."Saldo".column: la columna "Sald" no está en datos.csv; ¿quiso decir "Saldo"?',
        '  fields."Saldo".type: tipo desconocido "numero" (texto); ¿quiso decir "number"? (tipos: string, number, integer, boolean, date, datetime, address, table, search, currency, telephone, json)',
        '  fields."Fecha de pago".inputFormat: "YY" no es una parte de fecha conocida; ¿quiso decir "YYYY"? (partes: YYYY MM M DD D HH H mm ss; escriba otras letras entre [corchetes])',
        '  fields."Nombre".case: debe ser "lower" o "upper", y es "Lower" (texto); ¿quiso decir "lower"?',
        'Las columnas de datos.csv son: Cédula, Nombre, Saldo, Fecha, Estado.',
        'Corrija el mapeo y ejecute de nuevo wolkvox-bulk validate.',
        '',
      ].join('\n'),
    );
    const english = await runCli(['validate', 'datos.csv', '-m', 'm.json'], { cwd: dir });
    expect(english.stderr).toContain('Invalid mapping: m.json has 4 problems:\n  fields."Saldo".column: column "Sald" is not in datos.csv; did you mean "Saldo"?');
    expectNoEnglishLine(spanish.stderr, english.stderr);
  });

  it('says a short line and repeated ids in Spanish, in validate and in the refusal of update', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'datos.csv'), 'Cédula,Nombre\na1,Ana\na1,Ana B\na2\na3,Caro\n');
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify({ operation: 'op', module: 'contacts', id: 'Cédula', fields: { Nombre: 'Nombre' } }));
    const spanish = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--lang', 'es'], { cwd: dir });
    expect(spanish.stdout).toContain('  línea 4: 1 campo donde el encabezado tiene 2: falta un valor o un separador\n');
    expect(spanish.stdout).toMatch(/\n {2}Ids repetidos +1 \(en 2 filas\)\n/);
    expect(spanish.stdout).toContain('Ids repetidos (no se permiten: elija --duplicates first, last o all):\n  a1: líneas 2 y 3\n');
    expect(withoutBodies(spanish.stdout)).not.toMatch(ENGLISH);
    const english = await runCli(['validate', 'datos.csv', '-m', 'm.json'], { cwd: dir });
    expect(english.stdout).toContain('  line 4: 1 field where the header has 2: a value or a delimiter is missing\n');
    expectNoEnglishLine(spanish.stdout, english.stdout);

    const server = await mockServer();
    const env = { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url };
    const invalid = await runCli(['update', 'datos.csv', '-m', 'm.json', '--out', 'run', '--lang', 'es'], { cwd: dir, env });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(
      [
        'Filas no válidas: 1 de 4 filas de datos.csv no se pueden enviar. No se envió nada.',
        '  línea 4: 1 campo donde el encabezado tiene 2: falta un valor o un separador',
        'Corríjala y ejecute de nuevo, o agregue --skip-invalid para enviar las 3 filas válidas.',
      ].join('\n'),
    );
    const repeated = await runCli(['update', 'datos.csv', '-m', 'm.json', '--out', 'run2', '--skip-invalid', '--lang', 'es'], { cwd: dir, env });
    expect(repeated.code).toBe(2);
    expect(repeated.stderr).toContain('Ids repetidos: 1 id de datos.csv está en más de una fila. No se envió nada.\n  a1: líneas 2 y 3\n');
    expect(server.stats.calls).toBe(0);
  });

  it("says a workbook's formula with no saved result in Spanish", async () => {
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Clientes');
    sheet.addRow(['Cédula', 'Saldo']);
    sheet.addRow(['a1', 10]);
    sheet.addRow(['a2', { formula: 'B2*2' }]);
    await workbook.xlsx.writeFile(path.join(dir, 'datos.xlsx'));
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify({ id: 'Cédula', fields: { Saldo: { column: 'Saldo', type: 'number' } } }));
    const spanish = await runCli(['validate', 'datos.xlsx', '-m', 'm.json', '--lang', 'es'], { cwd: dir });
    expect(spanish.stdout).toContain("datos.xlsx (hoja 'Clientes', encabezado en la fila 1)");
    expect(spanish.stdout).toContain('  fila 3: celda B3 (Saldo): fórmula sin resultado guardado; abra el archivo en Excel o LibreOffice y guárdelo de nuevo\n');
    const english = await runCli(['validate', 'datos.xlsx', '-m', 'm.json'], { cwd: dir });
    expect(english.stdout).toContain('  row 3: cell B3 (Saldo): formula without a saved result; open the file in Excel or LibreOffice and save it again\n');
    expectNoEnglishLine(spanish.stdout, english.stdout);
  });

  it('says a header column with no name, which the mapping does not read, in Spanish', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'datos.csv'), 'Cédula,Nombre,,Ciudad\na1,Ana,x,Cali\n');
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify({ id: 'Cédula', fields: { Nombre: 'Nombre' } }));
    const spanish = await runCli(['validate', 'datos.csv', '-m', 'm.json', '--lang', 'es'], { cwd: dir });
    expect(spanish.code).toBe(0);
    expect(spanish.stdout).toContain("Aviso: línea 1 de datos.csv: la columna C (3) no tiene nombre; se lee como la columna 'C'. El mapeo no la lee.\n");
    expect(spanish.stdout).toContain('Listo: se puede enviar 1 fila.');
    expect(withoutBodies(spanish.stdout)).not.toMatch(ENGLISH);
    const english = await runCli(['validate', 'datos.csv', '-m', 'm.json'], { cwd: dir });
    expect(english.stdout).toContain("Warning: line 1 of datos.csv: column C (3) has no name; it is read as column 'C'. The mapping does not read it.\n");
    expectNoEnglishLine(spanish.stdout, english.stdout);
  });
});
