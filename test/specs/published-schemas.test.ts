// The JSON Schemas published under schemas/ for editors: in step with the code, valid under
// ajv strict mode, and passed by every document of the example (with the any-kind schema and
// with the schema of the document's kind).
import Ajv, { ValidateFunction } from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kebab, publishedSchemas } from '../../specs/json-schemas';
import { loadSpecDir, loadSpecTexts } from '../../specs/loader';
import { KINDS } from '../../specs/model';
import { baseFiles, toInputs } from './fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
const SCHEMAS = path.join(ROOT, 'schemas');
const EXAMPLE = path.join(ROOT, 'examples', 'prospecting');

function compile(file: string): ValidateFunction {
  const ajv = new Ajv({ strict: true, allErrors: true });
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8')));
}

describe('published schemas', () => {
  it('schemas/ holds exactly the files publishedSchemas() names, byte for byte (run `npm run schemas` after a change)', () => {
    const expected = publishedSchemas();
    const onDisk = fs.readdirSync(SCHEMAS).filter((f) => f.endsWith('.json')).sort();
    expect(onDisk).toEqual(Object.keys(expected).sort());
    for (const [name, schema] of Object.entries(expected)) {
      expect({ name, text: fs.readFileSync(path.join(SCHEMAS, name), 'utf8') }).toEqual({ name, text: JSON.stringify(schema, null, 2) + '\n' });
    }
  });

  it('one file per kind plus one for any document', () => {
    expect(Object.keys(publishedSchemas()).sort()).toEqual(['prospect.schema.json', ...KINDS.map((k) => `${kebab(k)}.schema.json`)].sort());
  });

  it.each(Object.keys(publishedSchemas()))('%s compiles under ajv strict mode', (file) => {
    expect(() => compile(file)).not.toThrow();
  });

  describe('the example passes them', () => {
    const load = loadSpecDir(EXAMPLE);
    const any = compile('prospect.schema.json');
    const perKind = Object.fromEntries(KINDS.map((k) => [k, compile(`${kebab(k)}.schema.json`)]));

    it('loads every document of the example', () => {
      expect(load.diagnostics).toEqual([]);
      expect(load.documents.length).toBeGreaterThanOrEqual(20);
      expect(new Set(load.documents.map((d) => (d.value as { kind: string }).kind))).toEqual(new Set(KINDS));
    });

    it.each(load.documents.map((d) => [`${d.file}#${d.index}`, d] as const))('%s', (_id, d) => {
      const kind = (d.value as { kind: (typeof KINDS)[number] }).kind;
      expect({ any: any(d.value) ? 'ok' : any.errors }).toEqual({ any: 'ok' });
      const v = perKind[kind];
      expect({ [kind]: v(d.value) ? 'ok' : v.errors }).toEqual({ [kind]: 'ok' });
    });

    it('every example file names the published schema for its editor', () => {
      for (const f of fs.readdirSync(EXAMPLE).filter((x) => x.endsWith('.yaml'))) {
        const m = /^# yaml-language-server: \$schema=(\S+)$/m.exec(fs.readFileSync(path.join(EXAMPLE, f), 'utf8'));
        expect({ f, schema: m && fs.existsSync(path.resolve(EXAMPLE, m[1])) }).toEqual({ f, schema: true });
      }
    });
  });

  describe('they reject what the validator rejects', () => {
    const any = compile('prospect.schema.json');
    const docs = loadSpecTexts(toInputs(baseFiles())).documents.map((d) => d.value as Record<string, unknown>);

    it('the test fixtures pass', () => {
      for (const doc of docs) expect(any(doc) ? 'ok' : any.errors).toBe('ok');
    });

    it.each([
      ['an unknown top-level key', (d: Record<string, unknown>) => ({ ...d, extra: 1 })],
      ['an unknown spec key', (d: Record<string, unknown>) => ({ ...d, spec: { ...(d.spec as object), colour: 'red' } })],
      ['a wrong apiVersion', (d: Record<string, unknown>) => ({ ...d, apiVersion: 'prospect/v2' })],
      ['a name that is not kebab-case', (d: Record<string, unknown>) => ({ ...d, metadata: { name: 'Not_Kebab' } })],
      ['a spec that is not a mapping', (d: Record<string, unknown>) => ({ ...d, spec: [] })],
    ])('%s, in every kind', (_name, mutate) => {
      for (const doc of docs) {
        expect(any(mutate(doc))).toBe(false);
        const kind = doc.kind as string;
        expect(compile(`${kebab(kind)}.schema.json`)(mutate(doc))).toBe(false);
      }
    });

    it("a per-kind schema rejects another kind's document", () => {
      const dataset = docs.find((d) => d.kind === 'Dataset')!;
      expect(compile('source.schema.json')(dataset)).toBe(false);
    });
  });
});
