// Every document of examples/prospecting passes the published JSON Schemas: the any-kind schema
// the files point editors at (`# yaml-language-server: $schema=...`) and the schema of its kind.
// The schemas come from schemas/*.schema.json when they have been written (`npm run schemas`);
// otherwise they are compiled from specs/json-schemas.ts, which is what those files hold (the test
// that keeps schemas/ in step with specs/json-schemas.ts lives in test/specs).

import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { kebab, publishedSchemas } from '../../specs/json-schemas';
import { KINDS } from '../../specs/model';

const EXAMPLE_DIR = path.join(__dirname, '..', '..', 'examples', 'prospecting');
const SCHEMA_DIR = path.join(__dirname, '..', '..', 'schemas');
const SCHEMA_COMMENT = '# yaml-language-server: $schema=../../schemas/prospect.schema.json';

function loadSchema(file: string): Record<string, unknown> {
  const onDisk = path.join(SCHEMA_DIR, file);
  if (fs.existsSync(onDisk)) return JSON.parse(fs.readFileSync(onDisk, 'utf8')) as Record<string, unknown>;
  const schema = publishedSchemas()[file];
  if (!schema) throw new Error(`no published schema ${file}`);
  return schema;
}

function compile(file: string): ValidateFunction {
  // A fresh Ajv per schema: the published files share definitions but each has its own $id.
  // Same options as specs/schema-validation.ts: strict and all errors, with union types allowed
  // (field `enum` items are `type: [string, number]`) and strictRequired off (if/then blocks
  // require properties declared in the enclosing schema).
  const ajv = new Ajv({ strict: true, allErrors: true, strictRequired: false, allowUnionTypes: true });
  return ajv.compile(loadSchema(file));
}

interface ExampleDoc {
  readonly file: string;
  readonly index: number;
  readonly value: { kind?: string; metadata?: { name?: string } } & Record<string, unknown>;
}

function exampleFiles(): string[] {
  return fs
    .readdirSync(EXAMPLE_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}

function exampleDocs(): ExampleDoc[] {
  const out: ExampleDoc[] = [];
  for (const file of exampleFiles()) {
    const docs = parseAllDocuments(fs.readFileSync(path.join(EXAMPLE_DIR, file), 'utf8'), { uniqueKeys: true });
    if (!Array.isArray(docs)) throw new Error(`${file}: not a YAML stream`);
    docs.forEach((d, index) => {
      if (d.errors.length > 0) throw new Error(`${file} document ${index}: ${d.errors.map((e) => e.message).join('; ')}`);
      out.push({ file, index, value: d.toJS() as ExampleDoc['value'] });
    });
  }
  return out;
}

const docs = exampleDocs();
const anyKind = compile('prospect.schema.json');
const byKind = new Map(KINDS.map((k) => [k, compile(`${kebab(k)}.schema.json`)]));

function errorsOf(v: ValidateFunction): string {
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n');
}

describe('examples/prospecting', () => {
  it('every file starts with the yaml-language-server schema line', () => {
    for (const file of exampleFiles()) {
      expect([file, fs.readFileSync(path.join(EXAMPLE_DIR, file), 'utf8').split('\n')[0]]).toEqual([file, SCHEMA_COMMENT]);
    }
  });

  it.each(docs.map((d) => [`${d.file}#${d.index} ${d.value.kind}/${d.value.metadata?.name}`, d] as const))(
    '%s passes prospect.schema.json and its kind schema',
    (_label, doc) => {
      const okAny = anyKind(doc.value);
      expect(okAny ? '' : errorsOf(anyKind)).toBe('');
      const kindSchema = byKind.get(doc.value.kind as (typeof KINDS)[number]);
      expect(kindSchema).toBeDefined();
      const okKind = kindSchema!(doc.value);
      expect(okKind ? '' : errorsOf(kindSchema!)).toBe('');
    },
  );

  it('holds the whole use case', () => {
    const names = (kind: string): string[] =>
      docs
        .filter((d) => d.value.kind === kind)
        .map((d) => d.value.metadata!.name!)
        .sort();
    expect(names('IdentityNamespace')).toEqual(['email-sha256', 'partner-id']);
    expect(names('Label')).toEqual(['partner-licensed']);
    expect(names('Policy')).toHaveLength(4);
    expect(names('Schema')).toEqual(['acme-prospect-profile']);
    expect(names('Dataset')).toEqual(['acme-prospects']);
    expect(names('Source')).toEqual(['acme-s3-drop', 'acme-sftp-weekly']);
    expect(names('Audience')).toEqual(['golf-enthusiasts-30-55', 'homeowners-with-email', 'west-coast-affluent']);
    expect(names('Destination')).toEqual(['media-partner-sftp', 'partner-match-s3']);
    expect(names('Activation')).toEqual(['acme-match-daily', 'golf-to-media-partner']);
    expect(names('Environment')).toEqual(['dev', 'local', 'prod']);
  });

  it('labels every schema field THIRD_PARTY and keys profiles on the partner namespace', () => {
    const schema = docs.find((d) => d.value.kind === 'Schema')!.value as unknown as {
      spec: { fields: Record<string, unknown>; labels: Record<string, string[]>; primaryIdentity: { field: string; namespace: string } };
    };
    expect(schema.spec.labels['*']).toContain('THIRD_PARTY');
    expect(schema.spec.primaryIdentity).toEqual({ field: 'partnerId', namespace: 'partner-id' });
    const count = Object.keys(schema.spec.fields).length;
    expect(count).toBeGreaterThanOrEqual(14);
    const ns = docs.find((d) => d.value.kind === 'IdentityNamespace' && d.value.metadata?.name === 'partner-id')!.value as unknown as {
      spec: { type: string };
    };
    expect(ns.spec.type).toBe('partner');
  });

  it('maps every source column to a declared schema field', () => {
    const schema = docs.find((d) => d.value.kind === 'Schema')!.value as unknown as { spec: { fields: Record<string, unknown> } };
    for (const d of docs.filter((x) => x.value.kind === 'Source')) {
      const mapping = (d.value as unknown as { spec: { mapping: Record<string, string> } }).spec.mapping;
      for (const target of Object.values(mapping)) expect([d.value.metadata?.name, target, target in schema.spec.fields]).toEqual([d.value.metadata?.name, target, true]);
    }
  });
});

describe('schema checks catch mistakes in the example', () => {
  const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

  it('rejects an unknown key (a typo is never silently ignored)', () => {
    const ds = clone(docs.find((d) => d.value.kind === 'Dataset')!.value) as Record<string, Record<string, unknown>>;
    ds.spec.expirationDays = 90;
    expect(anyKind(ds)).toBe(false);
  });

  it('rejects an sftp source without a schedule', () => {
    const src = clone(docs.find((d) => d.value.metadata?.name === 'acme-sftp-weekly')!.value) as Record<string, Record<string, unknown>>;
    delete src.spec.schedule;
    expect(anyKind(src)).toBe(false);
  });
});
