// Spec sets for construct and stack tests, built from typed documents (no YAML).

import { API_VERSION, Doc, emptySpecSet, Kind, SpecByKind, SpecSet } from '../../specs/model';

export function doc<K extends Kind>(kind: K, name: string, spec: SpecByKind[K], labels?: Record<string, string>): Doc<K> {
  return { apiVersion: API_VERSION, kind, metadata: { name, ...(labels ? { labels } : {}) }, spec };
}

export function specSet(docs: readonly Doc[]): SpecSet {
  const set = emptySpecSet();
  for (const d of docs) (set.byKind[d.kind] as Map<string, Doc>).set(d.metadata.name, d);
  return set;
}

export function awsEnvironment(name = 'dev', spec: Partial<SpecByKind['Environment']> = {}): Doc<'Environment'> {
  return doc('Environment', name, {
    runtime: 'aws',
    account: '123456789012',
    region: 'eu-west-1',
    namePrefix: 'acme',
    tags: { owner: 'data-platform' },
    state: { bucket: 'acme-tf-state', key: `prospect/${name}.tfstate`, dynamodbTable: 'acme-tf-locks' },
    ...spec,
  });
}

export const partnerNamespace = doc('IdentityNamespace', 'acme-partner-id', { code: 'ACME_PID', type: 'partner' });

export const prospectSchema = doc('Schema', 'acme-prospect', {
  class: 'individual-prospect-profile',
  fields: {
    age: { type: 'integer' },
    incomeBand: { type: 'string', enum: ['A', 'B', 'C'] },
    'homeAddress.state': { type: 'string', description: 'Two-letter US state' },
    hashedEmail: { type: 'string' },
    homeOwner: { type: 'boolean' },
    score: { type: 'number' },
    birthDate: { type: 'date' },
  },
  primaryIdentity: { field: 'partnerId', namespace: 'ACME_PID' },
  labels: { '*': ['THIRD_PARTY'], hashedEmail: ['C2', 'I2'], 'homeAddress.state': ['C2'] },
});

export const prospectsDataset = doc('Dataset', 'acme-prospects', { schema: 'acme-prospect', expiration: { afterDays: 90 } }, { team: 'growth' });

const csv = { type: 'csv' as const, header: true };
export const landingSource = doc('Source', 'acme-s3-drop', {
  type: 's3',
  dataset: 'acme-prospects',
  format: csv,
  mapping: { PARTNER_ID: 'partnerId', AGE: 'age' },
  s3: { writerPrincipal: 'arn:aws:iam::444455556666:role/acme-delivery' },
}, { partner: 'acme' });
export const externalSource = doc('Source', 'acme-s3-pull', {
  type: 's3',
  dataset: 'acme-prospects',
  format: csv,
  mapping: { PARTNER_ID: 'partnerId' },
  schedule: '15 5 * * 1-5',
  s3: { bucket: 'acme-outbound', prefix: 'exports/', roleArn: 'arn:aws:iam::444455556666:role/acme-read' },
});
export const sftpSource = doc('Source', 'acme-sftp-weekly', {
  type: 'sftp',
  dataset: 'acme-prospects',
  format: { type: 'json', compression: 'gzip' },
  mapping: { id: 'partnerId' },
  schedule: '0 6 * * 1',
  sftp: {
    host: 'sftp.acme.example',
    username: 'prospect',
    auth: { type: 'ssh-key', secretName: 'prospect/acme-sftp' },
    hostKeyFingerprint: 'SHA256:abc',
    path: '/outbound/',
  },
});

export const golfAudience = doc('Audience', 'golf-30-55', { dataset: 'acme-prospects', rule: 'age between 30 and 55', schedule: '0 7 * * *' });
export const weeklyAudience = doc('Audience', 'homeowners', { dataset: 'acme-prospects', rule: 'homeOwner = true', schedule: '30 8 * * 1' });

const file = { format: 'csv' as const };
export const s3Destination = doc('Destination', 'media-s3', { type: 's3', s3: {}, acceptsNamespaces: ['ACME_PID'], marketingActions: ['onsiteAdvertising'], file });
export const externalDestination = doc('Destination', 'dsp-s3', {
  type: 's3',
  s3: { bucket: 'dsp-inbound', prefix: 'acme/', roleArn: 'arn:aws:iam::777788889999:role/dsp-write' },
  acceptsNamespaces: ['ACME_PID'],
  marketingActions: ['onsiteAdvertising'],
  file,
});
export const sftpDestination = doc('Destination', 'media-sftp', {
  type: 'sftp',
  sftp: { host: 'sftp.media.example', username: 'acme', auth: { type: 'password', secretName: 'prospect/media-sftp' }, hostKeyFingerprint: 'SHA256:def', path: '/in/' },
  acceptsNamespaces: ['ACME_PID'],
  marketingActions: ['onsiteAdvertising'],
  file,
});

export const dailyActivation = doc('Activation', 'golf-to-media', {
  destination: 'media-s3',
  audiences: ['golf-30-55'],
  identity: 'ACME_PID',
  attributes: ['age'],
  schedule: { frequency: 'daily', startDate: '2026-01-01', endDate: '2026-12-31' },
});
export const afterSegmentationActivation = doc('Activation', 'homeowners-to-dsp', {
  destination: 'dsp-s3',
  audiences: ['homeowners', 'golf-30-55'],
  identity: 'ACME_PID',
  attributes: ['homeOwner'],
  schedule: { frequency: 'daily', trigger: 'after-segmentation' },
});
export const onceActivation = doc('Activation', 'golf-to-sftp-once', {
  destination: 'media-sftp',
  audiences: ['golf-30-55'],
  identity: 'ACME_PID',
  attributes: ['age'],
  schedule: { frequency: 'once', startDate: '2026-03-01' },
});
export const sixHourActivation = doc('Activation', 'homeowners-to-sftp', {
  destination: 'media-sftp',
  audiences: ['homeowners'],
  identity: 'ACME_PID',
  attributes: ['homeOwner'],
  schedule: { frequency: 'every-6h' },
});

/** One document of each shape the constructs handle. */
export function sampleDocs(): Doc[] {
  return [
    partnerNamespace,
    prospectSchema,
    prospectsDataset,
    landingSource,
    externalSource,
    sftpSource,
    golfAudience,
    weeklyAudience,
    s3Destination,
    externalDestination,
    sftpDestination,
    dailyActivation,
    afterSegmentationActivation,
    onceActivation,
    sixHourActivation,
  ];
}

/** The synthesized JSON's resources of one type, by address name. */
export function resourcesOf(json: string, type: string): Record<string, Record<string, unknown>> {
  return ((JSON.parse(json) as { resource?: Record<string, Record<string, Record<string, unknown>>> }).resource ?? {})[type] ?? {};
}

/** The one resource of `type` whose attributes match `pick`, or a thrown error listing what there is. */
export function onlyResource(json: string, type: string, pick: (r: Record<string, unknown>) => boolean = () => true): Record<string, unknown> {
  const all = Object.values(resourcesOf(json, type)).filter(pick);
  if (all.length !== 1) throw new Error(`expected one ${type} matching, found ${all.length}`);
  return all[0];
}

/** A role's inline policy document (by the function name's suffix). */
export function rolePolicy(json: string, handler: string): { Statement: { Sid: string; Effect: string; Action: string[]; Resource: string[]; Condition?: unknown }[] } {
  const roles = resourcesOf(json, 'aws_iam_role');
  const roleName = Object.entries(roles).find(([, r]) => r.name === `acme-dev-${handler}`)?.[0];
  if (!roleName) throw new Error(`no role acme-dev-${handler}`);
  const policy = Object.values(resourcesOf(json, 'aws_iam_role_policy')).find((p) => p.role === `\${aws_iam_role.${roleName}.id}`);
  if (!policy) throw new Error(`no policy on role ${roleName}`);
  return JSON.parse(policy.policy as string);
}
