import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWolkvoxBulkError } from '../../src/core/errors.js';
import { loadMapping } from '../../src/mapping/load.js';
import { expectError, tempDir } from '../helpers.js';
import { FULL_EXAMPLE } from './examples.js';

function write(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('loadMapping', () => {
  it('reads a mapping and says where it is', async () => {
    const dir = tempDir();
    const file = write(dir, 'm.json', JSON.stringify(FULL_EXAMPLE, null, 2));
    const loaded = await loadMapping(file);
    expect(loaded).toEqual({ mapping: FULL_EXAMPLE, file, dir });
  });

  it('makes a relative path absolute', async () => {
    const dir = tempDir();
    write(dir, 'm.json', '{"id": "ID", "fields": {"A": "B"}}');
    const relative = path.relative(process.cwd(), path.join(dir, 'm.json'));
    expect((await loadMapping(relative)).file).toBe(path.join(dir, 'm.json'));
  });

  it('skips a UTF-8 byte order mark (Windows Notepad)', async () => {
    const dir = tempDir();
    const file = write(dir, 'm.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id": "Cédula", "fields": {"A": "B"}}')]));
    expect((await loadMapping(file)).mapping.id).toBe('Cédula');
  });

  it.each([
    ['a missing file', (dir: string) => path.join(dir, 'nope.json'), /^Mapping not found: .*nope\.json does not exist; check the path given for the mapping\.$/],
    ['a folder', (dir: string) => dir, /^Mapping not found: .* is a folder; give the path of the mapping \.json file\.$/],
  ])('refuses %s with MAPPING_NOT_FOUND', async (_, target, message) => {
    const dir = tempDir();
    const file = target(dir);
    await expectError(loadMapping(file), { code: 'MAPPING_NOT_FOUND', message, file });
  });

  it.each([
    ['a syntax error, with line and column', '{\n  "id": "A",\n  "fields": {"B": "C"\n  }\n}}', /is not valid JSON: Unexpected token \} after the end of the JSON at line 5, column 2\.$/],
    ['a trailing comma', '{\n  "id": "A",\n  "fields": {"B": "C",\n  }\n}', /is not valid JSON: Unexpected token \}; remove the comma before it at line 4, column 3\.$/],
    ['an empty file', ' \n', /is empty; write a JSON object with "id" and "fields"\.$/],
    ['text that is not UTF-8', Buffer.from('{"id": "C\xe9dula", "fields": {"A": "B"}}', 'latin1'), /is not UTF-8 text\. Save it with the UTF-8 encoding/],
  ])('refuses %s with MAPPING_INVALID', async (_, content, message) => {
    const dir = tempDir();
    const file = write(dir, 'm.json', content);
    await expectError(loadMapping(file), { code: 'MAPPING_INVALID', message: new RegExp(`^Invalid mapping: .*m\\.json ${message.source}`), file });
  });

  it('reports shape problems and keys written twice together', async () => {
    const dir = tempDir();
    const file = write(dir, 'm.json', '{"id": "A", "fields": {"Email": "Correo", "Email": "Mail", "X": {"colum": "Y"}}}');
    const error = await loadMapping(file).catch((caught: unknown) => caught);
    expect(isWolkvoxBulkError(error) && error.code).toBe('MAPPING_INVALID');
    expect(isWolkvoxBulkError(error) && error.details).toMatchObject([
      { path: 'fields."X".colum', message: 'unknown key; did you mean "column"?' },
      { path: 'fields."X"', message: 'needs one source: "column", "value" or "template"' },
      { path: 'fields."Email"', message: 'is written twice; JSON keeps only the last one, so remove one' },
    ]);
  });
});
