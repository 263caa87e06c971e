import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_KEYS,
  CASES,
  DECIMAL_MARKS,
  DELIMITERS,
  EMPTY_POLICIES,
  ENCODINGS,
  FIELD_KEYS,
  FIELD_TYPES,
  ID_KEYS,
  MATCH_COMPARES,
  LOOKUP_KEYS,
  MATCH_KEYS,
  TOP_LEVEL_KEYS,
  TYPE_OPTIONS,
  WRITE_MODES,
} from '../../src/mapping/keys.js';
import { ROOT } from '../helpers.js';

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  enum?: unknown[];
  $ref?: string;
  allOf?: { if: { required: string[] }; then: { properties?: { type?: { enum?: string[] } } } }[];
  [key: string]: unknown;
}

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema/mapping.schema.json'), 'utf8')) as SchemaNode & {
  $defs: Record<string, SchemaNode>;
};
const defs = schema.$defs;
const node = (name: string): SchemaNode => {
  const found = defs[name];
  if (found === undefined) throw new Error(`$defs.${name} is missing`);
  return found;
};
const keysOf = (of: SchemaNode) => Object.keys(of.properties ?? {}).sort();
const sorted = (list: readonly string[]) => [...list].sort();

describe('schema/mapping.schema.json describes what the checker accepts', () => {
  it.each<[string, SchemaNode, readonly string[]]>([
    ['top level', schema, TOP_LEVEL_KEYS],
    ['field objects', node('fieldObject'), FIELD_KEYS],
    ['id objects', node('idObject'), ID_KEYS],
    ['attachments', node('attachments'), ATTACHMENT_KEYS],
    ['match', node('match'), MATCH_KEYS],
    ['a search field\'s lookup', node('lookup'), LOOKUP_KEYS],
  ])('the keys of %s', (_, of, keys) => {
    expect(keysOf(of)).toEqual(sorted(keys));
    expect(of.additionalProperties).toBe(false);
  });

  it.each<[string, unknown[] | undefined, readonly string[]]>([
    ['types', node('type').enum, FIELD_TYPES],
    ['empty policies', node('empty').enum, EMPTY_POLICIES],
    ['cases', node('fieldObject').properties?.case?.enum, CASES],
    ['decimal marks', node('fieldObject').properties?.decimal?.enum, DECIMAL_MARKS],
    ['delimiters', schema.properties?.delimiter?.enum, DELIMITERS],
    ['encodings', schema.properties?.encoding?.enum, ENCODINGS],
    ['key comparisons', node('match').properties?.compare?.enum, MATCH_COMPARES],
    ['lookup comparisons', node('lookup').properties?.compare?.enum, MATCH_COMPARES],
    ['write modes', node('fieldObject').properties?.write?.enum, WRITE_MODES],
  ])('the %s', (_, values, expected) => {
    expect(values).toEqual([...expected]);
  });

  it('limits each type-specific key to the same types', () => {
    const rules = new Map((node('fieldObject').allOf ?? []).map((rule) => [rule.if.required.join(), rule.then.properties?.type?.enum]));
    for (const [key, types] of Object.entries(TYPE_OPTIONS)) expect(rules.get(key), key).toEqual(types);
  });

  it('is a draft 2020-12 schema with a description on every top-level key', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    for (const [key, value] of Object.entries(schema.properties ?? {})) {
      const described = value.description ?? (value.$ref === undefined ? undefined : defs[value.$ref.replace('#/$defs/', '')]?.description);
      expect(described, key).toBeTypeOf('string');
    }
  });

  it('asks for exactly one of "id" and "match"', () => {
    expect(schema.required).toEqual(['fields']);
    expect(schema.oneOf).toEqual([{ required: ['id'] }, { required: ['match'] }]);
    expect(node('match').required).toEqual(['column', 'field']);
  });

  it('only refers to definitions it has', () => {
    const refs = JSON.stringify(schema).match(/"\$ref":"#\/\$defs\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(Object.keys(defs)).toContain(ref.replace(/.*\/(?=[^/]+"$)/, '').replace('"', ''));
  });
});
