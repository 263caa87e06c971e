import { describe, expect, it } from 'vitest';
import { isWolkvoxBulkError } from '../../src/core/errors.js';
import { say } from '../../src/core/say.js';
import { readFieldNames } from '../../src/run/field-names.js';
import { mockServer } from '../helpers.js';

const TOKEN = 'field-names-token-7c2';

// Issue 20: the CRM lists no module's fields, so the page offers the labels of one record, at one request.
describe('readFieldNames', () => {
  it('reads one record of the module (1 request) and gives its labels, the CRM’s own wolkvox_* fields left out', async () => {
    const server = await mockServer({ tokens: [TOKEN], moduleRecords: { contacts: [{ wolkvox_id: 'c1', Nombre: 'Ana', Email: 'a@x.co' }, { wolkvox_id: 'c2', Nombre: 'Beto', Ciudad: 'Lima' }] } });
    const read = await readFieldNames({ server: server.url, token: TOKEN, operation: 'op', module: 'contacts' });
    expect(read).toMatchObject({ module: 'contacts', operation: 'op', fields: ['Nombre', 'Email'], empty: false, calls: 1 });
    expect(read.fields.some((name) => name.startsWith('wolkvox_'))).toBe(false);
    expect(server.stats.calls).toBe(1);
    expect(say(read.said, 'en')).toBe('Read one record of contacts (1 API request): 2 field names.');
    expect(say(read.said, 'es')).toBe('Se leyó un registro de contacts (1 solicitud a la API): 2 nombres de campo.');
  });

  it('says when the module has no record: no names, none to check against (1 request all the same)', async () => {
    const server = await mockServer({ tokens: [TOKEN], moduleRecords: { contacts: [{ wolkvox_id: 'c1', Nombre: 'Ana' }], vacio: [] } });
    const read = await readFieldNames({ server: server.url, token: TOKEN, operation: 'op', module: 'vacio' });
    expect(read).toMatchObject({ fields: [], empty: true, calls: 1 });
    expect(server.stats.calls).toBe(1);
    expect(say(read.said, 'es')).toBe('vacio aún no tiene registros (1 solicitud a la API), así que no se pueden leer sus nombres de campo: los campos del mapeo no se comparan con el CRM.');
  });

  it('refuses with the CRM’s word when the read is refused, and asks for the module before any request', async () => {
    const server = await mockServer({ tokens: [TOKEN] });
    const refused = await readFieldNames({ server: server.url, token: 'not-the-token', operation: 'op', module: 'contacts' }).catch((error: unknown) => error);
    expect(isWolkvoxBulkError(refused) && refused.code).toBe('API_FATAL');
    expect((refused as Error).message).toMatch(/^Could not read a record of contacts: .+\. Nothing was changed\.$/);
    expect((refused as Error).message).not.toContain('not-the-token');
    const calls = server.stats.calls;
    const missing = await readFieldNames({ server: server.url, token: TOKEN, operation: 'op', module: ' ' }).catch((error: unknown) => error);
    expect(isWolkvoxBulkError(missing) && missing.code).toBe('USAGE');
    expect(server.stats.calls).toBe(calls);
  });
});
