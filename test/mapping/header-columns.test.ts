import { describe, expect, it } from 'vitest';
import type { HeaderGroup } from '../../src/input/headers.js';
import { letteredWarnings, repeatedNameError } from '../../src/mapping/header-columns.js';

// What the check says of columns known by their letter (issue 17, item 5); the reader's side is in
// test/input/headers.test.ts, the commands' in test/cli/input-edges.test.ts.
const input = (headers: string[], lettered: HeaderGroup[]) => ({ file: '/tmp/datos.csv', headers, headerPlace: 'line 1 of datos.csv', lettered });
const reads = (...columns: string[]) => columns.map((column) => ({ path: `fields."${column}"`, column }));

describe('columns known by their letter', () => {
  it.each([
    ['one empty header cell', input(['id', 'B'], [{ name: '', columns: [1] }]), "line 1 of datos.csv: column B (2) has no name; it is read as column 'B'. The mapping does not read it."],
    ['three', input(['id', 'B', 'C', 'E'], [{ name: '', columns: [1, 2, 4] }]), "line 1 of datos.csv: columns B–C, E (2–3, 5) have no name; they are read as columns 'B', 'C' and 'E'. The mapping does not read them."],
    ['a run of spacers is not spelt out twice', input(['id', 'B', 'C', 'D', 'E', 'F'], [{ name: '', columns: [1, 2, 3, 4, 5] }]), 'line 1 of datos.csv: columns B–F (2–6) have no name; they are read by their letters. The mapping does not read them.'],
    ['one whose letter is taken', input(['C', 'id'], [{ name: '', columns: [2], leftOut: [2] }]), "line 1 of datos.csv: column C (3) has no name; column C (3) is left out, as its letter is another column's name. The mapping does not read it."],
    ['a repeated name', input(['id', 'B', 'D'], [{ name: 'Nota', columns: [1, 3] }]), "line 1 of datos.csv: 'Nota' names 2 columns: B, D (2, 4); they are read as columns 'B' and 'D'. The mapping does not read them."],
  ])('%s: a warning', (_name, header, warning) => {
    expect(letteredWarnings(reads('id'), header)).toEqual([warning]);
    expect(repeatedNameError(reads('id'), header)).toBeUndefined();
  });

  it('a column the mapping reads by its letter is not warned about; the others of its name or with no name are', () => {
    const header = input(['id', 'B', 'D'], [{ name: 'Nota', columns: [1, 3] }]);
    expect(letteredWarnings(reads('id', 'D'), header)).toEqual(["line 1 of datos.csv: 'Nota' names 2 columns: B, D (2, 4); they are read as columns 'B' and 'D'. The mapping reads only D (4)."]);
    expect(letteredWarnings(reads('id', 'C'), input(['id', 'B', 'C', 'D'], [{ name: '', columns: [1, 2, 3] }]))).toEqual([
      "line 1 of datos.csv: columns B, D (2, 4) have no name; they are read as columns 'B' and 'D'. The mapping does not read them.",
    ]);
    expect(letteredWarnings(reads('id', 'B', 'D'), header)).toEqual([]);
  });

  it('a repeated name the mapping reads is an error naming every key that reads it', () => {
    const error = repeatedNameError([...reads('Nota'), { path: 'id.template', column: 'Nota' }], input(['id', 'B', 'D'], [{ name: 'Nota', columns: [1, 3] }]));
    expect(error?.code).toBe('HEADER_INVALID');
    expect(error?.column).toBe('Nota');
    expect(error?.message).toBe(
      "Bad header in line 1 of datos.csv: 'Nota' names 2 columns: B, D (2, 4), and the mapping reads 'Nota' (fields.\"Nota\", id.template). A column the mapping reads needs a name of its own: rename the columns named (or read one by its letter, such as \"B\"), then try again.",
    );
  });
});
