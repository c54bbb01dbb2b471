// A large, valid spec set for benchmarks: at scale 1, 20 schemas of 50 fields, 100 datasets,
// 100 sources, 1,000 audiences, 50 destinations, 500 activations, plus identity namespaces,
// labels, policies and environments (about 1,850 documents); every count grows with the scale.
// Deterministic: the same scale always gives the same files, byte for byte.
//
//   node dist/bench/generate-spec-set.js OUT_DIR [SCALE]

import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SpecFile {
  readonly file: string;
  readonly text: string;
}

export interface SpecSetCounts {
  readonly namespaces: number;
  readonly labels: number;
  readonly policies: number;
  readonly schemas: number;
  readonly fieldsPerSchema: number;
  readonly datasets: number;
  readonly sources: number;
  readonly audiences: number;
  readonly destinations: number;
  readonly activations: number;
  readonly environments: number;
}

/** Documents of each kind at a scale. */
export function countsAt(scale: number): SpecSetCounts {
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`scale must be a positive integer, got ${scale}`);
  return {
    namespaces: 2 + 8 * scale,
    labels: 10 * scale,
    policies: 20 * scale,
    schemas: 20 * scale,
    fieldsPerSchema: 50,
    datasets: 100 * scale,
    sources: 100 * scale,
    audiences: 1000 * scale,
    destinations: 50 * scale,
    activations: 500 * scale,
    environments: 3,
  };
}

const HEADER = 'apiVersion: prospect/v1\n';
const pad = (n: number, w = 4): string => String(n).padStart(w, '0');
const doc = (kind: string, name: string, spec: string, description?: string): string =>
  `${HEADER}kind: ${kind}\nmetadata:\n  name: ${name}\n${description ? `  description: ${description}\n` : ''}spec:\n${spec}`;

type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';
interface Field {
  readonly name: string;
  readonly type: FieldType;
  readonly enum?: readonly string[];
  /** Direct identifier: labelled I1, never used by audiences or activations. */
  readonly identifying?: boolean;
}

const TYPES: readonly FieldType[] = ['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'string', 'integer'];
const BANDS = ['A', 'B', 'C', 'D', 'E', 'F'];

/** The 50 fields of every generated schema (partnerId first; nested paths for a fifth of them). */
function fieldsOf(count: number): Field[] {
  const out: Field[] = [{ name: 'partnerId', type: 'string' }];
  for (let j = 1; j < count; j++) {
    const type = TYPES[j % TYPES.length];
    const base = j % 5 === 0 ? `address.part${j}` : `attr${j}`;
    out.push({ name: base, type, enum: type === 'string' && j % 3 === 0 ? BANDS : undefined, identifying: j % 17 === 0 });
  }
  return out;
}

function fieldYaml(f: Field): string {
  const lines = [`    ${f.name}:`, `      type: ${f.type}`];
  if (f.enum) lines.push(`      enum: [${f.enum.join(', ')}]`);
  else if (f.type === 'string') lines.push('      maxLength: 200');
  if (f.type === 'integer') lines.push('      minimum: 0', '      maximum: 100000');
  if (f.type === 'number') lines.push('      minimum: 0');
  if (f.name === 'partnerId') lines.push("      pattern: '^P[0-9]{10}$'", '      required: true');
  return lines.join('\n') + '\n';
}

/** A condition on field `f` that type-checks. */
function condition(f: Field, k: number): string {
  switch (f.type) {
    case 'string':
      return f.enum ? `${f.name} in ["${BANDS[k % 6]}", "${BANDS[(k + 1) % 6]}"]` : k % 2 ? `${f.name} contains "x${k % 10}"` : `${f.name} exists`;
    case 'integer':
      return `${f.name} between ${k % 50} and ${50 + (k % 50)}`;
    case 'number':
      return `${f.name} >= ${(k % 20) / 2}`;
    case 'boolean':
      return `${f.name} = ${k % 2 === 0}`;
    case 'date':
      return `${f.name} < date("20${10 + (k % 15)}-0${1 + (k % 9)}-15")`;
    case 'datetime':
      return `${f.name} >= datetime("2025-0${1 + (k % 9)}-01T00:00:00Z")`;
  }
}

/** Groups documents into files of `per` documents: `dir/prefix-0001.yaml`. */
function chunk(docs: string[], per: number, dir: string, prefix: string): SpecFile[] {
  const out: SpecFile[] = [];
  for (let i = 0; i < docs.length; i += per) {
    out.push({ file: `${dir}/${prefix}-${pad(i / per + 1)}.yaml`, text: docs.slice(i, i + per).join('---\n') });
  }
  return out;
}

/** The files of a valid spec set at `scale` (1 = about 1,850 documents). */
export function generateLargeSpecSet(scale: number): SpecFile[] {
  const c = countsAt(scale);
  const fields = fieldsOf(c.fieldsPerSchema);
  const usable = fields.filter((f) => f.name !== 'partnerId' && !f.identifying);
  const files: SpecFile[] = [];

  // identity namespaces: the one every schema uses, an e-mail one, and more partner namespaces
  const namespaces = [doc('IdentityNamespace', 'partner-id', '  code: PARTNER_ID\n  type: partner\n'), doc('IdentityNamespace', 'email-sha256', '  code: EMAIL_SHA256\n  type: email\n')];
  for (let i = 1; i <= c.namespaces - 2; i++) namespaces.push(doc('IdentityNamespace', `partner-${pad(i)}`, `  code: PARTNER_${pad(i)}\n  type: partner\n`));
  files.push({ file: 'governance/identity.yaml', text: namespaces.join('---\n') });

  const labels: string[] = [];
  for (let i = 1; i <= c.labels; i++) labels.push(doc('Label', `contract-label-${pad(i)}`, `  code: CONTRACT_${pad(i)}\n  category: contract\n`));
  files.push({ file: 'governance/labels.yaml', text: labels.join('---\n') });

  // policies deny what no activation touches: direct identifiers for matching, licensed labels for e-mail
  const policies: string[] = [];
  for (let i = 1; i <= c.policies; i++) {
    const deny = i % 2 ? '    allOf: [THIRD_PARTY, I1]\n' : `    anyOf: [CONTRACT_${pad(1 + (i % c.labels))}, {allOf: [C12, I2]}]\n`;
    policies.push(doc('Policy', `policy-${pad(i)}`, `  marketingActions: [${i % 2 ? 'segmentMatch, crossSiteTargeting' : 'emailTargeting, exportToThirdParty'}]\n  deny:\n${deny}  enabled: ${i % 7 !== 0}\n`));
  }
  files.push(...chunk(policies, 20, 'governance', 'policies'));

  for (let s = 1; s <= c.schemas; s++) {
    const spec =
      '  class: individual-prospect-profile\n' +
      '  primaryIdentity:\n    field: partnerId\n    namespace: partner-id\n' +
      '  fields:\n' +
      fields.map(fieldYaml).join('') +
      '  labels:\n    "*": [THIRD_PARTY]\n' +
      fields
        .filter((f) => f.identifying)
        .map((f) => `    ${f.name}: [I1]\n`)
        .join('') +
      `    ${usable[0].name}: [CONTRACT_${pad(1 + (s % c.labels))}]\n`;
    files.push({ file: `schemas/schema-${pad(s)}.yaml`, text: doc('Schema', `profile-${pad(s)}`, spec, `Generated prospect schema ${s} of ${c.schemas}.`) });
  }

  const schemaOfDataset = (d: number): number => 1 + ((d - 1) % c.schemas);
  const datasets: string[] = [];
  for (let d = 1; d <= c.datasets; d++) datasets.push(doc('Dataset', `dataset-${pad(d)}`, `  schema: profile-${pad(schemaOfDataset(d))}\n  expiration:\n    afterDays: ${30 + (d % 60)}\n`));
  files.push(...chunk(datasets, 50, 'datasets', 'datasets'));

  const sources: string[] = [];
  for (let i = 1; i <= c.sources; i++) {
    const mapping = fields.map((f) => `    ${f.name.replace(/\./g, '_').toUpperCase()}: ${f.name}\n`).join('');
    const transport =
      i % 4 === 0
        ? `  type: sftp\n  sftp:\n    host: sftp-${i}.partner.example.com\n    username: ingest\n    auth:\n      type: ssh-key\n      secretName: prospect/partner-${i}/key\n    hostKeyFingerprint: SHA256:Jz5ZL0n3vY4a8sJd0lJpQzq5cD7bN8mK2xHf1gT6wEo\n    path: /outbound/${i}\n  schedule: "0 ${i % 24} * * *"\n`
        : `  type: s3\n  s3:\n    prefix: partners/source-${pad(i)}/\n`;
    sources.push(doc('Source', `source-${pad(i)}`, `${transport}  dataset: dataset-${pad(1 + ((i - 1) % c.datasets))}\n  format:\n    type: ${i % 4 === 0 ? 'json' : 'csv'}\n  mapping:\n${mapping}  errorThreshold: 10\n`));
  }
  files.push(...chunk(sources, 25, 'sources', 'sources'));

  const audiences: string[] = [];
  for (let a = 1; a <= c.audiences; a++) {
    const n = 2 + (a % 4);
    const parts = Array.from({ length: n }, (_, k) => condition(usable[(a * 7 + k * 11) % usable.length], a + k));
    const rule = a % 3 === 0 ? `${parts[0]} and (${parts.slice(1).join(' or ')})` : a % 3 === 1 ? parts.join(' and ') : `not ${parts[0]} and ${parts.slice(1).join(' and ')}`;
    audiences.push(doc('Audience', `audience-${pad(a)}`, `  dataset: dataset-${pad(1 + ((a - 1) % c.datasets))}\n  rule: '${rule}'\n  schedule: "${a % 60} ${a % 24} * * *"\n`));
  }
  files.push(...chunk(audiences, 100, 'audiences', 'audiences'));

  const destinations: string[] = [];
  for (let i = 1; i <= c.destinations; i++) {
    const transport =
      i % 3 === 0
        ? `  type: sftp\n  sftp:\n    host: sftp-${i}.media.example.net\n    username: prospecting\n    auth:\n      type: password\n      secretName: prospect/media-${i}/password\n    hostKeyFingerprint: SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8\n    path: /inbound/${i}\n`
        : `  type: s3\n  s3:\n    prefix: exports/destination-${pad(i)}/\n`;
    destinations.push(
      doc(
        'Destination',
        `destination-${pad(i)}`,
        `${transport}  acceptsNamespaces: [partner-id]\n  marketingActions: [${i % 2 ? 'segmentMatch, analytics' : 'onsiteAdvertising, dataScience'}]\n  file:\n    format: ${['csv', 'json', 'parquet'][i % 3]}\n    nameTemplate: "%DESTINATION_NAME%_%AUDIENCE_NAME%_%DATETIME(YYYYMMdd_HHmmss)%"\n`,
      ),
    );
  }
  files.push(...chunk(destinations, 25, 'destinations', 'destinations'));

  // two audiences of one dataset (so of one schema) per activation
  const activations: string[] = [];
  for (let i = 1; i <= c.activations; i++) {
    const a1 = i;
    const a2 = i + c.datasets <= c.audiences ? i + c.datasets : i;
    const ds = 1 + ((a1 - 1) % c.datasets);
    void ds;
    const attrs = Array.from({ length: 5 }, (_, k) => usable[(i + k * 9) % usable.length].name);
    const uniqueAttrs = [...new Set(attrs)];
    activations.push(
      doc(
        'Activation',
        `activation-${pad(i)}`,
        `  destination: destination-${pad(1 + ((i - 1) % c.destinations))}\n  audiences: [${[...new Set([a1, a2])].map((a) => `audience-${pad(a)}`).join(', ')}]\n  identity: partner-id\n  attributes: [${uniqueAttrs.join(', ')}]\n  dedupKeys: [partner-id]\n  schedule:\n    frequency: daily\n    startDate: "2026-01-05"\n`,
      ),
    );
  }
  files.push(...chunk(activations, 50, 'activations', 'activations'));

  const environments = [
    doc('Environment', 'dev', `  runtime: aws\n  region: us-east-1\n  namePrefix: bench\n  overrides:\n    Dataset:\n      dataset-${pad(1)}:\n        expiration: {afterDays: 7}\n    Audience:\n      audience-${pad(1)}: {schedule: "0 9 * * 1"}\n`),
    doc('Environment', 'prod', `  runtime: aws\n  account: "210987654321"\n  region: us-west-2\n  namePrefix: bench\n  overrides:\n    Source:\n      source-${pad(1)}: {errorThreshold: 5}\n`),
    doc('Environment', 'local', '  runtime: local\n  localRoot: .prospect-local\n'),
  ];
  files.push({ file: 'environments.yaml', text: environments.join('---\n') });
  return files;
}

/** Writes the set below `dir` (created when missing); returns the number of files. */
export function writeLargeSpecSet(dir: string, scale: number): number {
  const files = generateLargeSpecSet(scale);
  for (const f of files) {
    const full = path.join(dir, f.file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, f.text);
  }
  return files.length;
}

/** Number of YAML documents in generated files. */
export function countDocuments(files: readonly SpecFile[]): number {
  return files.reduce((n, f) => n + f.text.split(/^---$/m).length, 0);
}

if (require.main === module) {
  const [out, scale = '1'] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node dist/bench/generate-spec-set.js OUT_DIR [SCALE]');
    process.exit(2);
  }
  const n = writeLargeSpecSet(out, Number(scale));
  console.log(`wrote ${n} files (${countDocuments(generateLargeSpecSet(Number(scale)))} documents) to ${out}`);
}
