/**
 * The mapping file as a user writes it: which input column feeds which CRM field, and how each value is
 * read. `schema/mapping.schema.json` describes the same shape for editors; `keys.ts` lists its keys.
 */

/** How a value is read from its cell and what JSON it becomes. */
export type FieldType =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'address'
  | 'table'
  | 'search'
  | 'currency'
  | 'telephone'
  /** The cell holds the value as JSON, sent as it is (what `undo` writes: values exactly as they were read). */
  | 'json';

/** What to do with an empty cell: leave the CRM value alone, send `""`, or refuse the row. */
export type EmptyPolicy = 'skip' | 'clear' | 'error';

export type TextCase = 'lower' | 'upper';

/**
 * When a field is written: `always`, or `if-empty` (only where the CRM's field is empty today, read
 * before the first update; a filled one keeps its value).
 */
export type WriteMode = 'always' | 'if-empty';

/** The decimal mark of number text in the file; the other mark (and spaces) may group thousands. */
export type DecimalMark = '.' | ',';

// The reader's own types: the mapping's reader keys take exactly what the reader understands.
import type { Delimiter, Encoding } from '../input/source.js';

export type { Delimiter, Encoding };

/** A constant written in the mapping (`value`, `map` results, `default`). */
export type Constant = string | number | boolean;

/** How a value is read and converted; every key is optional. */
export interface FieldOptions {
  /** @default 'string' */
  readonly type?: FieldType;
  /** Output format of `date`/`datetime` fields. @default 'YYYY-MM-DD' (date), 'YYYY-MM-DD HH:mm:ss' (datetime) */
  readonly format?: string;
  /** Format of date text in the file, such as `DD/MM/YYYY`. @default ISO text only */
  readonly inputFormat?: string;
  /** Decimal mark of number text (`number`, `integer`, `currency`). @default none: only plain `1500.5` */
  readonly decimal?: DecimalMark;
  /** Replaces the trimmed cell text by its entry, before the type is applied. */
  readonly map?: Readonly<Record<string, Constant>>;
  /** What a value missing from `map` becomes (only with `map`). @default none: a row error */
  readonly default?: Constant;
  /** Trim spaces around text; whitespace-only text then counts as empty. @default true */
  readonly trim?: boolean;
  /** Letter case of text (`string`, `address`, `search`). */
  readonly case?: TextCase;
  /** @default the top-level `empty` */
  readonly empty?: EmptyPolicy;
  /** `if-empty`: sent only where the CRM's field is empty (missing, null, "" or spaces). @default 'always' */
  readonly write?: WriteMode;
  /** `search`: the column with the linked record's wolkvox_id (sent as `value_id`). */
  readonly idColumn?: string;
  /** `search`: the module of the linked record (sent as `searchModuleName`). Required for `search` without `lookup`. @default `lookup.module` */
  readonly searchModule?: string;
  /** `search`: the linked record found by a field of its own (a name), its id sent as `value_id`; instead of `idColumn`. */
  readonly lookup?: LookupSpec;
  /** `currency`: the currency code, such as `COP`. Required for `currency`. */
  readonly symbol?: string;
  /** `telephone`: the country, such as `CO`. */
  readonly country?: string;
  /** `telephone`: the dialling code, such as `+57`. */
  readonly code?: string;
}

/** A field read from one input column. */
export interface ColumnField extends FieldOptions {
  readonly column: string;
}

/** A constant sent for every row. */
export interface ValueField extends FieldOptions {
  readonly value: Constant;
}

/** Text built from columns: `{Nombre} {Apellido}`; a literal brace is written `{{` or `}}`. */
export interface TemplateField extends FieldOptions {
  readonly template: string;
}

export type FieldObject = ColumnField | ValueField | TemplateField;

/** A column name (shorthand for `{ "column": name }`) or a field object. */
export type FieldSpec = string | FieldObject;

/** The options an id may use: it is always text, never empty. */
export type IdOptions = Pick<FieldOptions, 'map' | 'default' | 'trim' | 'case'> & { readonly type?: 'string' };

/** Where the wolkvox id of the record to update comes from. */
export type IdSpec = string | (IdOptions & ({ readonly column: string } | { readonly template: string }));

/**
 * How a key is compared with the CRM field: `exact` (the trimmed text as it is), `ignore-case` (emails:
 * `Ana@Example.com` is `ana@example.com`) or `document` (document numbers: case, spaces, dots, commas,
 * hyphens, slashes and underscores aside, so `1.234.567`, `1 234 567` and `1234567` are one key).
 */
export type MatchCompare = 'exact' | 'ignore-case' | 'document';

/** Where a row's key comes from and which CRM field holds it: the record is the one whose field equals the key. */
export interface MatchSpec {
  /** The input column holding the key, such as `Documento`. */
  readonly column: string;
  /** The CRM field label the key is looked up in, such as `documento`. */
  readonly field: string;
  /** @default 'exact' */
  readonly compare?: MatchCompare;
}

/**
 * A search field's linked record found by the cell's text: the record of `module` whose `field` holds it,
 * compared as `compare` says (as `match` compares). Found on no record or on several, the row fails.
 */
export interface LookupSpec {
  /** The linked record's module, such as `empresas`. */
  readonly module: string;
  /** The CRM field label of that module holding the name, such as `nombre`. */
  readonly field: string;
  /** @default 'exact' */
  readonly compare?: MatchCompare;
}

export interface AttachmentsSpec {
  /** The column listing file names to attach. */
  readonly column: string;
  /** Folder the names are relative to; a relative folder is relative to the mapping file. @default the mapping file's folder */
  readonly baseDir?: string;
  /** Between names in one cell. @default '|' */
  readonly separator?: string;
  /** Largest file accepted. @default 10485760 (10 MiB) */
  readonly maxBytes?: number;
}

/** A mapping file, as written. */
export interface Mapping {
  readonly $schema?: string;
  readonly description?: string;
  /** The wolkvox operation name. */
  readonly operation?: string;
  /** The CRM module, such as `contacts`. */
  readonly module?: string;
  /** Worksheet name, or its 1-based position (read by the input stage). */
  readonly sheet?: string | number;
  /** 1-based row holding the column names (read by the input stage). */
  readonly headerRow?: number;
  /** CSV delimiter (read by the input stage). */
  readonly delimiter?: Delimiter;
  /** CSV encoding (read by the input stage). */
  readonly encoding?: Encoding;
  /** Where each row's wolkvox id comes from. Exactly one of `id` and `match`. */
  readonly id?: IdSpec;
  /** Each row finds its record by a key of its own (a document number, an email) instead of an id. */
  readonly match?: MatchSpec;
  /** @default 'skip' */
  readonly empty?: EmptyPolicy;
  /** CRM field label → where its value comes from. */
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly attachments?: AttachmentsSpec;
}
