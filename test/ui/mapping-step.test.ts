import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { mockServer } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { SAMPLE_CSV, SAMPLE_MAPPING } from './samples.js';

// Issue 20, "the mapping step does more of the work".

it('drafts each column’s type from its sample values: 150.000,00 a number with a decimal comma, 15/01/2023 a date DD/MM/YYYY, Sí/No yes/no, the rest text; the check accepts every row', async () => {
  const ui = await startUi();
  const file = path.join(ui.cwd, 'clientes.csv');
  // The sample's rows with a yes/no column of Spanish answers, and a column of mixed answers that stays text.
  const [header = '', ...lines] = new TextDecoder('windows-1252').decode(fs.readFileSync(SAMPLE_CSV)).trim().split('\r\n');
  fs.writeFileSync(file, [`${header};Moroso;Nota`, ...lines.map((line, index) => `${line};${['Sí', 'No', 'no', 'SI'][index % 4]};${['Sí', 'No', 'Tal vez'][index % 3]}`)].join('\r\n'));
  const { page } = await openBrowser('es-CO');
  const shot = screenshots('mapping-types');
  await page.goto(ui.url);
  await page.getByLabel('Archivo (CSV o Excel)').setInputFiles(file);
  await page.getByRole('button', { name: 'Siguiente: mapeo' }).click();
  const type = (column: string) => page.getByLabel(`Tipo de la columna ${column}`).inputValue();
  await expect.poll(() => type('Saldo')).toBe('number');
  expect(await page.getByLabel('Separador decimal de la columna Saldo').inputValue()).toBe(',');
  expect(await type('Alta')).toBe('date');
  expect(await page.getByLabel('Formato de fecha en el archivo de la columna Alta').inputValue()).toBe('DD/MM/YYYY');
  expect(await type('Moroso')).toBe('boolean');
  for (const column of ['Nombre', 'Correo', 'Celular', 'Estado', 'Nota']) expect(await type(column), column).toBe('string');
  await shot(page, 'mapping');
  await page.getByRole('button', { name: 'Siguiente: revisar cada fila' }).click();
  await page.getByText('Listo: se pueden enviar 24 filas.').waitFor();
  await shot(page, 'check');
  expect(await ui.stop()).toBe(0);
});

it('shows a loaded mapping’s value map, fixed value and template as such, edits each, and sends and saves what was edited', async () => {
  const ui = await startUi();
  const { page } = await openBrowser('es-CO');
  const shot = screenshots('mapping-values');
  await page.goto(ui.url);
  await page.getByLabel('Archivo (CSV o Excel)').setInputFiles(SAMPLE_CSV);
  await page.getByRole('button', { name: 'Siguiente: mapeo' }).click();
  await page.getByLabel('Cargar un archivo de mapeo').setInputFiles(SAMPLE_MAPPING);
  // Estado's A→Activo, I→Inactivo, shown as a value map (not as plain text), each pair editable.
  const from = (n: number) => page.getByLabel(`Valor ${n} en el archivo, columna Estado`);
  const to = (n: number) => page.getByLabel(`Se envía en lugar del valor ${n}, columna Estado`);
  await expect.poll(() => from(1).inputValue()).toBe('A');
  expect([await to(1).inputValue(), await from(2).inputValue(), await to(2).inputValue()]).toEqual(['Activo', 'I', 'Inactivo']);
  expect(await page.getByLabel('Plantilla del campo Nombre completo').inputValue()).toBe('{Nombre} {Apellido}');
  expect(await page.getByLabel('Valor fijo del campo Segmento').inputValue()).toBe('Campaña Q4');
  expect(await page.getByText('Otros campos del mapeo cargado').count()).toBe(0);
  await shot(page, 'loaded');

  await to(2).fill('Retirado');
  await page.getByRole('button', { name: 'Reemplazar otro valor' }).click();
  await from(3).fill('P');
  await to(3).fill('Pendiente');
  await page.getByLabel('Cualquier otro valor de la columna Estado').fill('Otro');
  await page.getByLabel('Valor fijo del campo Segmento').fill('Campaña Q1');
  await page.getByLabel('Plantilla del campo Nombre completo').fill('{Apellido}, {Nombre}');
  await page.getByRole('button', { name: 'Agregar un valor fijo' }).click();
  await page.getByLabel('Campo del CRM del valor fijo o plantilla 3').fill('Origen');
  await page.getByLabel('Valor fijo del campo Origen').fill('Importación');
  await page.getByRole('button', { name: 'Reemplazar valores de Ciudad…' }).click();
  await page.getByLabel('Valor 1 en el archivo, columna Ciudad').fill('Bogotá');
  await page.getByLabel('Se envía en lugar del valor 1, columna Ciudad').fill('Bogotá D.C.');
  await page.getByLabel('Cualquier otro valor de la columna Ciudad').fill('Fuera de Bogotá');
  await shot(page, 'edited');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descargar el mapeo (JSON)' }).click()]);
  const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  expect(saved.fields).toMatchObject({
    Estado: { column: 'Estado', map: { A: 'Activo', I: 'Retirado', P: 'Pendiente' }, default: 'Otro' },
    'Nombre completo': { template: '{Apellido}, {Nombre}' },
    Segmento: { value: 'Campaña Q1' },
    Origen: { value: 'Importación' },
    Ciudad: { column: 'Ciudad', map: { 'Bogotá': 'Bogotá D.C.' }, default: 'Fuera de Bogotá' },
  });

  await page.getByRole('button', { name: 'Siguiente: revisar cada fila' }).click();
  await page.getByText('Listo: se pueden enviar 24 filas.').waitFor();
  // The first row (Ana Gómez, Bogotá, state I) as it would be sent.
  const body = JSON.parse((await page.locator('pre').first().textContent()) ?? '{}');
  expect(body.fields).toMatchObject({ 'Nombre completo': 'Gómez, Ana', Estado: 'Retirado', Segmento: 'Campaña Q1', Origen: 'Importación', Ciudad: 'Bogotá D.C.' });
  await shot(page, 'check');
  expect(await ui.stop()).toBe(0);
});

it('reads the CRM’s field names from one record when asked, at the cost it states first, offers them for the field column, and flags “Emial” at the check (did you mean “Email”); an empty module is said to be so', async () => {
  const token = 'fields-token-20a1';
  const server = await mockServer({ tokens: [token], moduleRecords: { contacts: [{ wolkvox_id: 'c1', Nombre: 'antes', Email: 'a@x.co', Ciudad: 'Cali' }] } });
  const ui = await startUi({ env: { WOLKVOX_SERVER: server.url } });
  const file = path.join(ui.cwd, 'clientes.csv');
  fs.writeFileSync(file, 'id,Nombre,Correo\nc1,Ana,ana@x.co\n');
  const { page } = await openBrowser('es-CO');
  const shot = screenshots('mapping-crm-fields');
  await page.goto(ui.url);
  await page.getByLabel('Archivo (CSV o Excel)').setInputFiles(file);
  await page.getByRole('button', { name: 'Siguiente: mapeo' }).click();
  await page.getByText('Nombres de campo del CRM (opcional)').click();
  const read = (module: string) => page.getByRole('button', { name: `Leer los nombres de campo de ${module}` });
  // Nothing is read without the operation, the module and the token; the cost is said before.
  expect(await read('…').isDisabled()).toBe(true);
  await page.getByText('Para leerlos, escriba la operación y el módulo, e ingrese el token. La lectura cuesta 1 solicitud a la API.').waitFor();
  await page.getByLabel('Operación').fill('op');
  await page.getByLabel('Módulo').fill('contacts');
  await page.getByLabel('Token de wolkvox').fill(token);
  await page.getByRole('button', { name: 'Usar este token' }).click();
  await page.getByText('La lectura cuesta 1 solicitud a la API de la cuota diaria del token. No se cambia nada en el CRM.').waitFor();
  expect(server.stats.calls).toBe(0);
  await read('contacts').click();
  await page.getByText('Se leyó un registro de contacts (1 solicitud a la API): 3 nombres de campo, ofrecidos en la columna Campo del CRM: Nombre, Email, Ciudad.').waitFor();
  expect(server.stats.calls).toBe(1);
  expect(await page.locator('datalist#crm-fields option').evaluateAll((options) => options.map((option) => option.getAttribute('value')))).toEqual(['Nombre', 'Email', 'Ciudad']);
  const field = page.getByLabel('Campo del CRM para la columna Correo');
  expect(await field.getAttribute('list')).toBe('crm-fields');
  await field.fill('Emial');
  await shot(page, 'mapping');

  await page.getByRole('button', { name: 'Siguiente: revisar cada fila' }).click();
  const warnings = page.locator('.field-names li');
  await warnings.first().waitFor();
  expect(await warnings.allTextContents()).toEqual(['«Emial» no es un campo de los registros de contacts: ¿quiso decir «Email»? Un campo que el CRM no tiene no se actualizaría.']);
  await shot(page, 'check');
  await page.getByRole('button', { name: 'Corregirlo en el mapeo' }).click();
  await page.getByLabel('Campo del CRM para la columna Correo').fill('Email');
  await page.getByRole('button', { name: 'Siguiente: revisar cada fila' }).click();
  await page.getByText('Filas leídas').waitFor();
  expect(await page.locator('.field-names').count()).toBe(0);
  expect(server.stats.calls).toBe(1);

  await page.getByRole('navigation').getByRole('button', { name: '2 Mapeo' }).click();
  await page.getByLabel('Módulo').fill('vacio');
  await read('vacio').click();
  await page.getByText('vacio aún no tiene registros (1 solicitud a la API), así que no se pueden leer sus nombres de campo: la revisión no compara los nombres de campo con el CRM.').waitFor();
  expect(server.stats.calls).toBe(2);
  expect(await page.locator('datalist#crm-fields option').count()).toBe(0);
  await shot(page, 'empty-module');
  expect(await ui.stop()).toBe(0);
});
