import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { say } from '../../src/core/say.js';
import { readAttachments, resolveAttachments, type AttachmentRule } from '../../src/mapping/attachments.js';
import type { AttachmentsSpec } from '../../src/mapping/types.js';
import type { CellValue } from '../../src/core/types.js';
import { tempDir } from '../helpers.js';

/** A mapping folder with `adjuntos/` inside it and a `secreto.txt` beside it (outside the attachments folder). */
function setup(spec: Partial<AttachmentsSpec> = {}) {
  const dir = fs.realpathSync(tempDir());
  const files = path.join(dir, 'adjuntos');
  fs.mkdirSync(path.join(files, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(files, 'a.pdf'), 'aaaa');
  fs.writeFileSync(path.join(files, 'b c.png'), 'bb');
  fs.writeFileSync(path.join(files, 'sub', 'd.txt'), 'd');
  fs.writeFileSync(path.join(files, '..hidden'), 'h');
  fs.writeFileSync(path.join(files, 'big.bin'), Buffer.alloc(11));
  fs.writeFileSync(path.join(dir, 'secreto.txt'), 'secret');
  fs.symlinkSync(path.join(dir, 'secreto.txt'), path.join(files, 'link-out.txt'));
  fs.symlinkSync(path.join(files, 'a.pdf'), path.join(files, 'link-in.pdf'));
  const resolved = resolveAttachments({ column: 'Adjuntos', baseDir: 'adjuntos', maxBytes: 10, ...spec }, dir);
  if (!resolved.ok) throw new Error(resolved.message);
  return { dir, files, rule: resolved.value };
}

const read = (rule: AttachmentRule, cell: CellValue | undefined) =>
  readAttachments({ rowNumber: 2, values: cell === undefined ? {} : { Adjuntos: cell } }, rule);

describe('resolveAttachments', () => {
  it('applies the defaults: the mapping folder, "|" and 10 MiB', () => {
    const dir = fs.realpathSync(tempDir());
    expect(resolveAttachments({ column: 'X' }, dir)).toEqual({ ok: true, value: { column: 'X', baseDir: dir, separator: '|', maxBytes: 10485760 } });
  });

  it('resolves a relative folder from the mapping folder, and an absolute one as is', () => {
    const { dir, files } = setup();
    expect(resolveAttachments({ column: 'X', baseDir: './adjuntos' }, dir)).toMatchObject({ ok: true, value: { baseDir: files } });
    expect(resolveAttachments({ column: 'X', baseDir: files }, '/')).toMatchObject({ ok: true, value: { baseDir: files } });
  });

  it.each([
    ['a missing folder', 'nope', /^the folder .*nope does not exist; create it or fix "baseDir"/],
    ['a file', 'secreto.txt', /secreto\.txt is not a folder$/],
  ])('refuses %s', (_, baseDir, message) => {
    const { dir } = setup();
    const result = resolveAttachments({ column: 'X', baseDir }, dir);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('readAttachments', () => {
  it.each<[string, CellValue | undefined, string[]]>([
    ['one name', 'a.pdf', ['a.pdf']],
    ['several names, trimmed, empty parts ignored', ' a.pdf | b c.png || ', ['a.pdf', 'b c.png']],
    ['a sub folder', 'sub/d.txt', ['sub/d.txt']],
    ['a Windows sub folder', 'sub\\d.txt', ['sub/d.txt']],
    ['a name starting with two dots', '..hidden', ['..hidden']],
    ['a path that comes back inside', 'sub/../a.pdf', ['a.pdf']],
    ['a symlink to a file inside', 'link-in.pdf', ['a.pdf']],
    ['an empty cell', undefined, []],
    ['an error cell, as empty', { kind: 'error', error: '#N/A' }, []],
  ])('accepts %s', (_, cell, names) => {
    const { files, rule } = setup();
    const result = read(rule, cell);
    expect(result.problems).toEqual([]);
    expect(result.refs).toEqual(names.map((name) => ({ path: path.join(files, name), bytes: fs.statSync(path.join(files, name)).size })));
  });

  it.each<[string, string, RegExp]>([
    ['a missing file', 'nada.pdf', /^'nada\.pdf' was not found in .*adjuntos$/],
    ['../ out of the folder', '../secreto.txt', /^'\.\.\/secreto\.txt' points outside the attachments folder .*adjuntos; it was not read$/],
    ['../ deeper', 'sub/../../secreto.txt', /points outside the attachments folder/],
    ['a Windows ..\\', '..\\secreto.txt', /points outside the attachments folder/],
    ['an absolute path', '/etc/passwd', /^'\/etc\/passwd' is an absolute path; write it relative to the attachments folder/],
    ['a Windows absolute path', 'C:\\Users\\ana\\x.pdf', /is an absolute path/],
    ['a symlink pointing outside', 'link-out.txt', /^'link-out\.txt' is a link to a file outside the attachments folder .*; it was not read$/],
    ['a folder', 'sub', /^'sub' is not a file$/],
    ['the folder itself', '.', /^'\.' is not a file$/],
    ['a file over maxBytes', 'big.bin', /^'big\.bin' is 11 bytes, over the limit of 10 bytes; raise "maxBytes" to send it$/],
  ])('refuses %s', (_, cell, message) => {
    const { rule } = setup();
    const result = read(rule, cell);
    expect(result.refs).toEqual([]);
    expect(result.problems.map((said) => say(said, 'en'))).toEqual([expect.stringMatching(message)]);
  });

  it('reports each bad name and keeps the good ones', () => {
    const { rule } = setup();
    const result = read(rule, 'a.pdf|nada.pdf|../secreto.txt');
    expect(result.refs.map((ref) => path.basename(ref.path))).toEqual(['a.pdf']);
    expect(result.problems).toHaveLength(2);
  });

  it('uses the separator given', () => {
    const { rule } = setup({ separator: ';' });
    expect(read(rule, 'a.pdf;b c.png').refs).toHaveLength(2);
  });
});
