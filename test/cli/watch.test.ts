import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/server.js';
import { CLI, mockServer, runCli, tempDir, TOKEN, unprivileged, until } from '../helpers.js';
import { receiver } from '../run/receiver.js';

// Issue 21, "Watch a folder": the real CLI watching a real folder, sending to the simulated CRM.

const MAPPING = { operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre', Ciudad: 'Ciudad' } };

/** A watched folder, where files go, the runs folder and the mapping, in a fresh temporary folder. */
function setup() {
  const dir = tempDir();
  const folders = { inbox: path.join(dir, 'entrada'), done: path.join(dir, 'enviados'), failed: path.join(dir, 'con-errores'), runs: path.join(dir, 'runs') };
  fs.mkdirSync(folders.inbox);
  const mapping = path.join(dir, 'm.json');
  fs.writeFileSync(mapping, JSON.stringify(MAPPING));
  const args = (...more: string[]) => ['watch', folders.inbox, '--mapping', mapping, '--done', folders.done, '--failed', folders.failed, ...(more.includes('--runs') ? [] : ['--runs', folders.runs]), '--interval', '0.05', '--json', ...more];
  return { dir, ...folders, mapping, args };
}

/** A CSV of rows `prefix`1 … `prefix`n (id, Nombre, Ciudad); `edit` may change a row. */
function csv(file: string, prefix: string, rows: number, edit?: (n: number, cells: string[]) => string[]): string[] {
  const ids = Array.from({ length: rows }, (_, index) => `${prefix}${index + 1}`);
  const lines = ['id,Nombre,Ciudad', ...ids.map((id, index) => (edit?.(index + 1, [id, `Cliente ${index + 1}`, 'Cali']) ?? [id, `Cliente ${index + 1}`, 'Cali']).join(','))];
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return ids;
}

/** How many times the CRM applied each id, over one or more simulated servers. */
function applied(...servers: MockServer[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const server of servers) for (const entry of server.ledger) times.set(entry.id, (times.get(entry.id) ?? 0) + 1);
  return times;
}

const jsonLines = (stdout: string) => stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown> & { type: string });

/** A watch started in the background, its stdout read line by line as JSON. */
function startWatch(args: readonly string[], env: Record<string, string>, user?: { readonly uid: number; readonly gid: number }) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, ...(user ?? {}) });
  const lines: (Record<string, unknown> & { type: string })[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const complete = stdout.split('\n');
    stdout = complete.pop() ?? '';
    for (const line of complete.filter(Boolean)) lines.push(JSON.parse(line));
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, lines, closed, stderr: () => stderr };
}

describe('watch a folder (issue 21)', () => {
  it('sends a good file once, and sets aside an empty, an invalid, a refused and an already-sent one with a note saying why and what to do', async () => {
    const server = await mockServer({ knownIds: ['g1', 'g2', 'g3', 'r1', 'r2', 'i2'] });
    const at = setup();
    const env = { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url };
    const good = csv(path.join(at.inbox, 'good.csv'), 'g', 3);

    const first = await runCli(at.args('--once'), { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(fs.readdirSync(at.done)).toEqual(['good.csv']);
    const sent = jsonLines(first.stdout).find((line) => line.type === 'file-end') as unknown as { summary: { runDir: string } };
    const goodRun = sent.summary.runDir;

    // The second pass: the same content under another name, an empty file, an invalid row, ids the CRM does not have, and a temporary file.
    fs.copyFileSync(path.join(at.done, 'good.csv'), path.join(at.inbox, 'good-again.csv'));
    fs.writeFileSync(path.join(at.inbox, 'empty.csv'), 'id,Nombre,Ciudad\r\n');
    csv(path.join(at.inbox, 'invalid.csv'), 'i', 3, (n, cells) => (n === 2 ? cells : n === 1 ? ['', ...cells.slice(1)] : ['', ...cells.slice(1)]));
    csv(path.join(at.inbox, 'refused.csv'), 'r', 3);
    fs.writeFileSync(path.join(at.inbox, '~$refused.xlsx'), 'Office lock');
    fs.writeFileSync(path.join(at.inbox, 'coming.csv.part'), 'id,Nombre\r\n');

    const second = await runCli(at.args('--once'), { env });
    const ends = jsonLines(second.stdout).filter((line) => line.type === 'file-end');
    expect(Object.fromEntries(ends.map((end) => [end.file, [end.outcome, end.exitCode]]))).toEqual({
      'good-again.csv': ['duplicate', 2],
      'empty.csv': ['failed', 2],
      'invalid.csv': ['failed', 2],
      'refused.csv': ['failed', 1],
    });
    // The worst of the files' codes.
    expect(second.code).toBe(2);
    expect(jsonLines(second.stdout).at(-1)).toMatchObject({ type: 'end', done: 0, failed: 3, duplicates: 1, exitCode: 2 });
    expect(fs.readdirSync(at.inbox).sort()).toEqual(['coming.csv.part', '~$refused.xlsx']);
    expect(fs.readdirSync(at.failed).sort()).toEqual(['empty.csv', 'empty.csv.txt', 'good-again.csv', 'good-again.csv.txt', 'invalid.csv', 'invalid.csv.txt', 'refused.csv', 'refused.csv.txt']);

    const note = (name: string) => fs.readFileSync(path.join(at.failed, `${name}.txt`), 'utf8');
    expect(note('good-again.csv')).toContain(`its content is the same as good.csv, sent at`);
    expect(note('good-again.csv')).toContain(`as run ${goodRun}`);
    expect(note('empty.csv')).toMatch(/^empty\.csv was not sent: nothing was sent to the CRM\.[\s\S]*No data rows[\s\S]*What to do: fix the file/);
    // Which rows, and where.
    expect(note('invalid.csv')).toMatch(/Invalid rows: 2 of 3 rows in invalid\.csv[\s\S]*line 2, column id: [\s\S]*line 4, column id:/);
    // What the CRM said, the rows to fix, and how to send them again.
    const refused = note('refused.csv');
    expect(refused).toMatch(/refused\.csv was sent as run .*: 2 of 3 rows updated, 1 refused by the CRM\./);
    expect(refused).toMatch(/What the CRM said:\n {2}- .*RECORD NOT FOUND.* \(1 row, such as line 4\)/);
    expect(refused).toMatch(/failed\.csv: fix them and put that file into .*entrada as a new file/);
    expect(refused).toMatch(/wolkvox-bulk resume .* --retry-failed/);

    // Each row the CRM has applied once: the copy was not sent again, the refused files sent nothing.
    const times = applied(server);
    expect(Object.fromEntries(times)).toEqual({ ...Object.fromEntries(good.map((id) => [id, 1])), r1: 1, r2: 1 });
    expect(server.stats.updateCalls).toBe(3 + 3);
  });

  it('writes the note in Spanish under LANG=es_CO.UTF-8', async () => {
    const server = await mockServer();
    const at = setup();
    csv(path.join(at.inbox, 'clientes.csv'), 'c', 2, (n, cells) => (n === 2 ? ['', ...cells.slice(1)] : cells));
    const result = await runCli(at.args('--once'), { env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url, LANG: 'es_CO.UTF-8' } });
    expect(result.code).toBe(2);
    const note = fs.readFileSync(path.join(at.failed, 'clientes.csv.txt'), 'utf8');
    expect(note).toMatch(/^clientes\.csv no se envió: no se envió nada al CRM\./);
    expect(note).toMatch(/línea 3/);
    expect(note).toMatch(/Qué hacer: corrija el archivo \(o el mapeo\) y vuelva a ponerlo en /);
    expect(server.ledger).toHaveLength(0);
  });

  it('--notify: each file sent is posted as its run ends, without the token; a file set aside before sending is not', async () => {
    const server = await mockServer({ latencyMs: 2 });
    const hook = await receiver();
    const at = setup();
    csv(path.join(at.inbox, 'a.csv'), 'a-', 5);
    csv(path.join(at.inbox, 'b.csv'), 'b-', 3);
    fs.writeFileSync(path.join(at.inbox, 'vacio.csv'), 'id,Nombre,Ciudad\r\n');
    const result = await runCli(at.args('--once', '--notify', hook.url), { env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url } });
    expect(result.code).toBe(2);
    const notices = hook.received.map((got) => JSON.parse(got.body) as { command: string; file: string; counts: { updated: number }; exitCode: number });
    expect(notices.map((notice) => [notice.command, path.basename(notice.file), notice.counts.updated, notice.exitCode]).sort()).toEqual([
      ['watch', 'a.csv', 5, 0],
      ['watch', 'b.csv', 3, 0],
    ]);
    for (const got of hook.received) expect(got.body).not.toContain(TOKEN);
  });

  it('two watchers on one folder: each file is sent by one of them, once', async () => {
    const server = await mockServer({ latencyMs: 2 });
    const at = setup();
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((letter) => csv(path.join(at.inbox, `${letter}.csv`), `${letter}-`, 20));
    const env = { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url };
    // Runs folders of their own: only the lock beside each file keeps them apart.
    const [one, two] = await Promise.all([runCli(at.args('--once', '--runs', path.join(at.dir, 'runs-1')), { env }), runCli(at.args('--once', '--runs', path.join(at.dir, 'runs-2')), { env })]);
    expect([one.code, two.code]).toEqual([0, 0]);
    const moved = [...jsonLines(one.stdout), ...jsonLines(two.stdout)].filter((line) => line.type === 'file-end' && line.kind === 'moved').map((line) => line.file);
    expect(moved.sort()).toEqual(['a.csv', 'b.csv', 'c.csv', 'd.csv', 'e.csv', 'f.csv']);
    expect(fs.readdirSync(at.done).sort()).toEqual(['a.csv', 'b.csv', 'c.csv', 'd.csv', 'e.csv', 'f.csv']);
    expect(fs.readdirSync(at.inbox)).toEqual([]);
    const times = applied(server);
    expect(ids.filter((id) => times.get(id) !== 1)).toEqual([]);
    expect(server.ledger).toHaveLength(ids.length);
  });

  it('a watch killed during a file: the next watch --once goes on with its run; nothing lost, each row applied once', async () => {
    const rows = 60;
    // The CRM goes into maintenance after 25 updates: the watch waits, its 25 rows journaled, when it is killed.
    const first = await mockServer({ faults: { maintenance: { after: 25, calls: 1_000_000 } } });
    const at = setup();
    const ids = csv(path.join(at.inbox, 'datos.csv'), 'k', rows);
    const watch = startWatch(at.args('--concurrency', '1'), { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: first.url });
    await until(() => first.stats.refused.maintenance >= 2);
    watch.child.kill('SIGKILL');
    await watch.closed;
    const start = watch.lines.find((line) => line.type === 'file-start') as unknown as { runDir: string; resumed: boolean };
    expect(start.resumed).toBe(false);
    expect(first.ledger).toHaveLength(25);
    // What the kill left: the file where it was, its lock, no summary.
    expect(fs.readdirSync(at.inbox, { withFileTypes: false }).sort()).toEqual(['.datos.csv.wolkvox-lock', 'datos.csv']);
    expect(fs.existsSync(path.join(start.runDir, 'summary.json'))).toBe(false);
    await first.close();

    const second = await mockServer();
    const result = await runCli(at.args('--once'), { env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: second.url } });
    expect(result.code).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines.find((line) => line.type === 'file-start')).toMatchObject({ file: 'datos.csv', runDir: start.runDir, resumed: true });
    const end = lines.find((line) => line.type === 'file-end') as unknown as { summary: { resent: number } };
    expect(end).toMatchObject({ outcome: 'done', exitCode: 0, summary: { counts: { updated: rows }, sessions: 2 } });
    // The kill may catch one call out (the next try of a refused row): that row alone is sent again, and the
    // CRM had refused it, so it is still applied once (checked below).
    expect(end.summary.resent).toBeLessThanOrEqual(1);
    expect(fs.readdirSync(at.done)).toEqual(['datos.csv']);
    expect(fs.readdirSync(at.inbox)).toEqual([]);
    const times = applied(first, second);
    expect(ids.filter((id) => times.get(id) !== 1)).toEqual([]);
    expect(second.ledger).toHaveLength(rows - 25);
  });

  it('Ctrl-C while watching stops the file\'s run resumably (exit 3), and the next watch finishes it, each row once', async () => {
    const rows = 200;
    const server = await mockServer({ latencyMs: 5 });
    const at = setup();
    const ids = csv(path.join(at.inbox, 'datos.csv'), 'c', rows);
    const env = { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url };
    const watch = startWatch(at.args(), env);
    await until(() => watch.lines.some((line) => line.type === 'file-start') && server.ledger.length >= 20);
    watch.child.kill('SIGINT');
    const [code] = await watch.closed;
    expect(code).toBe(3);
    expect(watch.stderr()).toMatch(/Stopping: no new calls/);
    expect(watch.lines.find((line) => line.type === 'file-end')).toMatchObject({ kind: 'left', why: 'stopped', file: 'datos.csv', exitCode: 3 });
    expect(watch.lines.at(-1)).toMatchObject({ type: 'end', left: 1, stoppedBy: 'signal', exitCode: 3 });
    // Left where it was, unlocked, its run resumable.
    expect(fs.readdirSync(at.inbox)).toEqual(['datos.csv']);
    const sentBefore = server.ledger.length;
    expect(sentBefore).toBeLessThan(rows);

    const next = await runCli(at.args('--once'), { env });
    expect(next.code).toBe(0);
    expect(jsonLines(next.stdout).find((line) => line.type === 'file-start')).toMatchObject({ resumed: true });
    const times = applied(server);
    expect(ids.filter((id) => times.get(id) !== 1)).toEqual([]);
    expect(fs.readdirSync(at.done)).toEqual(['datos.csv']);
  });

  it('a stop while waiting ends the watch cleanly (exit 0), and a file put in while it watches is sent', async () => {
    const server = await mockServer();
    const at = setup();
    const watch = startWatch(at.args(), { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url });
    await until(() => watch.lines.some((line) => line.type === 'watching'));
    const ids = csv(path.join(at.inbox, 'nuevo.csv'), 'n', 3);
    await until(() => watch.lines.some((line) => line.type === 'file-end'));
    watch.child.kill('SIGTERM');
    const [code] = await watch.closed;
    expect(code).toBe(0);
    expect(watch.lines.find((line) => line.type === 'file-end')).toMatchObject({ file: 'nuevo.csv', outcome: 'done' });
    expect(watch.lines.at(-1)).toMatchObject({ type: 'end', done: 1, stoppedBy: 'signal', exitCode: 0 });
    expect(Object.fromEntries(applied(server))).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
  });

  it.each([['--out', 'x'], ['--limit', '5'], ['--dry-run'], ['--preview']])('refuses %s by name: it does not fit a run per file', async (...flag) => {
    const at = setup();
    const result = await runCli(at.args('--once', ...flag), { env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: 'http://127.0.0.1:9' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`Not on watch: ${flag[0]}`));
  });

  it.each([
    ['en', /The done folder \(--done\) .*enviados is a file, not a folder: name a folder/],
    ['es', /La carpeta de terminados \(--done\) .*enviados es un archivo, no una carpeta: indique una carpeta/],
  ] as const)('a --done that is a file is a usage error naming it (%s), not an internal error', async (lang, said) => {
    const at = setup();
    fs.writeFileSync(at.done, 'not a folder');
    const result = await runCli(at.args('--once', '--lang', lang), { env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: 'http://127.0.0.1:9' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(said);
    expect(fs.readFileSync(at.done, 'utf8')).toBe('not a folder');
  });
});

describe('watch: what it says and what it remembers (issue 21, left over)', () => {
  const human = (args: string[]) => args.filter((arg) => arg !== '--json');

  /** A setup the watch runs in as a user without root's rights, its done or failed folder one it may not write in. */
  function setupUnwritable(which: 'done' | 'failed') {
    const at = setup();
    const as = unprivileged();
    for (const dir of [at.dir, at.inbox]) as.chown(dir);
    fs.mkdirSync(at[which]);
    as.chown(at[which]);
    fs.chmodSync(at[which], 0o555);
    return { at, as };
  }

  it('says "sending as run X" only for a file that passed its check, and X exists; a refused file has no run', async () => {
    const server = await mockServer();
    const at = setup();
    csv(path.join(at.inbox, 'bueno.csv'), 'b', 2);
    csv(path.join(at.inbox, 'malo.csv'), 'm', 2, (n, cells) => (n === 2 ? ['', ...cells.slice(1)] : cells));
    const env = { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url };
    const result = await runCli(human(at.args('--once')), { env });
    expect(result.code).toBe(2);
    const lines = result.stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('malo.csv:'))).toEqual([expect.stringMatching(/^malo\.csv: not done \(exit 2\) → /)]);
    const sending = lines.filter((line) => /sending as run/.test(line));
    expect(sending).toEqual([expect.stringMatching(/^bueno\.csv: checked; sending as run /)]);
    const runDir = sending[0]?.replace(/^.*sending as run /, '') ?? '';
    expect(fs.existsSync(path.join(runDir, 'summary.json'))).toBe(true);
    // The runs folder holds the one run: the refused file's planned folder was never made.
    expect(fs.readdirSync(at.runs).filter((name) => !name.startsWith('.') && !name.endsWith('.ndjson'))).toEqual([path.basename(runDir)]);

    // --json: a file-start for the file sent only, naming its run.
    csv(path.join(at.inbox, 'malo2.csv'), 'x', 2, (n, cells) => (n === 1 ? ['', ...cells.slice(1)] : cells));
    csv(path.join(at.inbox, 'bueno2.csv'), 'c', 2);
    const json = jsonLines((await runCli(at.args('--once'), { env })).stdout);
    expect(json.filter((line) => line.type === 'file-start').map((line) => line.file)).toEqual(['bueno2.csv']);
    expect(json.find((line) => line.type === 'file-end' && line.file === 'malo2.csv')).toMatchObject({ outcome: 'failed', exitCode: 2 });
  });

  it('a file that cannot be moved is reported once, with what to do, and left alone (not checked or sent again) until it changes', async () => {
    const server = await mockServer();
    const { at, as } = setupUnwritable('done');
    const ids = csv(path.join(at.inbox, 'datos.csv'), 'd', 3);
    const watch = startWatch(at.args(), { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url }, as.user);
    await until(() => watch.lines.some((line) => line.type === 'file-end'));
    expect(watch.lines.find((line) => line.type === 'file-end')).toMatchObject({ kind: 'left', why: 'move-failed', file: 'datos.csv', detail: 'EACCES', exitCode: 0 });
    // More looks: two files put in one after the other, each taken on a later look than the one before.
    for (const name of ['otro-1.csv', 'otro-2.csv']) {
      fs.writeFileSync(path.join(at.inbox, name), 'id,Nombre,Ciudad\r\n');
      await until(() => watch.lines.some((line) => line.type === 'file-end' && line.file === name));
    }
    // Reported once over those looks, with where it was to go.
    expect(watch.lines.filter((line) => line.type === 'file-end' && line.file === 'datos.csv')).toEqual([expect.objectContaining({ folder: at.done, outcome: 'done' })]);
    // Changed (touched: the same content), it is taken again: its content's run is known, so it is set aside, not sent.
    fs.chmodSync(at.done, 0o755);
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(at.inbox, 'datos.csv'), later, later);
    await until(() => watch.lines.filter((line) => line.type === 'file-end' && line.file === 'datos.csv').length === 2);
    watch.child.kill('SIGTERM');
    await watch.closed;
    const ends = watch.lines.filter((line) => line.type === 'file-end' && line.file === 'datos.csv');
    expect(ends).toHaveLength(2);
    expect(ends[1]).toMatchObject({ kind: 'moved', outcome: 'duplicate' });
    expect(watch.lines.filter((line) => line.type === 'file-start' && line.file === 'datos.csv')).toHaveLength(1);
    expect(Object.fromEntries(applied(server))).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
    expect(fs.readdirSync(at.inbox)).toEqual([]);
  });

  // The note that was to go beside the file (why it was refused) is said after the warning, and the closing
  // line counts the file, which no other count holds.
  const REFUSED_AND_LEFT = {
    en: { notSaid: 'put it back into', note: 'Why it was not sent:\n', end: 'Watch ended: 0 files done, 0 not done, 0 already sent, 1 that could not be moved (still in the watched folder) (exit 2).' },
    es: { notSaid: 'vuelva a ponerlo en', note: 'Por qué no se envió:\n', end: 'Vigilancia terminada: 0 archivos terminados, 0 sin terminar, 0 ya enviados, 1 que no se pudo mover (sigue en la carpeta vigilada) (código 2).' },
  } as const;

  it.each([
    ['en', /^Warning: datos\.csv could not be moved to (\S+): this user may not write in that folder \(EACCES\)\. It stays in (\S+)\. Nothing of it was sent\. This watch leaves it alone until it changes\. What to do: give this user permission to write in \1, then move the file out of \2 yourself/m],
    ['es', /^Aviso: no se pudo mover datos\.csv a (\S+): este usuario no tiene permiso para escribir en esa carpeta \(EACCES\)\. Queda en (\S+)\. No se envió nada de él\. Esta vigilancia no lo vuelve a tomar mientras no cambie\. Qué hacer: dé a este usuario permiso de escritura en \1 y luego saque usted el archivo de \2/m],
  ] as const)('the warning names the file, the folder and what to do, in the person\'s language (%s)', async (lang, warning) => {
    const { at, as } = setupUnwritable('failed');
    csv(path.join(at.inbox, 'datos.csv'), 'd', 2, (n, cells) => (n === 2 ? ['', ...cells.slice(1)] : cells));
    const result = await runCli(human(at.args('--once', '--lang', lang)), { env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: 'http://127.0.0.1:9' }, user: as.user });
    expect(result.code).toBe(2);
    const match = warning.exec(result.stdout);
    expect(match, result.stdout).not.toBeNull();
    expect([match?.[1], match?.[2]]).toEqual([at.failed, at.inbox]);
    expect(result.stdout.slice(result.stdout.indexOf(match?.[0] ?? ''))).toContain(REFUSED_AND_LEFT[lang].note);
    // Not the note's steps: it is still in the watched folder, and the warning says to move it out.
    expect(result.stdout).not.toContain(REFUSED_AND_LEFT[lang].notSaid);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(REFUSED_AND_LEFT[lang].end);
    expect(fs.readdirSync(at.inbox).filter((name) => !name.startsWith('.'))).toEqual(['datos.csv']);
  });
});
