import { newlyAllowed, specRisks } from '../../../review/diff/spec-risks';
import type { Risk } from '../../../review/report';
import { Doc, emptySpecSet, Kind, SpecSet } from '../../../specs/model';
import { validateSpecDir } from '../../../specs/validate';
import { EXAMPLE } from './git-fixture';

const example = validateSpecDir(EXAMPLE).specs;

/** The example with one document's spec patched (shallow per top-level key), or removed (patch null). */
function changed(edits: Partial<Record<Kind, Record<string, Record<string, unknown> | null>>>, from: SpecSet = example): SpecSet {
  const set = emptySpecSet();
  for (const [kind, byName] of Object.entries(from.byKind) as [Kind, ReadonlyMap<string, Doc>][]) {
    for (const [name, doc] of byName) {
      const patch = edits[kind]?.[name];
      if (patch === null) continue;
      (set.byKind[kind] as Map<string, Doc>).set(name, patch ? ({ ...doc, spec: { ...doc.spec, ...patch } } as Doc) : doc);
    }
  }
  for (const [kind, byName] of Object.entries(edits) as [Kind, Record<string, Record<string, unknown> | null>][]) {
    for (const [name, patch] of Object.entries(byName)) {
      if (patch && !from.byKind[kind].has(name)) (set.byKind[kind] as Map<string, Doc>).set(name, { apiVersion: 'prospect/v1', kind, metadata: { name }, spec: patch } as unknown as Doc);
    }
  }
  return set;
}

const brief = (risks: readonly Risk[]) => risks.map((r) => `${r.severity} ${r.category} ${r.document}: ${r.message}`);
const schema = example.byKind.Schema.get('acme-prospect-profile')!.spec;
const matchPolicy = example.byKind.Policy.get('no-direct-identifiers-in-matching')!.spec;
const activation = example.byKind.Activation.get('golf-to-media-partner')!.spec;

describe('specRisks', () => {
  test('no risk between a spec set and itself', () => {
    expect(specRisks({ base: example, head: example })).toEqual([]);
  });

  test.each<[string, Parameters<typeof changed>[0], string[]]>([
    [
      'a label removed from fields',
      { Schema: { 'acme-prospect-profile': { labels: { ...schema.labels, 'person.firstName': [], 'person.lastName': [] } } } },
      ['high governance Schema/acme-prospect-profile: label I1 removed from fields person.firstName, person.lastName; an enabled policy denies it, so the fields are no longer protected by it'],
    ],
    [
      'THIRD_PARTY removed from "*"',
      { Schema: { 'acme-prospect-profile': { labels: { ...schema.labels, '*': [] } } } },
      ['high governance Schema/acme-prospect-profile: label THIRD_PARTY removed from every field (it was on "*"); policies that deny THIRD_PARTY no longer see these fields as partner data'],
    ],
    [
      'a label no policy denies, removed: medium',
      { Schema: { 'acme-prospect-profile': { labels: { ...schema.labels, birthDate: [] } } } },
      ['medium governance Schema/acme-prospect-profile: label C9 removed from field birthDate'],
    ],
    [
      'a policy disabled',
      { Policy: { 'no-third-party-onsite': { enabled: false } } },
      ['high governance Policy/no-third-party-onsite: policy disabled: THIRD_PARTY for onsitePersonalization, onsiteAdvertising is no longer denied'],
    ],
    [
      'a policy removed',
      { Policy: { 'licensed-hashes-stay-in-house': null } },
      ['high governance Policy/licensed-hashes-stay-in-house: policy removed: PARTNER_LICENSED and (C12 or I2) for exportToThirdParty, emailTargeting is no longer denied'],
    ],
    [
      'a policy with fewer marketing actions',
      { Policy: { 'no-direct-identifiers-in-matching': { marketingActions: ['segmentMatch'] } } },
      ['high governance Policy/no-direct-identifiers-in-matching: policy loosened: no longer applies to marketing action crossSiteTargeting'],
    ],
    [
      'a deny expression that denies fewer label sets',
      { Policy: { 'no-third-party-onsite': { deny: { allOf: ['THIRD_PARTY', 'I1'] } } } },
      ['high governance Policy/no-third-party-onsite: policy loosened: deny narrowed from THIRD_PARTY to THIRD_PARTY and I1; fields labelled THIRD_PARTY were denied and now are not'],
    ],
    ['a wider deny expression is no risk', { Policy: { 'no-direct-identifiers-in-matching': { deny: 'THIRD_PARTY' } } }, []],
    ['enabling a draft policy is no risk', { Policy: { 'no-third-party-cross-site': { enabled: true } } }, []],
    ['a disabled policy loosened further is no risk', { Policy: { 'no-third-party-cross-site': { marketingActions: [] } } }, []],
    [
      'a new activation sending THIRD_PARTY fields',
      { Activation: { 'golf-to-new-partner': { ...activation, destination: 'partner-match-s3' } } },
      ['high governance Activation/golf-to-new-partner: new activation: destination partner-match-s3 receives THIRD_PARTY data (age, homeAddress.postalCode, interests, partnerId)'],
    ],
    [
      'attributes added to an activation',
      { Activation: { 'golf-to-media-partner': { attributes: [...activation.attributes, 'incomeBand', 'homeOwner'] } } },
      ['high governance Activation/golf-to-media-partner: destination media-partner-sftp newly receives THIRD_PARTY fields homeOwner, incomeBand'],
    ],
    ['attributes removed from an activation is no risk', { Activation: { 'golf-to-media-partner': { attributes: ['age'] } } }, []],
    [
      'an activation moved to another destination',
      { Activation: { 'golf-to-media-partner': { destination: 'partner-match-s3' } } },
      ['high governance Activation/golf-to-media-partner: destination changed from media-partner-sftp to partner-match-s3, which now receives THIRD_PARTY data (age, homeAddress.postalCode, interests, partnerId)'],
    ],
    [
      'an expiration shortened',
      { Dataset: { 'acme-prospects': { expiration: { afterDays: 30 } } } },
      ['high data-loss Dataset/acme-prospects: expiration shortened from 90 to 30 days: records and rejected rows older than 30 days are deleted at the next lifecycle run'],
    ],
    ['an expiration lengthened is no risk', { Dataset: { 'acme-prospects': { expiration: { afterDays: 180 } } } }, []],
    [
      'a dataset removed',
      { Dataset: { 'acme-prospects': null } },
      ['high data-loss Dataset/acme-prospects: dataset removed: its prefix datasets/third-party/acme-prospects/ and Glue table third_party_acme_prospects go, with every record in them'],
    ],
    [
      'a source removed',
      { Source: { 'acme-sftp-weekly': null } },
      ['medium data-loss Source/acme-sftp-weekly: source removed: partner files are no longer ingested into dataset acme-prospects, its schedule and its secret go'],
    ],
  ])('%s', (_name, edits, expected) => {
    expect(brief(specRisks({ base: example, head: changed(edits) }))).toEqual(expected);
  });

  test('a renamed s3 source says that its landing prefix moves', () => {
    const drop = example.byKind.Source.get('acme-s3-drop')!.spec;
    const head = changed({ Source: { 'acme-s3-drop': null, 'acme-s3-daily': drop as unknown as Record<string, unknown> } });
    expect(brief(specRisks({ base: example, head, renames: [{ kind: 'Source', from: 'acme-s3-drop', to: 'acme-s3-daily' }] }))).toEqual([
      'high data-loss Source/acme-s3-drop: source removed: partner files are no longer ingested into dataset acme-prospects, its landing trigger goes (renamed to acme-s3-daily? its resources are destroyed and created again under the new name, and its landing prefix moves from sources/acme-s3-drop/ to sources/acme-s3-daily/: the partner must write there)',
    ]);
  });
});

describe('newlyAllowed: is the head deny expression narrower?', () => {
  test.each<[string, unknown, unknown, string[] | undefined | 'unknown']>([
    ['same', 'A', 'A', undefined],
    ['a label to an allOf', 'A', { allOf: ['A', 'B'] }, ['A']],
    ['anyOf losing a member', { anyOf: ['A', 'B'] }, 'A', ['B']],
    ['anyOf to allOf', { anyOf: ['A', 'B'] }, { allOf: ['A', 'B'] }, ['A']],
    ['allOf to anyOf (wider)', { allOf: ['A', 'B'] }, { anyOf: ['A', 'B'] }, undefined],
    ['nested, equivalent', { allOf: ['P', { anyOf: ['C', 'I'] }] }, { anyOf: [{ allOf: ['P', 'C'] }, { allOf: ['P', 'I'] }] }, undefined],
    ['another label entirely', 'A', 'B', ['A']],
    ['too many labels', { anyOf: 'ABCDEFGHIJKLMNOPQ'.split('') }, 'A', 'unknown'],
  ])('%s', (_name, base, head, expected) => {
    expect(newlyAllowed(base as never, head as never)).toEqual(expected);
  });
});
