import fs from 'node:fs';
import zlib from 'node:zlib';

/** Part of a zip entry's content: `data`, `times` times over. */
export interface Piece {
  readonly data: Buffer | string;
  readonly times?: number;
}

interface Entry {
  readonly name: string;
  readonly crc: number;
  readonly size: number;
  readonly compressed: Buffer;
}

// Each piece is deflated on its own and ends on a full flush, so one deflated piece repeated is a valid
// deflate stream of the piece repeated: a gigabyte of rows costs a few megabytes and no gigabyte of work.
function deflateEntry(name: string, pieces: readonly Piece[], declaredSize?: number): Entry {
  let crc = 0;
  let size = 0;
  const compressed: Buffer[] = [];
  for (const { data, times = 1 } of pieces) {
    const bytes = Buffer.from(data);
    const deflated = zlib.deflateRawSync(bytes, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
    for (let time = 0; time < times; time += 1) {
      crc = zlib.crc32(bytes, crc);
      size += bytes.length;
      compressed.push(deflated);
    }
  }
  compressed.push(zlib.deflateRawSync(Buffer.alloc(0)));
  return { name, crc, size: declaredSize ?? size, compressed: Buffer.concat(compressed) };
}

/** Writes a zip of deflated entries; `declaredSize` states another uncompressed size than the content's. */
export function writeZip(file: string, entries: readonly { name: string; pieces: readonly Piece[]; declaredSize?: number }[]): void {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name: fileName, pieces, declaredSize } of entries) {
    const entry = deflateEntry(fileName, pieces, declaredSize);
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(Math.min(entry.size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    out.push(local, name, entry.compressed);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(entry.crc >>> 0, 16);
    header.writeUInt32LE(entry.compressed.length, 20);
    header.writeUInt32LE(Math.min(entry.size, 0xffffffff), 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += 30 + name.length + entry.compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...out, directory, end]));
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A one-sheet workbook (sheet 'Datos') whose sheet XML is `sheet` (pieces inside `<sheetData>`), with
 * optional shared strings. Written by hand, as a bomb is: no spreadsheet program writes these.
 */
export function writeWorkbook(
  file: string,
  sheet: { rows: readonly Piece[]; after?: string; declaredSize?: number },
  sharedStrings?: { pieces: readonly Piece[]; declaredSize?: number },
): void {
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${RELATIONSHIPS}/${type}" Target="${target}"/>`;
  const relationships = (...items: string[]) =>
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
  writeZip(file, [
    {
      name: '[Content_Types].xml',
      pieces: [
        {
          data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
        },
      ],
    },
    { name: '_rels/.rels', pieces: [{ data: relationships(rel('rId1', 'officeDocument', 'xl/workbook.xml')) }] },
    { name: 'xl/workbook.xml', pieces: [{ data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="Datos" sheetId="1" r:id="rId1"/></sheets></workbook>` }] },
    {
      name: 'xl/_rels/workbook.xml.rels',
      pieces: [{ data: relationships(rel('rId1', 'worksheet', 'worksheets/sheet1.xml'), ...(sharedStrings ? [rel('rId2', 'sharedStrings', 'sharedStrings.xml')] : [])) }],
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      pieces: [{ data: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>` }, ...sheet.rows, { data: `</sheetData>${sheet.after ?? ''}</worksheet>` }],
      ...(sheet.declaredSize === undefined ? {} : { declaredSize: sheet.declaredSize }),
    },
    ...(sharedStrings
      ? [{ name: 'xl/sharedStrings.xml', pieces: [{ data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">` }, ...sharedStrings.pieces, { data: '</sst>' }], ...(sharedStrings.declaredSize === undefined ? {} : { declaredSize: sharedStrings.declaredSize }) }]
      : []),
  ]);
}
