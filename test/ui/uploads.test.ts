import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockServer, tempDir } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { raw, sessionCookie } from './raw-http.js';
import { sendStepInSpanish } from './steps.js';

const TOKEN = 'uploads-token-5e1a';

interface Upload {
  readonly id: string;
  readonly file: string;
  readonly runs: readonly string[];
  readonly inUse: boolean;
}

// Issue 20, safe by default: every file uploaded stayed in the runs folder's .uploads with no way to remove it
// from the page. It can be deleted there, after a question saying what goes with it; never the file the job
// under way reads, and nothing outside the page's own upload folder.
describe('the files uploaded to the page', () => {
  it('deletes an upload after asking, says which runs read it, and never the one the job under way reads', async () => {
    const crm = await mockServer({ tokens: [TOKEN] });
    const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
    const { page } = await openBrowser('es-CO');
    const shot = screenshots('uploads');
    await sendStepInSpanish(page, ui.url);
    // A dry run reads the upload: a run that reads it.
    await page.getByLabel('Simulacro: todo menos enviar al CRM').check();
    await page.getByLabel('Carpeta de ejecución').fill('prueba-seca');
    await page.getByRole('button', { name: 'Enviar todas las filas' }).click();
    await page.locator('.job[data-phase="done"]').waitFor();
    const uploads = async () => (await page.evaluate(() => fetch('/api/uploads').then((answer) => answer.json()))) as { uploads: Upload[] };
    const [upload] = (await uploads()).uploads;
    expect(upload).toMatchObject({ file: 'clientes.csv', runs: ['prueba-seca'], inUse: false });
    const folder = path.join(ui.runs, '.uploads', upload?.id ?? '');

    // A real send, waiting at its question: the job under way reads the upload.
    await page.getByRole('button', { name: 'Enviar este archivo otra vez, como una ejecución nueva' }).click();
    await page.getByLabel('Simulacro: todo menos enviar al CRM').uncheck();
    await page.getByLabel('Carpeta de ejecución').fill('de-verdad');
    await page.getByRole('button', { name: 'Enviar todas las filas' }).click();
    await page.getByRole('group', { name: '¿Enviar?' }).waitFor();
    await page.getByRole('button', { name: '1 Archivo' }).click();
    const row = page.getByRole('row', { name: /clientes\.csv/ });
    await row.getByText('En uso por el envío en curso').waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    // Nor does the server delete it when asked directly.
    const refused = await page.evaluate((id) => fetch(`/api/uploads/${id}`, { method: 'DELETE' }).then((answer) => answer.status), upload?.id ?? '');
    expect(refused).toBe(409);
    expect(fs.existsSync(folder)).toBe(true);
    await shot(page, 'in-use');

    // Cancelled: the file may go, after a question naming the run that reads it.
    await page.getByRole('button', { name: '5 Envío' }).click();
    await page.getByRole('group', { name: '¿Enviar?' }).getByRole('button', { name: 'Cancelar' }).click();
    await page.getByText('Cancelado: no se envió nada.').waitFor();
    await page.getByRole('button', { name: '1 Archivo' }).click();
    await row.getByRole('button', { name: /^Borrar clientes\.csv, subido el / }).click();
    const question = page.getByRole('group', { name: '¿Borrar clientes.csv?' });
    const asked = (await question.textContent()) ?? '';
    expect(asked).toContain('La ejecución prueba-seca lee este archivo: sus informes se quedan, pero la página ya no podrá reanudarla, verificarla ni deshacerla.');
    expect(asked).toContain('Es el archivo abierto en la página');
    await shot(page, 'asked');
    await question.getByRole('button', { name: 'Cancelar' }).click();
    expect(fs.existsSync(folder)).toBe(true);
    await row.getByRole('button', { name: /^Borrar clientes\.csv/ }).click();
    await question.getByRole('button', { name: 'Sí, borrar' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(fs.existsSync(folder)).toBe(false);
    expect((await uploads()).uploads).toEqual([]);
    // The runs keep their reports; the page starts again from a new file.
    expect(fs.existsSync(path.join(ui.runs, 'prueba-seca', 'results.csv'))).toBe(true);
    expect(await page.getByRole('button', { name: '2 Mapeo' }).isDisabled()).toBe(true);
    await shot(page, 'deleted');
    expect(await ui.stop()).toBe(0);
  });

  it('deletes only a folder of the page’s own upload folder: no parent, no link, no run folder, no dot-folder', async () => {
    const ui = await startUi();
    const { cookie } = await sessionCookie(ui.url);
    const del = async (id: string) => (await raw(ui.port, { method: 'DELETE', path: `/api/uploads/${id}`, headers: { Cookie: cookie } })).status;
    const stored = JSON.parse((await raw(ui.port, { method: 'POST', path: '/api/files?name=datos.csv', headers: { Cookie: cookie }, body: 'id,Nombre\nr1,Ana\n' })).body) as { upload: string };
    const uploads = path.join(ui.runs, '.uploads');
    // Things a request must not reach: a folder outside, a run folder, another upload through a link, the tool's own dot-folder.
    const outside = tempDir();
    fs.writeFileSync(path.join(outside, 'keep.txt'), 'keep');
    fs.mkdirSync(path.join(ui.runs, 'una-ejecucion'));
    fs.symlinkSync(outside, path.join(uploads, 'afuera'));
    fs.symlinkSync(path.join(uploads, stored.upload), path.join(uploads, 'atajo'));
    fs.mkdirSync(path.join(uploads, '.propia'));

    // (An address's own dot segments, %2e%2e too, are taken out before routing: /api/uploads/.. is /api/, no route.)
    expect(await del('..')).toBe(404);
    expect(await del('%2e%2e')).toBe(404);
    expect(await del('..%2f..%2funa-ejecucion')).toBe(400);
    expect(await del('%2fetc')).toBe(400);
    expect(await del('afuera')).toBe(400);
    expect(await del('atajo')).toBe(400);
    expect(await del('.propia')).toBe(400);
    expect(await del('una-ejecucion')).toBe(404);
    expect(fs.readFileSync(path.join(outside, 'keep.txt'), 'utf8')).toBe('keep');
    expect(fs.existsSync(path.join(ui.runs, 'una-ejecucion'))).toBe(true);
    expect(fs.existsSync(path.join(uploads, '.propia'))).toBe(true);
    expect(fs.existsSync(path.join(uploads, stored.upload, 'datos.csv'))).toBe(true);
    // Links are not listed as uploads; the real one is, and goes when asked.
    const listed = JSON.parse((await raw(ui.port, { path: '/api/uploads', headers: { Cookie: cookie } })).body) as { uploads: Upload[] };
    expect(listed.uploads.map((entry) => entry.id)).toEqual([stored.upload]);
    expect(await del(stored.upload)).toBe(200);
    expect(fs.existsSync(path.join(uploads, stored.upload))).toBe(false);
    expect(fs.existsSync(path.join(uploads, 'afuera'))).toBe(true);
    expect(await ui.stop()).toBe(0);
  });
});
