import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runUpdate } from '../../src/run/update.js';
import { expectError, mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST } from './fixtures.js';

const byDocument = { operation: 'op', module: 'contacts', match: { column: 'id', field: 'documento', compare: 'document' }, fields: { Nombre: 'Nombre' } };

describe('runUpdate with a "match" mapping (issue 19)', () => {
  it('is refused before the run folder or any call, until keys are resolved before the first update', async () => {
    const server = await mockServer();
    const job = csvJob(3, { mapping: byDocument });
    await expectError(runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, ...FAST }), {
      code: 'USAGE',
      message: /^Not yet: m\.json finds records by "match" \(column id → CRM field documento\), and update cannot resolve keys to records yet\. Nothing was sent\./,
    });
    expect(server.stats.calls).toBe(0);
    expect(fs.existsSync(job.out)).toBe(false);
  });
});
