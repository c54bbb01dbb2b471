import { App, Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { EnvironmentStack } from '../../stacks/environment-stack';
import { buildRuntimeManifest, stableStringify } from '../../runtime/manifest';
import type { Doc } from '../../specs/model';
import { afterSegmentationActivation, awsEnvironment, doc, golfAudience, landingSource, onlyResource, prospectsDataset, resourcesOf, rolePolicy, sampleDocs, specSet } from './fixtures';

Testing.setupJest();

function synth(docs: Doc[], environment = awsEnvironment()): string {
  return Testing.synth(new EnvironmentStack(Testing.app(), { specs: specSet(docs), environment }));
}

type Tf = { resource: Record<string, Record<string, Record<string, unknown>>>; terraform: Record<string, any>; provider: Record<string, any[]> };
const parse = (json: string) => JSON.parse(json) as Tf;
const addresses = (json: string) => Object.entries(parse(json).resource).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));

describe('EnvironmentStack', () => {
  const json = synth(sampleDocs());
  const tf = parse(json);

  test('configures the AWS provider for the environment, with default tags from its tags and metadata', () => {
    expect(tf.provider.aws).toEqual([
      {
        region: 'eu-west-1',
        allowed_account_ids: ['123456789012'],
        default_tags: [{ tags: { owner: 'data-platform', 'prospect:environment': 'dev', 'prospect:managed-by': 'prospect-iac' } }],
      },
    ]);
  });

  test('keeps state in the S3 backend from Environment.state', () => {
    expect(tf.terraform.backend).toEqual({ s3: { bucket: 'acme-tf-state', key: 'prospect/dev.tfstate', region: 'eu-west-1', encrypt: true, dynamodb_table: 'acme-tf-locks' } });
    const lockfile = parse(synth(sampleDocs(), awsEnvironment('dev', { state: { bucket: 'b', key: 'k', region: 'us-east-1' } })));
    expect(lockfile.terraform.backend).toEqual({ s3: { bucket: 'b', key: 'k', region: 'us-east-1', encrypt: true, use_lockfile: true } });
    expect(parse(synth(sampleDocs(), awsEnvironment('dev', { state: undefined }))).terraform.backend).toBeUndefined();
  });

  test('creates the four buckets with the layout\'s names', () => {
    expect(Object.values(tf.resource.aws_s3_bucket).map((b) => b.bucket).sort()).toEqual([
      'acme-dev-access-logs-123456789012',
      'acme-dev-exports-123456789012',
      'acme-dev-lake-123456789012',
      'acme-dev-landing-123456789012',
    ]);
  });

  test('writes the runtime manifest to the lake bucket at runtime/manifest.json', () => {
    const environment = awsEnvironment();
    const expected = stableStringify(buildRuntimeManifest(specSet(sampleDocs()), environment), 2);
    expect(json).toHaveResourceWithProperties(S3Object, {
      key: 'runtime/manifest.json',
      content: expected,
      content_type: 'application/json',
    });
    const manifest = Object.values(tf.resource.aws_s3_object).find((o) => o.key === 'runtime/manifest.json')!;
    expect(manifest.bucket).toMatch(/aws_s3_bucket\.Bucket-lake_Bucket_[0-9A-F]+\.id/);
  });

  test('escapes Terraform template syntax in the manifest', () => {
    const tricky = doc('Audience', 'tricky', { ...golfAudience.spec, rule: 'incomeBand = "${x}%{y}"' });
    const out = parse(synth([...sampleDocs(), tricky]));
    const manifest = Object.values(out.resource.aws_s3_object).find((o) => o.key === 'runtime/manifest.json')!;
    expect(manifest.content).toContain('incomeBand = \\"$${x}%%{y}\\"');
  });

  test('creates one construct per document, named after it', () => {
    const paths = addresses(json);
    for (const prefix of ['Dataset-acme-prospects_', 'Source-acme-s3-drop_', 'Source-acme-sftp-weekly_', 'Audience-golf-30-55_', 'Activation-homeowners-to-dsp_']) {
      expect(paths.some((a) => a.includes(`.${prefix}`))).toBe(true);
    }
    expect(Object.keys(tf.resource.aws_lambda_function)).toHaveLength(4);
    expect(Object.keys(tf.resource.aws_scheduler_schedule)).toHaveLength(7);
  });

  test('tags each document\'s resources with its labels, kind and name', () => {
    const rule = Object.values(tf.resource.aws_cloudwatch_event_rule).find((r) => r.name === 'acme-dev-src-acme-s3-drop')!;
    expect(rule.tags).toEqual({ partner: 'acme', 'prospect:kind': 'Source', 'prospect:name': 'acme-s3-drop' });
    expect(Object.values(tf.resource.aws_lambda_function).every((f) => f.tags === undefined)).toBe(true);
  });

  test('grants no wildcard actions in any role policy', () => {
    for (const p of Object.values(tf.resource.aws_iam_role_policy)) {
      for (const s of JSON.parse(p.policy as string).Statement) for (const a of s.Action) expect(a === '*' || a.endsWith(':*')).toBe(false);
    }
  });

  test('expires audience snapshots with the shortest dataset expiration', () => {
    const lake = Object.entries(tf.resource.aws_s3_bucket_lifecycle_configuration).find(([n]) => n.startsWith('Bucket-lake_'))![1];
    expect(lake.rule).toContainEqual({ id: 'audience-snapshots', status: 'Enabled', filter: [{ prefix: 'audiences/' }], expiration: [{ days: 90 }], noncurrent_version_expiration: [{ noncurrent_days: 90 }] });
  });

  test('adding documents keeps every existing resource address', () => {
    const more = [
      doc('Dataset', 'aaa-first', { schema: 'acme-prospect', expiration: { afterDays: 30 } }),
      doc('Source', 'aaa-source', { ...landingSource.spec, dataset: 'aaa-first' }),
      doc('Audience', 'aaa-audience', { ...golfAudience.spec, dataset: 'aaa-first' }),
      doc('Activation', 'aaa-activation', { ...afterSegmentationActivation.spec, audiences: ['aaa-audience'] }),
    ];
    const before = addresses(json);
    const after = new Set(addresses(synth([...more, ...sampleDocs()])));
    expect(before.filter((a) => !after.has(a))).toEqual([]);
    expect(after.size).toBeGreaterThan(before.length);
  });

  test('a document\'s resources do not change when others are added', () => {
    const other = doc('Dataset', 'zzz-other', { schema: 'acme-prospect', expiration: { afterDays: 365 } });
    const a = parse(json).resource.aws_glue_catalog_table;
    const b = parse(synth([other, ...sampleDocs()])).resource.aws_glue_catalog_table;
    for (const [name, table] of Object.entries(a)) expect(b[name]).toEqual(table);
  });

  test('refuses environments it cannot deploy, saying why', () => {
    expect(() => synth(sampleDocs(), awsEnvironment('laptop', { runtime: 'local' }))).toThrow('Environment "laptop" has runtime local; only runtime aws environments synthesize');
    expect(() => synth(sampleDocs(), awsEnvironment('dev', { region: undefined }))).toThrow('Environment "dev" has no region; set spec.region');
    expect(() => synth([...sampleDocs(), doc('Audience', 'orphan', { ...golfAudience.spec, dataset: 'missing' })].filter((d) => d !== prospectsDataset))).toThrow(
      /refers to dataset "acme-prospects", which is not in the spec set/,
    );
  });

  test('looks the account up when the environment does not name it', () => {
    const out = parse(synth(sampleDocs(), awsEnvironment('dev', { account: undefined })));
    expect(Object.keys((JSON.parse(JSON.stringify(out)) as any).data.aws_caller_identity)).toEqual(['CallerIdentity']);
    expect(out.provider.aws[0].allowed_account_ids).toBeUndefined();
  });
});

test('app without a stack id conflict: two environments in one app', () => {
  const app = new App({ outdir: require('node:os').tmpdir() + '/prospect-two-envs', stackTraces: false });
  new EnvironmentStack(app, { specs: specSet(sampleDocs()), environment: awsEnvironment('dev') });
  new EnvironmentStack(app, { specs: specSet(sampleDocs()), environment: awsEnvironment('prod') });
  expect(app.node.children.map((c) => c.node.id)).toEqual(['dev', 'prod']);
});

describe('EnvironmentStack: the profile readers and segmentation.engine', () => {
  const readsOf = (json: string, handler: string): string[] =>
    rolePolicy(json, handler)
      .Statement.filter((s) => s.Action.includes('s3:GetObject'))
      .flatMap((s) => s.Resource);

  test('segment and export may read the published batches and their manifests (the profile view)', () => {
    const json = synth(sampleDocs());
    for (const handler of ['segment', 'export']) {
      const reads = readsOf(json, handler).join(' ');
      expect(reads).toContain('/datasets/*');
      expect(reads).toContain('/manifests/*');
    }
  });

  test('without segmentation.engine athena there is no Athena workgroup', () => {
    expect(Object.keys(parse(synth(sampleDocs())).resource)).not.toContain('aws_athena_workgroup');
  });

  test('segmentation.engine athena adds an encrypted workgroup, grants segment and export, and names it to the functions', () => {
    const json = synth(sampleDocs(), awsEnvironment('dev', { segmentation: { engine: 'athena' } }));
    const wg = onlyResource(json, 'aws_athena_workgroup');
    expect(wg.name).toBe('acme-dev-segmentation');
    expect(JSON.stringify(wg.configuration)).toContain('SSE_KMS');
    for (const handler of ['segment', 'export']) {
      expect(rolePolicy(json, handler).Statement.flatMap((s) => s.Action)).toEqual(expect.arrayContaining(['athena:StartQueryExecution', 'athena:GetQueryExecution']));
    }
    const fns = Object.values(resourcesOf(json, 'aws_lambda_function'));
    for (const f of fns) expect(JSON.stringify(f.environment)).toContain('PROSPECT_ATHENA_WORKGROUP');
  });

  test('audience schedules pass the scheduled time so a retried run keeps its run id', () => {
    const json = synth(sampleDocs());
    const schedule = Object.values(resourcesOf(json, 'aws_scheduler_schedule')).find((s) => JSON.stringify(s.target).includes('\\"audience\\"'));
    expect(JSON.stringify(schedule)).toContain('<aws.scheduler.scheduled-time>');
  });
});

test('ingest reads only the landing prefixes sources land in, not the whole landing bucket', () => {
  const json = Testing.synth(new EnvironmentStack(Testing.app(), { specs: specSet(sampleDocs()), environment: awsEnvironment() }));
  const landingReads = rolePolicy(json, 'ingest')
    .Statement.filter((s) => s.Action.includes('s3:GetObject') || s.Action.includes('s3:ListBucket'))
    .filter((s) => JSON.stringify(s).includes('landing'));
  expect(landingReads.length).toBeGreaterThan(0);
  for (const s of landingReads) {
    const text = JSON.stringify(s);
    if (s.Action.includes('s3:ListBucket')) expect(text).toContain('sources/');
    else for (const r of s.Resource) expect(r).toMatch(/\/sources\/\*$/);
  }
});
