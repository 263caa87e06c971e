import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockServer, runCli, tempDir, TOKEN, until } from '../helpers.js';
import { idFor, readResults } from '../run/fixtures.js';

const ROWS = 60;
// Far below the rows the send pass holds at once (a window of concurrency·4 + 4, read from the plan as it goes).
const GONE = 50;

/** 60 rows, each with its own file in adjuntos/, and a mapping that attaches them. */
function attachmentJob() {
  const dir = fs.realpathSync(tempDir());
  const files = path.join(dir, 'adjuntos');
  fs.mkdirSync(files);
  const lines = ['id,Nombre,Adjuntos'];
  for (let n = 1; n <= ROWS; n += 1) {
    fs.writeFileSync(path.join(files, `f${n}.pdf`), `%PDF contrato ${n}`);
    lines.push(`${idFor(n)},Cliente ${n},f${n}.pdf`);
  }
  const file = path.join(dir, 'datos.csv');
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  const mapping = path.join(dir, 'm.json');
  fs.writeFileSync(mapping, JSON.stringify({ operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre' }, attachments: { column: 'Adjuntos', baseDir: './adjuntos' } }));
  return { dir, files, file, mapping, out: path.join(dir, 'run') };
}

describe('an attachment deleted between the check and the send (issue 11)', () => {
  it('the row ends failed with the reason, in the journal, results.csv and failed.csv; every other row is updated', async () => {
    const server = await mockServer({ latencyMs: 20 });
    const job = attachmentJob();
    let done = false;
    const running = runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--concurrency', '1', '--json', '--yes'], {
      env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url },
    }).finally(() => (done = true));
    // The check passed (a call was made); row 50 is not read yet: one call at a time, and a window of 8 rows.
    await until(() => server.ledger.length >= 1 || done);
    expect(done, 'the job ended before its first call was applied').toBe(false);
    fs.rmSync(path.join(job.files, `f${GONE}.pdf`));
    const result = await running;
    expect(result.code, result.stderr).toBe(1);

    const line = GONE + 1;
    const reason = `Attachment could not be read: ${path.join(job.files, `f${GONE}.pdf`)} is gone (the check found it; it was deleted or moved since). Put it back and resume.`;
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ rows: ROWS, counts: { updated: ROWS - 1, failed: 1, not_sent: 0 }, calls: ROWS - 1, errors: [{ message: reason, count: 1, exampleRow: line }] });

    // Nothing was sent for it; every other row went, with its file.
    expect(server.ledger.map((entry) => entry.id)).not.toContain(idFor(GONE));
    expect(server.ledger).toHaveLength(ROWS - 1);
    expect(server.ledger.every((entry) => entry.attachments === 1)).toBe(true);

    // The journal has its row line (and no call begun for it).
    const journal = fs.readFileSync(path.join(job.out, 'journal.ndjson'), 'utf8').trim().split('\n').map((text) => JSON.parse(text));
    const ordinal = GONE - 1;
    expect(journal.filter((entry) => entry.t === 'row' && entry.row.ordinal === ordinal)).toEqual([
      { t: 'row', row: { ordinal, rowNumber: line, id: idFor(GONE), status: 'failed', message: reason, attempts: 0, ms: 0 } },
    ]);
    expect(journal.filter((entry) => entry.t === 'begin' && entry.o === ordinal)).toEqual([]);

    const results = readResults(job.out);
    expect(results).toHaveLength(ROWS);
    expect(results[ordinal]).toMatchObject({ _wvx_row: String(line), _wvx_id: idFor(GONE), _wvx_status: 'failed', _wvx_message: reason, _wvx_attempts: '0' });
    expect(results.filter((row) => row._wvx_status === 'updated')).toHaveLength(ROWS - 1);

    // failed.csv holds it as it was, ready to send again once the file is back.
    expect(fs.readFileSync(path.join(job.out, 'failed.csv'), 'utf8')).toBe(`id,Nombre,Adjuntos,_wvx_status,_wvx_error\r\n${idFor(GONE)},Cliente ${GONE},f${GONE}.pdf,failed,${reason}\r\n`);
  });
});
