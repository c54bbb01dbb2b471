// The runtime manifest: everything the handlers and `prospect run` need from a validated spec
// set and one Environment, as plain JSON. The stack writes it to the lake bucket; the local
// runtime builds it in memory. Handlers never read YAML.

import { createHash } from 'node:crypto';
import {
  ActivationSpec,
  allFields,
  AudienceSpec,
  CORE_LABELS,
  DatasetSpec,
  DestinationSpec,
  Doc,
  FieldSpec,
  IdentityNamespaceSpec,
  labelsOfField,
  LabelCategory,
  PolicySpec,
  SchemaSpec,
  SourceSpec,
  SpecSet,
  THIRD_PARTY,
} from '../specs/model';
import { BucketRole, BUCKET_ROLES, bucketName, datasetPrefix, glueDatabaseName, glueTableName, sourceLandingPrefix } from './layout';

export const RUNTIME_MANIFEST_VERSION = 1;

export interface ManifestSchema extends SchemaSpec {
  /** Class fields plus declared fields. */
  readonly allFields: Readonly<Record<string, FieldSpec>>;
  /** Field path -> label codes (after `"*"` expansion). */
  readonly fieldLabels: Readonly<Record<string, readonly string[]>>;
  /** Short content hash of the schema, recorded in batch manifests. */
  readonly version: string;
}

export interface ManifestDataset extends DatasetSpec {
  readonly thirdParty: boolean;
  /** Key prefix of accepted batches in the lake bucket. */
  readonly prefix: string;
  readonly glueTable: string;
}

export interface ManifestSource extends SourceSpec {
  /** Landing prefix in the landing bucket (sources without an external bucket, and sftp). */
  readonly landingPrefix: string;
}

export interface RuntimeManifest {
  readonly version: typeof RUNTIME_MANIFEST_VERSION;
  readonly environment: {
    readonly name: string;
    readonly runtime: 'aws' | 'local';
    readonly region?: string;
    readonly localRoot?: string;
    readonly glueDatabase: string;
    readonly segmentationEngine: 'duckdb' | 'athena';
  };
  readonly buckets: Readonly<Record<BucketRole, string>>;
  readonly namespaces: Readonly<Record<string, IdentityNamespaceSpec>>;
  /** Declared and built-in labels: code -> category. */
  readonly labels: Readonly<Record<string, LabelCategory>>;
  readonly policies: Readonly<Record<string, PolicySpec>>;
  readonly schemas: Readonly<Record<string, ManifestSchema>>;
  readonly datasets: Readonly<Record<string, ManifestDataset>>;
  readonly sources: Readonly<Record<string, ManifestSource>>;
  readonly audiences: Readonly<Record<string, AudienceSpec>>;
  readonly destinations: Readonly<Record<string, DestinationSpec>>;
  readonly activations: Readonly<Record<string, ActivationSpec>>;
}

function specsOf<K extends keyof SpecSet['byKind']>(specs: SpecSet, kind: K): [string, SpecSet['byKind'][K] extends ReadonlyMap<string, infer D> ? D : never][] {
  return [...specs.byKind[kind].entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) as never;
}

export function isThirdPartySchema(schema: SchemaSpec): boolean {
  return Object.values(schema.labels ?? {}).some((codes) => codes.includes(THIRD_PARTY));
}

/** Deterministic: the same specs and environment give the same JSON. */
export function buildRuntimeManifest(specs: SpecSet, env: Doc<'Environment'>): RuntimeManifest {
  const buckets = Object.fromEntries(BUCKET_ROLES.map((r) => [r, bucketName(env, r)])) as Record<BucketRole, string>;
  const labels: Record<string, LabelCategory> = { ...CORE_LABELS };
  for (const [, d] of specsOf(specs, 'Label')) labels[d.spec.code] = d.spec.category;

  const schemas: Record<string, ManifestSchema> = {};
  for (const [name, d] of specsOf(specs, 'Schema')) {
    const fields = allFields(d.spec);
    const fieldLabels: Record<string, string[]> = {};
    for (const f of Object.keys(fields).sort()) fieldLabels[f] = labelsOfField(d.spec, f);
    schemas[name] = { ...d.spec, allFields: fields, fieldLabels, version: shortHash(stableStringify(d.spec)) };
  }
  const datasets: Record<string, ManifestDataset> = {};
  for (const [name, d] of specsOf(specs, 'Dataset')) {
    const schema = specs.byKind.Schema.get(d.spec.schema);
    const thirdParty = schema ? isThirdPartySchema(schema.spec) : false;
    datasets[name] = { ...d.spec, thirdParty, prefix: datasetPrefix(name, thirdParty), glueTable: glueTableName(name, thirdParty) };
  }
  const sources: Record<string, ManifestSource> = {};
  for (const [name, d] of specsOf(specs, 'Source')) sources[name] = { ...d.spec, landingPrefix: sourceLandingPrefix(d) };

  const plain = <K extends 'IdentityNamespace' | 'Policy' | 'Audience' | 'Destination' | 'Activation'>(k: K) =>
    Object.fromEntries(specsOf(specs, k).map(([n, d]) => [n, (d as Doc).spec])) as never;

  return {
    version: RUNTIME_MANIFEST_VERSION,
    environment: {
      name: env.metadata.name,
      runtime: env.spec.runtime,
      region: env.spec.region,
      localRoot: env.spec.localRoot,
      glueDatabase: glueDatabaseName(env),
      segmentationEngine: env.spec.segmentation?.engine ?? 'duckdb',
    },
    buckets,
    namespaces: plain('IdentityNamespace'),
    labels,
    policies: plain('Policy'),
    schemas,
    datasets,
    sources,
    audiences: plain('Audience'),
    destinations: plain('Destination'),
    activations: plain('Activation'),
  };
}

/** JSON with object keys sorted, for hashing and byte-stable output. */
export function stableStringify(value: unknown, indent?: number): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value), null, indent);
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
