import { describe, expect, it } from 'vitest';
import { decodeXstring, encodeXstring } from '../../src/input/ooxml-text.js';
import { isReportHeader, safeCell, unescapeCell } from '../../src/input/report-cells.js';

describe('safeCell / unescapeCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+57 300', "'+57 300"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-x', "'-x"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ["'=1", "''=1"],
    ["''@x", "'''@x"],
    ['-12', '-12'],
    ['+3,5', '+3,5'],
    ["'plain", "'plain"],
    ['plain', 'plain'],
    ['', ''],
  ])('%j is written %j and read back as it was', (text, written) => {
    expect(safeCell(text)).toBe(written);
    expect(unescapeCell(safeCell(text))).toBe(text);
  });

  it('tells a report of the tool by its _wvx_status column', () => {
    expect(isReportHeader(['_wvx_row', ' _wvx_status', 'id'])).toBe(true);
    expect(isReportHeader(['id', 'status'])).toBe(false);
  });
});

describe('Excel _xHHHH_ escapes', () => {
  it.each([
    ['a\rb', 'a_x000D_b'],
    ['a\r\nb', 'a_x000D_\nb'],
    ['tab\tand\nlf', 'tab\tand\nlf'],
    ['nul\u0000', 'nul_x0000_'],
    ['literal _x0041_', 'literal _x005F_x0041_'],
    ['no escape _x12_', 'no escape _x12_'],
  ])('%j is written %j and decoded back', (text, encoded) => {
    expect(encodeXstring(text)).toBe(encoded);
    expect(decodeXstring(encodeXstring(text))).toBe(text);
  });

  it('decodes what Excel writes for a pasted CRLF', () => {
    expect(decodeXstring('Cra 7_x000D_\nPiso 2')).toBe('Cra 7\r\nPiso 2');
  });
});
