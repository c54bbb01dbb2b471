// A prospect spec set for runtime tests (built with the real buildRuntimeManifest), and a
// deterministic partner CSV generator with a known share of invalid rows.

import * as fs from 'node:fs';
import { buildRuntimeManifest, RuntimeManifest } from '../../runtime/manifest';
import { Doc, emptySpecSet, Kind, SourceSpec, SpecByKind } from '../../specs/model';

function doc<K extends Kind>(kind: K, name: string, spec: SpecByKind[K]): Doc<K> {
  return { apiVersion: 'prospect/v1', kind, metadata: { name }, spec };
}

export const PARTNER_COLUMNS = ['partner_id', 'first_name', 'state', 'zip', 'age', 'income_band', 'interests', 'last_updated', 'birth_date', 'score', 'homeowner'] as const;

export const PARTNER_MAPPING: Record<string, string> = {
  partner_id: 'partnerId',
  first_name: 'firstName',
  state: 'homeAddress.state',
  zip: 'homeAddress.postalCode',
  age: 'age',
  income_band: 'incomeBand',
  interests: 'interests',
  last_updated: 'modifyDate',
  birth_date: 'birthDate',
  score: 'score',
  homeowner: 'homeowner',
};

export const STATES = ['CA', 'OR', 'WA', 'NY', 'TX', 'FL', 'NV', 'AZ'];

export interface FixtureOptions {
  readonly runtime?: 'aws' | 'local';
  readonly localRoot?: string;
  /** Extra or replacement sources (name -> spec); the default is `acme-s3` (csv). */
  readonly sources?: Record<string, Partial<SourceSpec>>;
  readonly expirationDays?: number;
}

export function partnerManifest(opts: FixtureOptions = {}): RuntimeManifest {
  const specs = emptySpecSet();
  specs.byKind.IdentityNamespace.set('acme-id', doc('IdentityNamespace', 'acme-id', { code: 'ACME_ID', type: 'partner' }));
  specs.byKind.Schema.set(
    'acme-prospect',
    doc('Schema', 'acme-prospect', {
      class: 'individual-prospect-profile',
      fields: {
        firstName: { type: 'string', maxLength: 50 },
        'homeAddress.state': { type: 'string', enum: STATES, required: true },
        'homeAddress.postalCode': { type: 'string', pattern: '^[0-9]{5}$' },
        age: { type: 'integer', minimum: 18, maximum: 120 },
        incomeBand: { type: 'string', enum: ['A', 'B', 'C', 'D', 'E', 'F'] },
        interests: { type: 'string' },
        birthDate: { type: 'date' },
        score: { type: 'number', minimum: 0, maximum: 1 },
        homeowner: { type: 'boolean' },
      },
      primaryIdentity: { field: 'partnerId', namespace: 'acme-id' },
      labels: { '*': ['THIRD_PARTY'], birthDate: ['C9'] },
    }),
  );
  specs.byKind.Dataset.set('acme-prospects', doc('Dataset', 'acme-prospects', { schema: 'acme-prospect', expiration: { afterDays: opts.expirationDays ?? 30 } }));
  const base: SourceSpec = {
    type: 's3',
    dataset: 'acme-prospects',
    format: { type: 'csv', delimiter: ',', header: true },
    mapping: PARTNER_MAPPING,
    errorThreshold: 10,
  };
  const sources = opts.sources ?? { 'acme-s3': {} };
  for (const [name, patch] of Object.entries(sources)) {
    specs.byKind.Source.set(name, doc('Source', name, { ...base, ...patch, format: { ...base.format, ...patch.format } } as SourceSpec));
  }
  const env = doc('Environment', 'test', { runtime: opts.runtime ?? 'local', localRoot: opts.localRoot, region: 'us-east-1' });
  return buildRuntimeManifest(specs, env);
}

/** Deterministic pseudo-random numbers (an LCG), so files are the same on every run. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export interface PartnerRowsOptions {
  readonly rows: number;
  /** Share of rows made invalid (one bad value each). @default 0.02 */
  readonly invalidShare?: number;
  readonly seed?: number;
  /** First partner id number. @default 1 */
  readonly firstId?: number;
}

/**
 * CSV text lines (no trailing newline) for PARTNER_COLUMNS: quoted commas, doubled quotes,
 * quoted newlines, ZIP codes with leading zeros; `invalidShare` of rows carry one invalid value.
 * Returns the lines and how many rows were made invalid.
 */
export function* partnerCsvLines(opts: PartnerRowsOptions): Generator<string, void, undefined> {
  const rnd = lcg(opts.seed ?? 7);
  const invalid = opts.invalidShare ?? 0.02;
  const first = opts.firstId ?? 1;
  yield PARTNER_COLUMNS.join(',');
  for (let i = 0; i < opts.rows; i++) {
    const n = first + i;
    const bad = rnd() < invalid ? Math.floor(rnd() * 6) + 1 : 0;
    const pad = (v: number, w: number) => String(v).padStart(w, '0');
    const row = [
      bad === 1 ? '' : `P${pad(n, 9)}`,
      rnd() < 0.1 ? `"Smith, ""J"" ${n % 100}"` : `Name${n % 1000}`,
      bad === 2 ? 'ZZ' : STATES[n % STATES.length],
      pad(Math.floor(rnd() * 100000), 5),
      bad === 3 ? '12.5' : String(18 + Math.floor(rnd() * 80)),
      'ABCDEF'[n % 6],
      rnd() < 0.05 ? '"golf\ntennis"' : 'golf;travel',
      bad === 4 ? '2024-13-01T00:00:00Z' : `2024-${pad(1 + (n % 12), 2)}-${pad(1 + (n % 28), 2)}T${pad(n % 24, 2)}:${pad(n % 60, 2)}:00Z`,
      `19${50 + (n % 50)}-${pad(1 + (n % 12), 2)}-${pad(1 + (n % 28), 2)}`,
      bad === 5 ? '1.5' : (Math.floor(rnd() * 1000) / 1000).toString(),
      bad === 6 ? 'maybe' : n % 2 ? 'true' : 'false',
    ];
    yield row.join(',');
  }
}

/** Writes a partner CSV with backpressure; returns its size in bytes. */
export async function writePartnerCsv(file: string, opts: PartnerRowsOptions): Promise<number> {
  const out = fs.createWriteStream(file);
  let batch: string[] = [];
  const flush = async () => {
    if (!out.write(batch.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    batch = [];
  };
  for (const line of partnerCsvLines(opts)) {
    batch.push(line);
    if (batch.length >= 5000) await flush();
  }
  if (batch.length) await flush();
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return fs.statSync(file).size;
}
