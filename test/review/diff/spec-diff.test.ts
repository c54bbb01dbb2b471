import { diffSpecs, fieldChanges, SpecDocument, specDocuments } from '../../../review/diff/spec-diff';
import { loadSpecTexts } from '../../../specs/loader';

const v = (value: unknown) => ({ kind: 'value', value });

function docOf(kind: string, name: string, spec: unknown, file = `${kind.toLowerCase()}.yaml`, metadata: Record<string, unknown> = {}): SpecDocument {
  return { kind, name, file, value: { apiVersion: 'prospect/v1', kind, metadata: { name, ...metadata }, spec } };
}

describe('fieldChanges', () => {
  test.each([
    ['a scalar', { spec: { expiration: { afterDays: 90 } } }, { spec: { expiration: { afterDays: 30 } } }, [{ path: 'spec.expiration.afterDays', before: v(90), after: v(30) }]],
    ['an added field (null before)', { spec: {} }, { spec: { enabled: false } }, [{ path: 'spec.enabled', before: v(null), after: v(false) }]],
    ['a removed field (null after)', { spec: { enabled: true } }, { spec: {} }, [{ path: 'spec.enabled', before: v(true), after: v(null) }]],
    ['a list of scalars is one field', { spec: { marketingActions: ['a', 'b'] } }, { spec: { marketingActions: ['a'] } }, [{ path: 'spec.marketingActions', before: v(['a', 'b']), after: v(['a']) }]],
    ['keys with dots are quoted', { spec: { fields: { 'homeAddress.state': { type: 'string' } } } }, { spec: { fields: { 'homeAddress.state': { type: 'integer' } } } }, [{ path: 'spec.fields["homeAddress.state"].type', before: v('string'), after: v('integer') }]],
    ['nested expressions go by index', { spec: { deny: { allOf: ['A', { anyOf: ['B', 'C'] }] } } }, { spec: { deny: { allOf: ['A', { anyOf: ['B'] }] } } }, [{ path: 'spec.deny.allOf[1].anyOf', before: v(['B', 'C']), after: v(['B']) }]],
    ['metadata too', { metadata: { labels: { team: 'a' } } }, { metadata: { labels: { team: 'b' } } }, [{ path: 'metadata.labels.team', before: v('a'), after: v('b') }]],
    ['nothing for equal documents', { spec: { a: [1, 2] } }, { spec: { a: [1, 2] } }, []],
  ])('%s', (_name, before, after, expected) => {
    expect(fieldChanges(before, after)).toEqual(expected);
  });
});

describe('diffSpecs', () => {
  test('reports added, removed and changed documents keyed by kind and name, in kind order', () => {
    const base = [docOf('Audience', 'a', { rule: 'x = 1' }), docOf('Dataset', 'd', { expiration: { afterDays: 90 } }), docOf('Policy', 'gone', { enabled: true })];
    const head = [docOf('Dataset', 'd', { expiration: { afterDays: 60 } }, 'moved.yaml'), docOf('Audience', 'a', { rule: 'x = 1' }), docOf('Audience', 'new', { rule: 'y = 2' })];
    expect(diffSpecs(base, head)).toEqual({
      changes: [
        { kind: 'Policy', name: 'gone', change: 'removed', file: 'policy.yaml', fields: [] },
        { kind: 'Dataset', name: 'd', change: 'changed', file: 'moved.yaml', fields: [{ path: 'spec.expiration.afterDays', before: v(90), after: v(60) }] },
        { kind: 'Audience', name: 'new', change: 'added', file: 'audience.yaml', fields: [] },
      ],
      renames: [],
    });
  });

  test('the same name in two kinds is two documents', () => {
    const r = diffSpecs([docOf('Source', 'acme', {})], [docOf('Destination', 'acme', {})]);
    expect(r.changes.map((c) => `${c.change} ${c.kind}/${c.name}`)).toEqual(['removed Source/acme', 'added Destination/acme']);
  });

  test('a rename is a removal plus an addition, and a possible rename when nothing else changed', () => {
    const spec = { type: 's3', dataset: 'd' };
    const r = diffSpecs([docOf('Source', 'old', spec, 's.yaml', { description: 'x' })], [docOf('Source', 'new', spec, 's.yaml', { description: 'x' })]);
    expect(r.changes.map((c) => `${c.change} ${c.name}`)).toEqual(['added new', 'removed old']);
    expect(r.renames).toEqual([{ kind: 'Source', from: 'old', to: 'new' }]);
  });

  test('no possible rename when the content also changed, or across kinds', () => {
    expect(diffSpecs([docOf('Source', 'old', { a: 1 })], [docOf('Source', 'new', { a: 2 })]).renames).toEqual([]);
    expect(diffSpecs([docOf('Source', 'old', { a: 1 })], [docOf('Destination', 'new', { a: 1 })]).renames).toEqual([]);
  });

  test('specDocuments keeps the first of duplicate documents, as validation does, and skips nameless ones', () => {
    const load = loadSpecTexts([
      { file: 'a.yaml', text: 'kind: Label\nmetadata: {name: l}\nspec: {code: A}\n---\nkind: Label\nmetadata: {name: l}\nspec: {code: B}\n---\nkind: Label\nspec: {}\n' },
    ]);
    expect(specDocuments(load.documents)).toEqual([{ kind: 'Label', name: 'l', file: 'a.yaml', value: { kind: 'Label', metadata: { name: 'l' }, spec: { code: 'A' } } }]);
  });
});
