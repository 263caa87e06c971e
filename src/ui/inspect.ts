import { cellText, draftMapping, readSamples, guessMatchColumn, isWolkvoxBulkError, openInput, type CsvFormat, type Delimiter, type Encoding, type Mapping, type SourceRow, type MatchSpec, type XlsxFormat } from '../index.js';

/** The reader settings the page lets a person choose (the same as --sheet, --header-row, --delimiter, --encoding). */
export interface ReaderChoice {
  readonly sheet?: string | number;
  readonly headerRow?: number;
  readonly delimiter?: Delimiter;
  readonly encoding?: Encoding;
}

/** What one of the first rows would give as the header: its names, or why it cannot be the header. */
export interface HeaderCandidate {
  readonly row: number;
  readonly cells?: readonly string[];
  readonly problem?: string;
}

export interface Inspection {
  readonly format: CsvFormat | XlsxFormat;
  readonly headerRow: number;
  readonly headers: readonly string[];
  /** The first data rows under the header, as text a person sees. */
  readonly samples: readonly { readonly rowNumber: number; readonly values: Readonly<Record<string, string>>; readonly problem?: string }[];
  readonly candidates: readonly HeaderCandidate[];
  /** What `init` would write for this file: with no id column but a key column (documento, NIT, correo …), a `match` by it. */
  readonly draft: Mapping;
  /** The key column the library would match by, offered when the person chooses to find records by a column of theirs. */
  readonly matchGuess?: MatchSpec;
}

const CANDIDATE_ROWS = 8;
const SAMPLE_ROWS = 5;

/**
 * The first rows of a file as the library reads them, so the header row is picked by eye: each of the
 * first rows is opened as if it were the header (what the reader accepts is what the page offers), and
 * the chosen one (the mapping's, or else the one with the most columns) gives the sample values.
 */
export async function inspectFile(file: string, choice: ReaderChoice, signal?: AbortSignal): Promise<Inspection> {
  const open = (headerRow: number) => openInput({ file, ...choice, headerRow, ...(signal ? { signal } : {}) });
  const candidates: HeaderCandidate[] = [];
  for (let row = 1; row <= CANDIDATE_ROWS; row += 1) {
    try {
      const source = await open(row);
      await source.rows.return?.(undefined);
      candidates.push({ row, cells: source.headers });
    } catch (error) {
      // Only a row that cannot be a header is reported per row; an unreadable file stops here.
      if (!isWolkvoxBulkError(error) || (error.code !== 'INPUT_EMPTY' && error.code !== 'HEADER_INVALID')) throw error;
      candidates.push({ row, problem: error.message });
    }
  }
  const widest = candidates.reduce<HeaderCandidate | undefined>((best, candidate) => ((candidate.cells?.length ?? 0) > (best?.cells?.length ?? 0) ? candidate : best), undefined);
  const source = await open(choice.headerRow ?? widest?.row ?? 1);
  try {
    // The draft's types come from the first rows' values; the page shows the first few.
    const rows = await readSamples(source);
    const draft = draftMapping({ ...source, samples: rows.map((row) => row.values) }).mapping;
    const matchGuess = draft.match ?? guessMatchColumn(source.headers);
    return {
      format: source.format,
      headerRow: source.headerRow,
      headers: source.headers,
      samples: rows.slice(0, SAMPLE_ROWS).map(shownRow),
      candidates,
      draft,
      ...(matchGuess ? { matchGuess } : {}),
    };
  } finally {
    await source.rows.return?.(undefined);
  }
}

function shownRow(row: SourceRow): Inspection['samples'][number] {
  const values = Object.fromEntries(Object.entries(row.values).map(([column, value]) => [column, cellText(value)]));
  return row.problem === undefined ? { rowNumber: row.rowNumber, values } : { rowNumber: row.rowNumber, values, problem: row.problem };
}
