import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { mockServer } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { checkInSpanish, countsOf } from './steps.js';

const TOKEN = 'lookup-token-19e8';

// Issue 19: a search field's linked record found by name, shown as a `match` mapping's keys are.
it('shows a search field’s lookup by name at the check, in the question and in Results (names found, the rows whose name is on no record or several, each with why), and offers no retry for them', async () => {
  const server = await mockServer({
    tokens: [TOKEN],
    moduleRecords: {
      contacts: ['c1', 'c2', 'c3', 'c4'].map((id) => ({ wolkvox_id: id, Nombre: 'antes' })),
      empresas: [{ wolkvox_id: 'e1', nombre: 'Acme' }, { wolkvox_id: 'e2', nombre: 'Globex' }, { wolkvox_id: 'e3', nombre: 'Initech' }, { wolkvox_id: 'e4', nombre: 'Initech' }],
    },
  });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url } });
  const file = path.join(ui.cwd, 'clientes.csv');
  fs.writeFileSync(file, 'id,Nombre,Empresa\nc1,Ana,Acme\nc2,Beto,Nadie\nc3,Carla,Initech\nc4,Dora,Globex\n');
  const mapping = path.join(ui.cwd, 'empresas.json');
  fs.writeFileSync(mapping, JSON.stringify({ operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre', Empresa: { column: 'Empresa', type: 'search', lookup: { module: 'empresas', field: 'nombre' } } } }));
  const { page } = await openBrowser('es-CO');
  const shot = screenshots('lookup');
  await checkInSpanish(page, ui.url, file, mapping, () => page.getByLabel('Tipo de la columna Empresa').inputValue(), 'search');
  await page.getByText('Listo: se pueden enviar 4 filas.').waitFor();
  expect(await page.locator('.lookup-cost [data-lookup="Empresa"]').textContent()).toBe(
    'El campo Empresa busca el registro enlazado por su nombre en el campo «nombre» del módulo empresas; comparación: Igual, letra por letra. Nombres distintos: 4.',
  );
  await shot(page, 'check');

  await page.getByRole('button', { name: 'Siguiente: conexión' }).click();
  await page.getByRole('button', { name: 'Siguiente: envío' }).click();
  await page.getByRole('button', { name: 'Enviar todas las filas' }).click();
  const question = page.getByRole('group', { name: '¿Enviar?' });
  await question.waitFor();
  expect(await question.locator('[data-lookup="Empresa"]').textContent()).toContain('Antes de actualizar, el campo Empresa busca 4 nombres en el campo «nombre» del módulo empresas: 4 solicitudes a la API (una por nombre)');
  await shot(page, 'asked');
  await question.getByRole('button', { name: 'Sí, enviar 4 filas' }).click();
  await page.getByRole('button', { name: 'Ver los resultados' }).click();
  const counts = page.locator('.run [data-lookup="Empresa"]');
  await counts.waitFor();
  expect(await countsOf(counts, 'data-lookup-count')).toEqual({ found: '2', notFound: '1', ambiguous: '1' });
  expect(await counts.locator('.match-by').textContent()).toBe('El campo Empresa buscó sus registros enlazados por el campo «nombre» del módulo empresas (4 nombres distintos); solicitudes a la API para buscarlos: 1.');
  // Each row with why, as a `match` run's; the names are fixed in the file: sending those rows again as they are cannot help.
  await page.getByRole('heading', { name: 'Filas con un nombre que no está en ningún registro del CRM: 1' }).waitFor();
  await page.getByRole('heading', { name: 'Filas con un nombre que está en varios registros del CRM: 1' }).waitFor();
  expect(await page.locator('table[data-group="notFound"] tbody tr td').allTextContents()).toEqual(['línea 3', "ningún registro de empresas tiene nombre = 'Nadie'"]);
  expect(await page.locator('table[data-group="ambiguous"] tbody tr td').allTextContents()).toEqual(['línea 4', "2 registros de empresas tienen nombre = 'Initech': e3, e4"]);
  expect(await page.getByRole('button', { name: 'Volver a enviar las filas fallidas' }).count()).toBe(0);
  await shot(page, 'results');
  expect(await ui.stop()).toBe(0);
});
