// Typed view of a spec set: one interface per kind, as SPEC-FORMAT.md v1 defines them.
// The JSON Schemas in json-schemas.ts are the enforced form of these types.

export const API_VERSION = 'prospect/v1';

export const KINDS = [
  'IdentityNamespace',
  'Label',
  'Policy',
  'Schema',
  'Dataset',
  'Source',
  'Audience',
  'Destination',
  'Activation',
  'Environment',
] as const;
export type Kind = (typeof KINDS)[number];

export interface Metadata {
  readonly name: string;
  readonly description?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export type NamespaceType = 'partner' | 'email' | 'phone' | 'cookie' | 'device' | 'cross_device' | 'non_people';
export interface IdentityNamespaceSpec {
  readonly code: string;
  readonly type: NamespaceType;
}

export type LabelCategory = 'contract' | 'identity' | 'sensitive' | 'partner-ecosystem' | 'custom';
export interface LabelSpec {
  readonly code: string;
  readonly category: LabelCategory;
}

/** A label expression: a label code, or anyOf / allOf over expressions. */
export type LabelExpression = string | { readonly anyOf: readonly LabelExpression[] } | { readonly allOf: readonly LabelExpression[] };
export interface PolicySpec {
  readonly marketingActions: readonly string[];
  readonly deny: LabelExpression;
  /** @default true */
  readonly enabled?: boolean;
}

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';
export interface FieldSpec {
  readonly type: FieldType;
  readonly enum?: readonly (string | number)[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  /** @default false */
  readonly required?: boolean;
  readonly description?: string;
}
export interface SchemaSpec {
  readonly class: 'individual-prospect-profile';
  /** Dotted path (e.g. `homeAddress.state`) to field. */
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly primaryIdentity: { readonly field: string; readonly namespace: string };
  /** Field path, or `"*"` for every field, to label codes. */
  readonly labels?: Readonly<Record<string, readonly string[]>>;
  /** @default true */
  readonly profileEnabled?: boolean;
}

export interface DatasetSpec {
  readonly schema: string;
  /** @default true */
  readonly profileEnabled?: boolean;
  readonly expiration: { readonly afterDays: number };
  /** @default 'timestamp-ordered' */
  readonly mergePolicy?: 'timestamp-ordered';
}

export interface SourceFormat {
  readonly type: 'csv' | 'json' | 'parquet';
  /** @default ',' */
  readonly delimiter?: string;
  /** @default 'utf-8' */
  readonly encoding?: 'utf-8' | 'iso-8859-1';
  /** @default 'none' */
  readonly compression?: 'none' | 'gzip';
  /** csv only: the first row names the columns. @default true */
  readonly header?: boolean;
  /** csv only. @default '"' */
  readonly quote?: string;
}

export interface S3Location {
  /** An existing bucket outside this stack; left out, the environment's landing bucket is used. */
  readonly bucket?: string;
  readonly prefix?: string;
  /** Role assumed to read an external bucket (sources) or write to it (destinations). */
  readonly roleArn?: string;
  /** Principal (account or role ARN) allowed to write to the landing prefix (sources without `bucket`). */
  readonly writerPrincipal?: string;
}

export interface SftpLocation {
  readonly host: string;
  /** @default 22 */
  readonly port?: number;
  readonly username: string;
  readonly auth: { readonly type: 'password' | 'ssh-key'; readonly secretName: string };
  /** `SHA256:<base64>` as printed by `ssh-keygen -lf`. */
  readonly hostKeyFingerprint: string;
  readonly path: string;
}

export interface SourceSpec {
  readonly type: 's3' | 'sftp';
  readonly dataset: string;
  readonly format: SourceFormat;
  /** File column (or JSON key) to schema field path. */
  readonly mapping: Readonly<Record<string, string>>;
  /** Cron expression (UTC), 5 fields. Required for sftp sources and external s3 buckets. */
  readonly schedule?: string;
  /** Percent of rejected rows above which the whole file is not published. @default 10 */
  readonly errorThreshold?: number;
  readonly s3?: S3Location;
  readonly sftp?: SftpLocation;
}

export interface AudienceSpec {
  readonly dataset: string;
  readonly rule: string;
  /** Cron expression (UTC), 5 fields. */
  readonly schedule: string;
}

export interface CsvOptions {
  /** @default ',' */
  readonly delimiter?: string;
  /** @default '"' */
  readonly quote?: string;
  /** @default '"' */
  readonly escape?: string;
  /** @default '' */
  readonly nullValue?: string;
  /** @default true */
  readonly header?: boolean;
}

export interface DestinationFile {
  readonly format: 'csv' | 'json' | 'parquet';
  /** @default 'none' */
  readonly compression?: 'none' | 'gzip';
  readonly csv?: CsvOptions;
  /** @default '%DESTINATION_NAME%_%AUDIENCE_NAME%_%DATETIME(YYYYMMdd_HHmmss)%' */
  readonly nameTemplate?: string;
  readonly maxRowsPerFile?: number;
}

export interface DestinationSpec {
  readonly type: 's3' | 'sftp';
  readonly s3?: S3Location;
  readonly sftp?: SftpLocation;
  readonly acceptsNamespaces: readonly string[];
  readonly marketingActions: readonly string[];
  readonly file: DestinationFile;
}

export type Frequency = 'once' | 'daily' | 'every-3h' | 'every-6h' | 'every-8h' | 'every-12h';
export interface ActivationSpec {
  readonly destination: string;
  readonly audiences: readonly string[];
  /** Identity namespace code exported as the row key. */
  readonly identity: string;
  readonly attributes: readonly string[];
  readonly dedupKeys?: readonly string[];
  /** @default 'full' */
  readonly exportMode?: 'full';
  readonly schedule: {
    readonly frequency: Frequency;
    /** @default 'scheduled' */
    readonly trigger?: 'scheduled' | 'after-segmentation';
    readonly startDate?: string;
    readonly endDate?: string;
  };
}

export interface SecurityRuleSuppression {
  /** Rule id, e.g. CKV_AWS_18. */
  readonly rule: string;
  /** Terraform address or resource id glob; left out, the whole environment. */
  readonly resource?: string;
  readonly reason: string;
}

export interface EnvironmentSpec {
  readonly runtime: 'aws' | 'local';
  readonly account?: string;
  readonly region?: string;
  readonly namePrefix?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly state?: {
    readonly bucket: string;
    readonly key: string;
    readonly region?: string;
    readonly dynamodbTable?: string;
    readonly encrypt?: boolean;
  };
  /** Kind -> document name -> JSON merge patch over that document's `spec`. */
  readonly overrides?: Readonly<Partial<Record<Kind, Readonly<Record<string, unknown>>>>>;
  readonly localRoot?: string;
  readonly logRetentionDays?: number;
  readonly segmentation?: { readonly engine: 'duckdb' | 'athena' };
  readonly suppressions?: readonly SecurityRuleSuppression[];
}

export interface SpecByKind {
  IdentityNamespace: IdentityNamespaceSpec;
  Label: LabelSpec;
  Policy: PolicySpec;
  Schema: SchemaSpec;
  Dataset: DatasetSpec;
  Source: SourceSpec;
  Audience: AudienceSpec;
  Destination: DestinationSpec;
  Activation: ActivationSpec;
  Environment: EnvironmentSpec;
}

/** One checked document of a spec set. */
export interface Doc<K extends Kind = Kind> {
  readonly apiVersion: typeof API_VERSION;
  readonly kind: K;
  readonly metadata: Metadata;
  readonly spec: SpecByKind[K];
}

/** A spec set after loading: documents grouped by kind and name (first wins on duplicates). */
export interface SpecSet {
  readonly byKind: { readonly [K in Kind]: ReadonlyMap<string, Doc<K>> };
}

export function emptySpecSet(): { byKind: { [K in Kind]: Map<string, Doc<K>> } } {
  const byKind = {} as { [K in Kind]: Map<string, Doc<K>> };
  for (const k of KINDS) (byKind as Record<Kind, Map<string, Doc>>)[k] = new Map();
  return { byKind };
}

// ---- built-ins (never declared) ----

export const CORE_LABELS: Readonly<Record<string, LabelCategory>> = {
  C1: 'contract', C2: 'contract', C3: 'contract', C4: 'contract', C5: 'contract', C6: 'contract',
  C7: 'contract', C8: 'contract', C9: 'contract', C10: 'contract', C11: 'contract', C12: 'contract',
  I1: 'identity', I2: 'identity',
  S1: 'sensitive', S2: 'sensitive',
  PSPD: 'sensitive', RHD: 'sensitive',
  THIRD_PARTY: 'partner-ecosystem',
};

export const THIRD_PARTY = 'THIRD_PARTY';

export const CORE_MARKETING_ACTIONS: readonly string[] = [
  'analytics',
  'combineWithPii',
  'crossSiteTargeting',
  'dataScience',
  'emailTargeting',
  'exportToThirdParty',
  'onsiteAdvertising',
  'onsitePersonalization',
  'segmentMatch',
  'singleIdentityPersonalization',
];

/** Fields every individual-prospect-profile record has, filled by the platform. */
export const PROSPECT_CLASS_FIELDS: Readonly<Record<string, FieldSpec>> = {
  partnerId: { type: 'string', description: 'The partner-assigned identifier (Partner ID namespace).' },
  _id: { type: 'string', description: 'Unique record id.' },
  createdByBatchId: { type: 'string' },
  modifiedByBatchId: { type: 'string' },
  createDate: { type: 'datetime' },
  modifyDate: { type: 'datetime' },
};

const fieldsCache = new WeakMap<SchemaSpec, Readonly<Record<string, FieldSpec>>>();

/** Every field of a schema: the class's preconfigured fields, then the declared ones (computed once per schema; do not mutate). */
export function allFields(schema: SchemaSpec): Readonly<Record<string, FieldSpec>> {
  let fields = fieldsCache.get(schema);
  if (!fields) {
    fields = { ...PROSPECT_CLASS_FIELDS, ...schema.fields };
    fieldsCache.set(schema, fields);
  }
  return fields;
}

/** Labels that apply to one field path, from the schema's `labels` map (`"*"` applies to all). */
export function labelsOfField(schema: SchemaSpec, field: string): string[] {
  const out = new Set<string>();
  for (const [path, codes] of Object.entries(schema.labels ?? {})) {
    if (path === '*' || path === field || field.startsWith(path + '.')) for (const c of codes) out.add(c);
  }
  return [...out].sort();
}
