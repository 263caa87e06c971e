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

/** Runs the job, deleting row GONE's file once the first call was applied (the check passed; row 50 not read yet). */
async function runWithFileGone(lang: Record<string, string> = {}) {
  const server = await mockServer({ latencyMs: 20 });
  const job = attachmentJob();
  let done = false;
  const running = runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--concurrency', '1', '--json', '--yes'], {
    env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url, ...lang },
  }).finally(() => (done = true));
  // One call at a time, and a window of 8 rows: row 50 is far from being read when the first call is applied.
  await until(() => server.ledger.length >= 1 || done);
  expect(done, 'the job ended before its first call was applied').toBe(false);
  fs.rmSync(path.join(job.files, `f${GONE}.pdf`));
  return { server, job, result: await running };
}

describe('an attachment deleted between the check and the send (issue 11)', () => {
  it('the row ends failed with the reason, in the journal, results.csv and failed.csv; every other row is updated', async () => {
    const { server, job, result } = await runWithFileGone();
    expect(result.code, result.stderr).toBe(1);

    const line = GONE + 1;
    const gone = path.join(job.files, `f${GONE}.pdf`);
    const reason = `Attachment could not be read: ${gone} is gone (the check found it; it was deleted or moved since). Put it back and resume.`;
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ rows: ROWS, counts: { updated: ROWS - 1, failed: 1, not_sent: 0 }, calls: ROWS - 1, errors: [{ message: reason, count: 1, exampleRow: line }] });

    // Nothing was sent for it; every other row went, with its file.
    expect(server.ledger.map((entry) => entry.id)).not.toContain(idFor(GONE));
    expect(server.ledger).toHaveLength(ROWS - 1);
    expect(server.ledger.every((entry) => entry.attachments === 1)).toBe(true);

    // The journal has its row line, with the note's code for the run's files to word (and no call begun for it).
    const journal = fs.readFileSync(path.join(job.out, 'journal.ndjson'), 'utf8').trim().split('\n').map((text) => JSON.parse(text));
    const ordinal = GONE - 1;
    expect(journal.filter((entry) => entry.t === 'row' && entry.row.ordinal === ordinal)).toEqual([
      { t: 'row', row: { ordinal, rowNumber: line, id: idFor(GONE), status: 'failed', message: reason, said: { code: 'note.attachment-gone', params: { file: gone } }, attempts: 0, ms: 0 } },
    ]);
    expect(journal.filter((entry) => entry.t === 'begin' && entry.o === ordinal)).toEqual([]);

    const results = readResults(job.out);
    expect(results).toHaveLength(ROWS);
    expect(results[ordinal]).toMatchObject({ _wvx_row: String(line), _wvx_id: idFor(GONE), _wvx_status: 'failed', _wvx_message: reason, _wvx_attempts: '0' });
    expect(results.filter((row) => row._wvx_status === 'updated')).toHaveLength(ROWS - 1);

    // failed.csv holds it as it was, ready to send again once the file is back.
    expect(fs.readFileSync(path.join(job.out, 'failed.csv'), 'utf8')).toBe(`id,Nombre,Adjuntos,_wvx_status,_wvx_error\r\n${idFor(GONE)},Cliente ${GONE},f${GONE}.pdf,failed,${reason}\r\n`);
  });

  it("a Spanish run's results.csv and failed.csv say it in Spanish; summary.json keeps the English", async () => {
    const { job, result } = await runWithFileGone({ LANG: 'es_CO.UTF-8' });
    expect(result.code, result.stderr).toBe(1);
    const gone = path.join(job.files, `f${GONE}.pdf`);
    const spanish = `No se pudo leer el adjunto: ${gone} ya no está (la revisión lo encontró; se borró o se movió después). Vuelva a ponerlo en su lugar y ejecute resume.`;
    expect(readResults(job.out)[GONE - 1]).toMatchObject({ _wvx_status: 'failed', _wvx_message: spanish });
    expect(fs.readFileSync(path.join(job.out, 'failed.csv'), 'utf8')).toContain(`,failed,${spanish}\r\n`);
    expect(JSON.parse(result.stdout).errors).toMatchObject([{ message: expect.stringMatching(/^Attachment could not be read: .* is gone/) }]);
  });
});
