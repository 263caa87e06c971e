import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';
import { readAll } from './read-all.js';

// Issue 17, item 6: csv-spectrum (github.com/max-mapper/csv-spectrum), a peer suite of CSV edge cases, each
// with the JSON of what it holds. Values are never altered: what the cell holds is what is read (and sent,
// test/cli/input-edges.test.ts). The files are as a checkout of that repository writes them: its
// .gitattributes gives the *_crlf.csv files CRLF line ends (the blobs in git, and GitHub's raw files,
// have LF), and fixtures/.gitattributes keeps their bytes here.
const cases = fs.readdirSync(fixture('csv-spectrum')).filter((name) => name.endsWith('.csv'));
// Where the suite's JSON disagrees with its own CSV: location_coordinates.json has the phone 1234567890,
// location_coordinates.csv holds 2095257564 (upstream, at d30e80f).
const UPSTREAM_MISMATCH: Readonly<Record<string, Record<string, string>>> = { 'location_coordinates.csv': { 'Contact Phone Number': '2095257564' } };

describe('csv-spectrum: every case is read exactly as its JSON says (issue 17, item 6)', () => {
  it('has its twelve cases, the CRLF ones with CRLF inside their quotes', () => {
    expect(cases).toHaveLength(12);
    expect(fs.readFileSync(fixture('csv-spectrum', 'newlines_crlf.csv'), 'latin1')).toContain('"Once upon \r\na time"');
  });

  it.each(cases)('%s', async (name) => {
    const expected = JSON.parse(fs.readFileSync(fixture('csv-spectrum', `${name}.json`), 'utf8')) as Record<string, string> | Record<string, string>[];
    const { source, rows } = await readAll({ file: fixture('csv-spectrum', name) });
    // An empty cell is absent from a row's values; csv-spectrum writes it as "".
    const records = rows.map((row) => Object.fromEntries(source.headers.map((header) => [header, row.values[header] ?? ''])));
    const stated = (Array.isArray(expected) ? expected : [expected]).map((record) => ({ ...record, ...UPSTREAM_MISMATCH[name] }));
    expect(records).toEqual(stated);
    expect(rows.every((row) => row.problem === undefined)).toBe(true);
  });
});
