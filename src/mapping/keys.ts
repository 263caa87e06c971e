import { DELIMITERS, ENCODINGS } from '../input/source.js';
import type { DecimalMark, EmptyPolicy, FieldType, MatchCompare, TextCase, WriteMode } from './types.js';

/**
 * The vocabulary of a mapping file: the keys and values the checker accepts. The JSON Schema must list
 * the same ones; test/mapping/schema.test.ts compares them.
 */

export const TOP_LEVEL_KEYS = [
  '$schema',
  'description',
  'operation',
  'module',
  'sheet',
  'headerRow',
  'delimiter',
  'encoding',
  'id',
  'match',
  'empty',
  'fields',
  'attachments',
] as const;

export const SOURCE_KEYS = ['column', 'value', 'template'] as const;

export const FIELD_KEYS = [
  ...SOURCE_KEYS,
  'type',
  'format',
  'inputFormat',
  'decimal',
  'map',
  'default',
  'trim',
  'case',
  'empty',
  'write',
  'idColumn',
  'searchModule',
  'lookup',
  'symbol',
  'country',
  'code',
] as const;

// An id is text read like a string field; the other field keys have no meaning for it.
export const ID_KEYS = ['column', 'template', 'type', 'map', 'default', 'trim', 'case'] as const;

// A key is the trimmed text of one column, compared as `compare` says.
export const MATCH_KEYS = ['column', 'field', 'compare'] as const;

// A search field's linked record by a field of its own: its module, the field, compared as `match` compares.
export const LOOKUP_KEYS = ['module', 'field', 'compare'] as const;

export const MATCH_COMPARES: readonly MatchCompare[] = ['exact', 'ignore-case', 'document'];

export const ATTACHMENT_KEYS = ['column', 'baseDir', 'separator', 'maxBytes'] as const;

export const FIELD_TYPES: readonly FieldType[] = [
  'string',
  'number',
  'integer',
  'boolean',
  'date',
  'datetime',
  'address',
  'table',
  'search',
  'currency',
  'telephone',
  'json',
];

export const EMPTY_POLICIES: readonly EmptyPolicy[] = ['skip', 'clear', 'error'];
export const CASES: readonly TextCase[] = ['lower', 'upper'];
export const WRITE_MODES: readonly WriteMode[] = ['always', 'if-empty'];
export const DECIMAL_MARKS: readonly DecimalMark[] = ['.', ','];
export { DELIMITERS, ENCODINGS };

/** What a drafted mapping's `$schema` says: the schema an editor checks the file with. */
export const SCHEMA_URL = 'https://unpkg.com/wolkvox-bulk/schema/mapping.schema.json';

// Options that only mean something for some types; anywhere else they are a mistake worth reporting.
export const TYPE_OPTIONS: Readonly<Record<string, readonly FieldType[]>> = {
  format: ['date', 'datetime'],
  inputFormat: ['date', 'datetime'],
  decimal: ['number', 'integer', 'currency'],
  case: ['string', 'address', 'search'],
  idColumn: ['search'],
  searchModule: ['search'],
  lookup: ['search'],
  symbol: ['currency'],
  country: ['telephone'],
  code: ['telephone'],
};

// Type names people write from other tools, for the did-you-mean hint only (never accepted).
export const TYPE_ALIASES: Readonly<Record<string, FieldType>> = {
  text: 'string',
  str: 'string',
  int: 'integer',
  float: 'number',
  double: 'number',
  decimal: 'number',
  bool: 'boolean',
  phone: 'telephone',
  money: 'currency',
  timestamp: 'datetime',
};

export const DEFAULT_SEPARATOR = '|';
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The vocabulary in one object, for a program that edits mappings (the page's mapping editor): the field
 * types, empty policies, write modes, decimal marks, cases, delimiters and encodings a mapping may name, the options
 * each type takes, and the schema's address.
 */
export const MAPPING_VOCABULARY = {
  types: FIELD_TYPES,
  empty: EMPTY_POLICIES,
  writes: WRITE_MODES,
  decimals: DECIMAL_MARKS,
  cases: CASES,
  delimiters: DELIMITERS,
  encodings: ENCODINGS,
  typeOptions: TYPE_OPTIONS,
  matchCompares: MATCH_COMPARES,
  schema: SCHEMA_URL,
} as const;
