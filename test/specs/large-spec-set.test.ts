// The benchmark's large spec set (bench/generate-spec-set.ts) is valid and has the documented
// size, so that bench/validate measures a full validation (and bench/synth a full synthesis).
import { countDocuments, countsAt, generateLargeSpecSet } from '../../bench/generate-spec-set';
import { loadSpecTexts } from '../../specs/loader';
import { KINDS } from '../../specs/model';
import { validateLoaded } from '../../specs/validate';

describe('generateLargeSpecSet', () => {
  const files = generateLargeSpecSet(1);
  const load = loadSpecTexts(files);

  it('has the documented number of documents of each kind at 1x', () => {
    const byKind = Object.fromEntries(KINDS.map((k) => [k, 0]));
    for (const d of load.documents) byKind[(d.value as { kind: string }).kind]++;
    const c = countsAt(1);
    expect(byKind).toEqual({
      IdentityNamespace: c.namespaces,
      Label: c.labels,
      Policy: c.policies,
      Schema: 20,
      Dataset: 100,
      Source: 100,
      Audience: 1000,
      Destination: 50,
      Activation: 500,
      Environment: 3,
    });
    expect(countDocuments(files)).toBe(load.documents.length);
    expect(load.documents.length).toBeGreaterThan(1800);
  });

  it('every schema has 50 fields', () => {
    for (const d of load.documents.filter((x) => (x.value as { kind: string }).kind === 'Schema')) {
      expect(Object.keys((d.value as { spec: { fields: object } }).spec.fields)).toHaveLength(50);
    }
  });

  it('is valid, with and without an environment', () => {
    expect(validateLoaded(load).diagnostics).toEqual([]);
    expect(validateLoaded(load, { env: 'dev' }).diagnostics).toEqual([]);
  });

  it('is deterministic and grows with the scale', () => {
    expect(generateLargeSpecSet(1)).toEqual(files);
    const two = generateLargeSpecSet(2);
    // everything doubles but the two base namespaces and the three environments
    expect(countDocuments(two)).toBe(2 * countDocuments(files) - 2 - 3);
  });

  it('rejects a scale that is not a positive integer', () => {
    expect(() => generateLargeSpecSet(0)).toThrow(RangeError);
    expect(() => generateLargeSpecSet(1.5)).toThrow(RangeError);
  });
});
