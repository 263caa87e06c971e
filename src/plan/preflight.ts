import path from 'node:path';
import { openInput, type ReadOptions } from '../input/open.js';
import type { CsvFormat, InputSource, XlsxFormat } from '../input/source.js';
import { compileMapping, mappingErrorWithColumns, type CompiledMapping } from '../mapping/compile.js';
import { loadedFrom, readMappingFile, type LoadedMapping } from '../mapping/load.js';
import { message, type Message } from '../core/say.js';
import { mappingError } from '../mapping/problems.js';
import { READER_KEYS } from '../mapping/references.js';
import type { MatchRule } from '../mapping/match-key.js';
import { forEachName, lookupReads, type LookupRead, type LookupRule } from '../mapping/record-lookup.js';
import { KeyIndex } from './key-index.js';
import type { Mapping } from '../mapping/types.js';
import type { MappedRow, MapResult, RowProblem, SourceRow } from '../core/types.js';
import { IdIndex } from './id-index.js';
import { JOB_DEFAULTS } from './job-settings.js';
import type { ReaderOverrides } from './options.js';


/** The mapping's reader settings, overridden by the command line's. */
export function readOptionsFor(file: string, loaded: LoadedMapping, overrides: ReaderOverrides = {}): ReadOptions {
  const { sheet, headerRow, delimiter, encoding } = { ...loaded.mapping, ...definedOnly(overrides) };
  return {
    file,
    ...(sheet === undefined ? {} : { sheet }),
    ...(headerRow === undefined ? {} : { headerRow }),
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(encoding === undefined ? {} : { encoding }),
  };
}

const definedOnly = <T extends object>(object: T): Partial<T> =>
  Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;

/**
 * Loads a mapping for one input file, with every problem in one report: its shape, and the columns it
 * names checked against the file's header even when the shape is wrong (`compileMapping` checks them
 * when it is right).
 */
export async function loadMappingFor(mappingFile: string, file: string, overrides: ReaderOverrides = {}): Promise<LoadedMapping> {
  const read = await readMappingFile(mappingFile);
  if (read.problems.length === 0) return loadedFrom(read);
  // Reader settings with a problem would read another header: the columns are checked once they are fixed.
  const broken = READER_KEYS.filter((key) => overrides[key] === undefined && read.problems.some((problem) => problem.path === key));
  if (broken.length > 0) {
    throw mappingError(read.file, read.problems, [message('mapping.columns-after-fix', { file: path.basename(file), keys: broken })]);
  }
  let header: InputSource;
  try {
    const source = await openInput(readOptionsFor(file, { mapping: read.value as Mapping, file: read.file, dir: path.dirname(read.file) }, overrides));
    await source.rows.return?.(undefined);
    header = source;
  } catch (error) {
    // The file's own problem comes after the mapping's; say so rather than leave the columns unchecked silently.
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw mappingError(read.file, read.problems, [message('mapping.columns-unchecked', { reason })]);
  }
  throw mappingErrorWithColumns(read.file, read.problems, read.value, header);
}

/** An opened input with its compiled mapping: what every pass over the file starts from. */
export interface MappedInput {
  readonly source: InputSource;
  readonly mapping: CompiledMapping;
}

export async function openMappedInput(options: ReadOptions, loaded: LoadedMapping): Promise<MappedInput> {
  const source = await openInput(options);
  try {
    return { source, mapping: compileMapping(loaded, source) };
  } catch (error) {
    await source.rows.return?.(undefined);
    throw error;
  }
}

/** Where an id occurs more than once. */
export interface DuplicateId {
  readonly id: string;
  readonly rows: readonly number[];
}

/** What `validate` (and `update` before its first call) found in the whole file. */
export interface PreflightReport {
  readonly file: string;
  readonly format: CsvFormat | XlsxFormat;
  readonly headers: readonly string[];
  readonly headerRow: number;
  /** Data rows in the file. */
  readonly rows: number;
  readonly valid: number;
  readonly invalid: number;
  /** Valid rows with nothing to send (every field empty and skipped). */
  readonly empty: number;
  /** The first `maxProblems` problems, in file order. */
  readonly problems: readonly RowProblem[];
  /** Problems in all, shown or not. */
  readonly problemCount: number;
  readonly duplicates: readonly DuplicateId[];
  /** The bodies of the first valid rows, as they would be sent. */
  readonly preview: readonly MappedRow[];
  /** What a person should know though nothing is wrong: header columns known by their letter, not read. */
  readonly warnings: readonly string[];
  /** The same warnings as messages (their codes and parameters), for a skin to word in the person's language. */
  readonly warningsSaid?: readonly Message[];
  /**
   * With a mapping's `match`: how rows find their records. Each row's `id` (in `duplicates` and
   * `preview`) is then its key, normalised, not a wolkvox id.
   */
  readonly match?: MatchRule;
  /** With search fields' `lookup`: the reads `update` makes before its first update, each with its distinct names. */
  readonly lookups?: readonly LookupCount[];
  /** The fields written only where the CRM's is empty (`"write": "if-empty"`): update reads the records first. */
  readonly ifEmpty?: readonly string[];
}

/** A lookup read as `validate` tells it: the module and field, and the distinct names of the rows to send. */
export interface LookupCount extends LookupRead {
  readonly names: number;
}

/** For each duplicated id, the ordinals of its rows; what `--duplicates` decides from. */
export type DuplicateIndex = ReadonlyMap<string, readonly number[]>;

export interface PreflightOptions {
  readonly maxProblems?: number;
  readonly preview?: number;
  readonly signal?: AbortSignal;
  /** Called for every row's mapping result, in file order (the job plans each row from it). */
  readonly onRow?: (ordinal: number, result: MapResult, row: SourceRow) => void;
}

/** Reads and maps the whole file without sending anything. */
export async function preflight(
  input: MappedInput,
  options: PreflightOptions = {},
): Promise<{ report: PreflightReport; duplicates: DuplicateIndex; rowNumberOf: (ordinal: number) => number }> {
  const maxProblems = options.maxProblems ?? 20;
  const previewSize = options.preview ?? JOB_DEFAULTS.preview;
  // Every id, compactly: the repeated ones (few, usually none) are found once the whole file is read.
  const ids = new IdIndex();
  let rows = 0;
  const problems: RowProblem[] = [];
  const preview: MappedRow[] = [];
  let problemCount = 0;
  let valid = 0;
  let invalid = 0;
  let empty = 0;
  const lookups = lookupCounter(input.mapping.lookups);

  // A batch of rows at a time (those of a chunk of the file): one await a batch, not one a row.
  const { rows: source } = input.source;
  try {
    for (let batch = await source.nextBatch(); batch; batch = await source.nextBatch()) {
      for (const row of batch) {
        options.signal?.throwIfAborted();
        const ordinal = rows;
        rows += 1;
        const result = input.mapping.mapRow(row);
        options.onRow?.(ordinal, result, row);
        if (result.kind === 'invalid') {
          invalid += 1;
          problemCount += result.problems.length;
          for (const problem of result.problems) if (problems.length < maxProblems) problems.push(problem);
          continue;
        }
        valid += 1;
        // A row with nothing to send is not a duplicate of anything: it is skipped whatever its id.
        if (result.kind === 'empty') {
          empty += 1;
          continue;
        }
        if (preview.length < previewSize) preview.push(result.row);
        ids.add(result.row.id, ordinal, row.rowNumber);
        lookups?.add(result.row.fields);
      }
    }
  } catch (error) {
    // As a `for await` would: the file is closed however the loop ends.
    await source.return?.(undefined);
    throw error;
  }
  const repeated = ids.repeated();
  // Each row's line by its ordinal, for the messages of repeated ids: the id index's own array (4 bytes a row), not a map of their rows.
  const lineOf = ids.lines();
  return {
    report: {
      file: input.source.file,
      format: input.source.format,
      headers: input.source.headers,
      headerRow: input.source.headerRow,
      rows,
      valid,
      invalid,
      empty,
      problems,
      problemCount,
      duplicates: repeated.map(({ id, rows: numbers }) => ({ id, rows: numbers })),
      preview,
      warnings: input.mapping.warnings,
      ...(input.mapping.warningsSaid.length > 0 ? { warningsSaid: input.mapping.warningsSaid } : {}),
      ...(input.mapping.match === undefined ? {} : { match: input.mapping.match }),
      ...(lookups ? { lookups: lookups.counts() } : {}),
    },
    duplicates: new Map(repeated.map(({ id, ordinals }) => [id, ordinals])),
    rowNumberOf: lineOf,
  };
}

// The distinct names of each lookup read, in a key index (bounded memory, however many rows share them).
function lookupCounter(rules: readonly LookupRule[]) {
  if (rules.length === 0) return undefined;
  const reads = lookupReads(rules);
  const indexes = reads.map(() => new KeyIndex());
  return {
    add(fields: Readonly<Record<string, unknown>>): void {
      forEachName(fields, reads, (n, key) => indexes[n]?.add(key));
    },
    counts(): LookupCount[] {
      return reads.map((read, n) => {
        const index = indexes[n] as KeyIndex;
        index.seal();
        return { ...read, names: index.size };
      });
    },
  };
}
