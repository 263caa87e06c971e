import { expect, it } from 'vitest';
import { mockServer } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { checkSampleInSpanish } from './steps.js';

const TOKEN = 'reserve-token-7b10';

// Stop 26's leftover: the page's question before sending said what the token had left, not what the job
// may use of it with a reserve kept for other integrations, nor that the quota is read again as it goes.
it('asks with the reserve taken out: what the job may use, that it is not enough, and that the quota is read again', async () => {
  // 40 units a day: the 24 rows fit in what is left, but not once 30 are kept for other integrations.
  const crm = await mockServer({ tokens: [TOKEN], quota: 40 });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
  const { page } = await openBrowser('es-CO');
  const shot = screenshots('confirm-reserve');
  await checkSampleInSpanish(page, ui.url);
  await page.getByRole('button', { name: 'Siguiente: conexión' }).click();
  await page.getByText('Ritmo y seguridad (opcional)').click();
  await page.getByLabel('Dejar estas unidades de la cuota del día para otras integraciones del token (se lee la cuota primero)').fill('30');
  await page.getByRole('button', { name: 'Siguiente: envío' }).click();
  await page.getByRole('button', { name: 'Enviar todas las filas' }).click();

  const question = page.getByRole('group', { name: '¿Enviar?' });
  await question.waitFor();
  const asked = (await question.textContent()) ?? '';
  // Read before asking: 39 left of 40 (the reading spent one).
  expect(asked).toContain('Al token le quedan 39 unidades de la cuota hoy: no alcanzan para todo.');
  expect(asked).toContain(
    'De ellas, 30 se reservan para las otras integraciones del token: este trabajo usa como máximo 9. Vuelve a leer la cuota cada 100 solicitudes (1 solicitud cada vez), así que lo que las otras usen mientras tanto también queda fuera.',
  );
  await shot(page, 'asked');
  await question.getByRole('button', { name: 'Cancelar' }).click();
  await page.getByText('Cancelado: no se envió nada.').waitFor();
  expect(crm.stats.updateCalls).toBe(0);
  expect(await ui.stop()).toBe(0);
});
