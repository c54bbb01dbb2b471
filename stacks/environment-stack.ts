// One deployable environment as a cdktf stack: provider and state backend, the KMS key, the
// four buckets, the Glue database, the runtime manifest, the four pipeline functions, and one
// construct per spec document. Construct ids come from kinds and spec names (never list
// order), so adding or removing a document never renames another document's resources.

import { Construct } from 'constructs';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { SchedulerScheduleGroup } from '@cdktf/provider-aws/lib/scheduler-schedule-group';
import { Activation } from '../constructs/activation';
import { AthenaWorkgroup } from '../constructs/athena-workgroup';
import { Audience } from '../constructs/audience';
import { Dataset } from '../constructs/dataset';
import { Destination } from '../constructs/destination';
import { DuckdbLayer } from '../constructs/duckdb-layer';
import { EnvironmentKey } from '../constructs/environment-key';
import { Label } from '../constructs/label';
import { PipelineFunction, PipelineHandler } from '../constructs/pipeline-function';
import { tagDocumentResources } from '../constructs/private/document-tags';
import { terraformLiteral } from '../constructs/private/names';
import { EVENT_PUT_ACTIONS, GLUE_PARTITION_WRITE_ACTIONS } from '../constructs/private/perms';
import { ENV_VARS, SEGMENTATION_EVENT_SOURCE } from '../runtime/contract';
import { S3Source } from '../constructs/s3-source';
import { SecureBucket } from '../constructs/secure-bucket';
import { SftpSource } from '../constructs/sftp-source';
import { bucketName, glueDatabaseName, resourcePrefix, RUNTIME_MANIFEST_KEY, sourceLandingPrefix } from '../runtime/layout';
import { buildRuntimeManifest, stableStringify } from '../runtime/manifest';
import { allFields, Doc, Kind, labelsOfField, SpecSet } from '../specs/model';

export interface EnvironmentStackProps {
  /** A validated spec set, with the environment's overrides applied. */
  readonly specs: SpecSet;
  /** The Environment document to deploy; must have runtime aws and a region. */
  readonly environment: Doc<'Environment'>;
  /** The spec folder, named in error messages. @default - not named */
  readonly specDir?: string;
}

/** Per-function settings. Reserved concurrency both guarantees and caps each function. */
export const FUNCTION_SETTINGS: Readonly<Record<PipelineHandler, { memorySize: number; reservedConcurrency: number; duckdb: boolean }>> = {
  ingest: { memorySize: 2048, reservedConcurrency: 5, duckdb: true },
  'sftp-poll': { memorySize: 512, reservedConcurrency: 2, duckdb: false },
  segment: { memorySize: 3008, reservedConcurrency: 4, duckdb: true },
  export: { memorySize: 2048, reservedConcurrency: 4, duckdb: true },
};

export class EnvironmentStack extends TerraformStack {
  readonly key: EnvironmentKey;
  readonly buckets: { readonly landing: SecureBucket; readonly lake: SecureBucket; readonly exports: SecureBucket; readonly accessLogs: SecureBucket };
  readonly functions: Readonly<Record<PipelineHandler, PipelineFunction>>;

  constructor(scope: Construct, props: EnvironmentStackProps) {
    const env = props.environment;
    super(scope, env.metadata.name);
    const where = `Environment "${env.metadata.name}"${props.specDir ? ` in ${props.specDir}` : ''}`;
    if (env.spec.runtime !== 'aws') throw new Error(`${where} has runtime ${env.spec.runtime}; only runtime aws environments synthesize to Terraform (use prospect run for local)`);
    const region = env.spec.region;
    if (region === undefined) throw new Error(`${where} has no region; set spec.region (e.g. eu-west-1)`);
    const specs = props.specs;
    const prefix = resourcePrefix(env);

    new AwsProvider(this, 'aws', {
      region,
      allowedAccountIds: env.spec.account === undefined ? undefined : [env.spec.account],
      defaultTags: [{ tags: defaultTags(env) }],
    });
    if (env.spec.state) {
      const s = env.spec.state;
      const backend = new S3Backend(this, { bucket: s.bucket, key: s.key, region: s.region ?? region, encrypt: s.encrypt ?? true, dynamodbTable: s.dynamodbTable });
      // Without a DynamoDB table, lock with an S3 lock file (Terraform >= 1.10).
      if (s.dynamodbTable === undefined) backend.addOverride('use_lockfile', true);
    }
    const account = env.spec.account ?? new DataAwsCallerIdentity(this, 'CallerIdentity').accountId;

    // ---- environment-wide resources ----
    this.key = new EnvironmentKey(this, 'Key', { account, region, namePrefix: prefix });
    const accessLogs = new SecureBucket(this, 'Bucket-access-logs', { bucketName: bucketName(env, 'access-logs'), accessLogSink: { account } });
    const dataBucket = (role: 'landing' | 'lake' | 'exports') =>
      new SecureBucket(this, `Bucket-${role}`, { bucketName: bucketName(env, role), encryptionKey: this.key, accessLogs });
    const landing = dataBucket('landing');
    const lake = dataBucket('lake');
    const exportsBucket = dataBucket('exports');
    this.buckets = { landing, lake, exports: exportsBucket, accessLogs };

    const glueDatabase = new GlueCatalogDatabase(this, 'GlueDatabase', {
      name: glueDatabaseName(env),
      description: `prospect-iac ${env.metadata.name}: one table per dataset`,
    });
    const manifest = buildRuntimeManifest(specs, env);
    new S3Object(this, 'RuntimeManifest', {
      bucket: lake.bucket.id,
      key: RUNTIME_MANIFEST_KEY,
      content: terraformLiteral(stableStringify(manifest, 2)),
      contentType: 'application/json',
    });
    const scheduleGroup = new SchedulerScheduleGroup(this, 'ScheduleGroup', { name: prefix });
    const layer = new DuckdbLayer(this, 'DuckdbLayer', { artifactsBucket: lake, layerName: `${prefix}-duckdb` });

    const environment: Record<string, string> = {
      [ENV_VARS.environment]: env.metadata.name,
      [ENV_VARS.manifestBucket]: lake.bucketName,
      [ENV_VARS.manifestKey]: RUNTIME_MANIFEST_KEY,
      [ENV_VARS.landingBucket]: landing.bucketName,
      [ENV_VARS.lakeBucket]: lake.bucketName,
      [ENV_VARS.exportsBucket]: exportsBucket.bucketName,
    };
    // With `segmentation.engine: athena`, segmentation and export run the same SQL in Athena over the Glue tables.
    const athena =
      env.spec.segmentation?.engine === 'athena'
        ? new AthenaWorkgroup(this, 'AthenaWorkgroup', { namePrefix: prefix, account, region, lake, key: this.key, glueDatabaseName: glueDatabase.name })
        : undefined;
    if (athena) environment[ENV_VARS.athenaWorkgroup] = athena.name;
    const fn = (handler: PipelineHandler) => {
      const s = FUNCTION_SETTINGS[handler];
      const f = new PipelineFunction(this, `Function-${handler}`, {
        handler,
        namePrefix: prefix,
        account,
        region,
        key: this.key,
        environment,
        logRetentionDays: env.spec.logRetentionDays ?? 365,
        memorySize: s.memorySize,
        reservedConcurrency: s.reservedConcurrency,
        layers: s.duckdb ? [layer] : [],
      });
      lake.grantRead(f, RUNTIME_MANIFEST_KEY);
      return f;
    };
    const ingest = fn('ingest');
    const sftpPoll = fn('sftp-poll');
    const segment = fn('segment');
    const exportFn = fn('export');
    this.functions = { ingest, 'sftp-poll': sftpPoll, segment, export: exportFn };

    // Area-wide grants: one statement per area keeps each role policy small at any spec size.
    // Only the prefixes sources land in: `sources/` for the default layout, plus any custom prefix.
    const landingPrefixes = [...new Set([...specs.byKind.Source.values()].filter((s) => s.spec.type === 'sftp' || !s.spec.s3?.bucket).map((s) => (sourceLandingPrefix(s).startsWith('sources/') ? 'sources/' : sourceLandingPrefix(s))))].sort();
    for (const prefix of landingPrefixes.length ? landingPrefixes : ['sources/']) landing.grantRead(ingest, prefix);
    for (const area of ['datasets/', 'rejected/', 'manifests/']) lake.grantPut(ingest, area);
    lake.grantRead(ingest, 'manifests/');
    ingest.addToRolePolicy({
      sid: 'RegisterBatchPartitions',
      actions: GLUE_PARTITION_WRITE_ACTIONS,
      resources: [
        `arn:aws:glue:${region}:${account}:catalog`,
        `arn:aws:glue:${region}:${account}:database/${glueDatabase.name}`,
        `arn:aws:glue:${region}:${account}:table/${glueDatabase.name}/*`,
      ],
    });
    landing.grantRead(sftpPoll, 'sources/');
    landing.grantPut(sftpPoll, 'sources/');
    // segment and export open the profile view: published batches are found through their manifests
    for (const area of ['datasets/', 'manifests/']) lake.grantRead(segment, area);
    lake.grantPut(segment, 'audiences/');
    segment.addToRolePolicy({
      sid: 'PublishSegmentationFinished',
      actions: EVENT_PUT_ACTIONS,
      resources: [`arn:aws:events:${region}:${account}:event-bus/default`],
      conditions: { StringEquals: { 'events:source': [SEGMENTATION_EVENT_SOURCE] } },
    });
    for (const area of ['audiences/', 'datasets/', 'manifests/']) lake.grantRead(exportFn, area);
    lake.grantPut(exportFn, 'exports/');

    athena?.grantQuery(segment, ['audiences/']);
    athena?.grantQuery(exportFn, ['exports/']);

    // ---- one construct per document, in name order; ids from names ----
    const docs = <K extends Kind>(kind: K): Doc<K>[] =>
      [...specs.byKind[kind].values()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0)) as Doc<K>[];
    const datasetDoc = (name: string, by: string): Doc<'Dataset'> => {
      const d = specs.byKind.Dataset.get(name);
      if (d === undefined) throw new Error(`${by} refers to dataset "${name}", which is not in the spec set; validate the specs first`);
      return d;
    };
    const schemaOf = (dataset: Doc<'Dataset'>): Doc<'Schema'> => {
      const s = specs.byKind.Schema.get(dataset.spec.schema);
      if (s === undefined) throw new Error(`Dataset "${dataset.metadata.name}" refers to schema "${dataset.spec.schema}", which is not in the spec set; validate the specs first`);
      return s;
    };

    const labelCodes = new Set<string>();
    for (const d of docs('Dataset')) {
      const schema = schemaOf(d).spec;
      for (const field of Object.keys(allFields(schema))) for (const code of labelsOfField(schema, field)) labelCodes.add(code);
    }
    const labels = new Map<string, Label>();
    for (const code of [...labelCodes].sort()) {
      const label = new Label(this, `Label-${code}`, { code, namePrefix: prefix });
      labels.set(code, label);
      const declared = [...specs.byKind.Label.values()].find((l) => l.spec.code === code);
      if (declared) tagDocumentResources(label, declared);
    }

    for (const d of docs('Dataset')) {
      const c = new Dataset(this, `Dataset-${d.metadata.name}`, { dataset: d, schema: schemaOf(d), lake, glueDatabaseName: glueDatabase.name, labels });
      tagDocumentResources(c, d);
    }
    const sourceRulePrefix = `${prefix}-src-`;
    for (const d of docs('Source')) {
      const dataset = datasetDoc(d.spec.dataset, `Source "${d.metadata.name}"`);
      const id = `Source-${d.metadata.name}`;
      const c =
        d.spec.type === 'sftp'
          ? new SftpSource(this, id, { source: d, dataset, landing, key: this.key, sftpPoll, ingest, scheduleGroupName: scheduleGroup.name, rulePrefix: sourceRulePrefix })
          : new S3Source(this, id, { source: d, dataset, landing, ingest, scheduleGroupName: scheduleGroup.name, rulePrefix: sourceRulePrefix });
      tagDocumentResources(c, d);
    }
    for (const d of docs('Audience')) {
      tagDocumentResources(new Audience(this, `Audience-${d.metadata.name}`, { audience: d, segment, scheduleGroupName: scheduleGroup.name }), d);
    }
    for (const d of docs('Destination')) {
      tagDocumentResources(new Destination(this, `Destination-${d.metadata.name}`, { destination: d, exports: exportsBucket, key: this.key, exportFunction: exportFn }), d);
    }
    for (const d of docs('Activation')) {
      const c = new Activation(this, `Activation-${d.metadata.name}`, {
        activation: d,
        exportFunction: exportFn,
        scheduleGroupName: scheduleGroup.name,
        rulePrefix: `${prefix}-act-`,
        environmentName: env.metadata.name,
      });
      tagDocumentResources(c, d);
    }

    // Audience snapshots hold partner-derived rows: they expire as soon as the shortest-lived dataset does.
    const shortest = Math.min(...docs('Dataset').map((d) => d.spec.expiration.afterDays));
    if (Number.isFinite(shortest)) lake.addLifecycleRule({ id: 'audience-snapshots', prefix: 'audiences/', expirationDays: shortest, noncurrentExpirationDays: shortest });

    for (const role of ['landing', 'lake', 'exports', 'access-logs'] as const) {
      new TerraformOutput(this, `bucket-${role}`, { value: bucketName(env, role), description: `The ${role} bucket` });
    }
    for (const [handler, f] of Object.entries(this.functions)) new TerraformOutput(this, `function-${handler}`, { value: f.functionName });
    new TerraformOutput(this, 'kms-key-arn', { value: this.key.arn });
  }
}

/** Environment tags, its labels and the prospect:* tags, sorted. */
export function defaultTags(env: Doc<'Environment'>): Record<string, string> {
  const tags: Record<string, string> = {
    ...(env.metadata.labels ?? {}),
    ...(env.spec.tags ?? {}),
    'prospect:environment': env.metadata.name,
    'prospect:managed-by': 'prospect-iac',
  };
  return Object.fromEntries(Object.keys(tags).sort().map((k) => [k, tags[k]]));
}
