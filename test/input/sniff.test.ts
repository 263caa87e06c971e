import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sniff } from '../../src/input/sniff.js';

describe('sniff: what the first bytes of an input are', () => {
  const text = 'id;Nombre;Ciudad\r\n001;José Muñoz;Bogotá\r\n002;“Ñandú” – 5 €;São Paulo\r\n';
  it.each([
    ['UTF-8 text', Buffer.from(text), { kind: 'text' }],
    ['Windows-1252 text', iconv.encode(text, 'windows-1252'), { kind: 'text' }],
    ['UTF-16 LE with a BOM', iconv.encode(text, 'utf-16le', { addBOM: true }), { kind: 'text' }],
    // One NUL inside one cell is still a text file: that row is refused by the check, not the whole file.
    ['text with a NUL in one cell', Buffer.from('id,Nota\n1,a\0b\n2,ok\n'), { kind: 'text' }],
    ['UTF-16 LE without a BOM', iconv.encode(text, 'utf-16le'), { kind: 'utf16', encoding: 'utf-16le' }],
    ['UTF-16 BE without a BOM', iconv.encode(text, 'utf-16be'), { kind: 'utf16', encoding: 'utf-16be' }],
    ['nothing', Buffer.alloc(0), { kind: 'empty' }],
    ['an old .xls', Buffer.from('d0cf11e0a1b11ae1', 'hex'), { kind: 'ole' }],
    ['a PDF', Buffer.from('%PDF-1.7\n'), { kind: 'binary', format: 'pdf' }],
    ['a zip', Buffer.from('504b030414000000', 'hex'), { kind: 'zip' }],
  ])('%s', (_name, bytes, expected) => {
    expect(sniff(bytes)).toEqual(expected);
  });

  it('calls bytes that are mostly control characters binary data, and says where they start', () => {
    const bytes = Buffer.from(Array.from({ length: 400 }, (_, n) => (n * 37) % 256));
    expect(sniff(bytes)).toMatchObject({ kind: 'binary', format: 'data', controls: { of: 400, first: 1 } });
  });
});
