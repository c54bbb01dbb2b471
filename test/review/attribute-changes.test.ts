import fc from 'fast-check';
import { attributeChanges, renderPath, sameValue } from '../../review/attribute-changes';

describe('attributeChanges', () => {
  it('renders paths as Terraform writes them', () => {
    expect(renderPath(['tags', 'Name'])).toBe('tags.Name');
    expect(renderPath(['ingress', 0, 'cidr_blocks'])).toBe('ingress[0].cidr_blocks');
    expect(renderPath(['tags', 'kubernetes.io/role'])).toBe('tags["kubernetes.io/role"]');
  });

  it('treats null, absent, [] and {} as the same empty value', () => {
    expect(attributeChanges({ before: { a: null, b: [], c: {} }, after: { b: null, c: [] } })).toEqual([]);
  });

  it('marks attributes under a replace path as forcing replacement', () => {
    const changes = attributeChanges({
      before: { ingress: [{ port: 22 }], name: 'a' },
      after: { ingress: [{ port: 2222 }], name: 'b' },
      replacePaths: [['ingress']],
    });
    expect(changes.map((c) => [c.path, c.forcesReplacement])).toEqual([
      ['ingress[0].port', true],
      ['name', false],
    ]);
  });

  it('reports a change even when the marks do not match the shape of the values', () => {
    expect(attributeChanges({ before: { k: 'a' }, after: { k: 'b' }, beforeSensitive: { k: { x: true } }, afterSensitive: {} })).toEqual([
      { path: 'k', before: { kind: 'sensitive' }, after: { kind: 'sensitive' }, forcesReplacement: false },
    ]);
  });

  it('reports something whenever the two sides differ', () => {
    const json = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, 0, 1, 'a', 'b', true),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    const mark = fc.oneof(fc.constant(undefined), fc.constant(true), fc.constant({ a: true }), fc.constant([true]));
    fc.assert(
      fc.property(json, json, mark, mark, (b, a, bs, as) => {
        const changes = attributeChanges({ before: { r: b }, after: { r: a }, beforeSensitive: { r: bs }, afterSensitive: { r: as } });
        return sameValue(b, a) || changes.length > 0;
      }),
      { numRuns: 500 },
    );
  });

  // Any nesting of maps and lists, any marking: a marked leaf never reaches the result.
  it('never lets a value marked sensitive through, at any depth', () => {
    let counter = 0;
    const secret = () => `SECRET#${counter++}#`;
    type Node = { value: unknown; mark: unknown };
    const leaf: fc.Arbitrary<Node> = fc.oneof(
      fc.constant(null).map(() => ({ value: secret(), mark: true })),
      fc.string({ maxLength: 5 }).map((s) => ({ value: `plain-${s}`, mark: false })),
      fc.integer().map((n) => ({ value: n, mark: false })),
    );
    const { node } = fc.letrec<{ node: Node }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('node'), { maxLength: 4 }).map((xs) => ({ value: xs.map((x) => x.value), mark: xs.map((x) => x.mark) })),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('node'), { maxKeys: 4 }).map((d) => ({
          value: Object.fromEntries(Object.entries(d).map(([k, x]) => [k, x.value])),
          mark: Object.fromEntries(Object.entries(d).map(([k, x]) => [k, x.mark])),
        })),
        // A whole subtree marked sensitive.
        fc.dictionary(fc.constantFrom('x', 'y'), leaf, { maxKeys: 2 }).map((d) => ({
          value: Object.fromEntries(Object.entries(d).map(([k]) => [k, secret()])),
          mark: true,
        })),
      ),
    }));
    fc.assert(
      fc.property(node, node, fc.boolean(), (before, after, unknownAfter) => {
        const out = JSON.stringify(
          attributeChanges({
            before: { root: before.value },
            after: unknownAfter ? {} : { root: after.value },
            beforeSensitive: { root: before.mark },
            afterSensitive: { root: after.mark },
            afterUnknown: unknownAfter ? { root: true } : {},
          }),
        );
        return !out.includes('SECRET#');
      }),
      { numRuns: 500 },
    );
  });
});

describe('attributeChanges on very deep values', () => {
  const nest = (depth: number, leaf: unknown): unknown => {
    let v: unknown = leaf;
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  };

  test('a 3,000-level value is one change below the depth cap, not a stack overflow', () => {
    const changes = attributeChanges({ before: { deep: nest(3000, 'a') }, after: { deep: nest(3000, 'b') } });
    expect(changes).toHaveLength(1);
    expect(changes[0].path.startsWith('deep[0]')).toBe(true);
    // compared as text: jest's recursive equality would itself run out of stack on this value
    expect(JSON.stringify(changes[0].after) === JSON.stringify({ kind: 'value', value: nest(3000 - 63, 'b') })).toBe(true);
  });

  test('a sensitive mark anywhere under the cap masks the whole subtree', () => {
    const changes = attributeChanges({ before: { deep: nest(200, 'old-secret') }, after: { deep: nest(200, 'new-secret') }, afterSensitive: { deep: nest(200, true) } });
    expect(JSON.stringify(changes)).not.toMatch(/secret/);
    expect(changes.map((c) => [c.before.kind, c.after.kind])).toEqual([['sensitive', 'sensitive']]);
  });
});
