import { FORCE_NEW_ATTRIBUTES, forceNewAttribute } from '../../../review/diff/force-new';
import { diffTerraform, TerraformJson } from '../../../review/diff/terraform-diff';
import { resourceRisks } from '../../../review/resource-risks';

const meta = (path: string) => ({ '//': { metadata: { path, uniqueId: path.replace(/\//g, '_') } } });

function tf(resource: Record<string, Record<string, Record<string, unknown>>>, extra: Partial<TerraformJson> = {}): TerraformJson {
  return { resource, ...extra };
}

const bucket = (name: string) => ({ ...meta('dev/Bucket-lake/Bucket'), bucket: name });

describe('diffTerraform: actions', () => {
  test.each<[string, TerraformJson, TerraformJson, Record<string, string>]>([
    ['a new resource is a create', tf({}), tf({ aws_sqs_queue: { q: { name: 'q' } } }), { 'aws_sqs_queue.q': 'create' }],
    ['a missing resource is a delete', tf({ aws_sqs_queue: { q: { name: 'q' } } }), tf({}), { 'aws_sqs_queue.q': 'delete' }],
    ['an unchanged resource is a no-op, whatever its metadata', tf({ aws_sqs_queue: { q: { ...meta('a'), name: 'q' } } }), tf({ aws_sqs_queue: { q: { ...meta('b'), name: 'q' } } }), { 'aws_sqs_queue.q': 'no-op' }],
    ['an updatable attribute is an update', tf({ aws_sqs_queue: { q: { name: 'q', delay_seconds: 0 } } }), tf({ aws_sqs_queue: { q: { name: 'q', delay_seconds: 5 } } }), { 'aws_sqs_queue.q': 'update' }],
    ['a force-new attribute is a replace', tf({ aws_sqs_queue: { q: { name: 'q' } } }), tf({ aws_sqs_queue: { q: { name: 'q2' } } }), { 'aws_sqs_queue.q': 'replace' }],
    ['a type without force-new attributes updates in place', tf({ aws_foo_bar: { x: { name: 'a' } } }), tf({ aws_foo_bar: { x: { name: 'b' } } }), { 'aws_foo_bar.x': 'update' }],
  ])('%s', (_name, base, head, expected) => {
    const d = diffTerraform(base, head);
    expect(Object.fromEntries(d.resources.map((r) => [r.address, r.action]))).toEqual(expected);
  });

  test('a replacement says which attribute forces it and marks it', () => {
    const d = diffTerraform(tf({ aws_s3_bucket: { b: bucket('lake-1') } }), tf({ aws_s3_bucket: { b: bucket('lake-2') } }));
    expect(d.resources).toEqual([
      {
        address: 'aws_s3_bucket.b',
        type: 'aws_s3_bucket',
        name: 'b',
        mode: 'managed',
        action: 'replace',
        replaceOrder: 'delete-first',
        replacePaths: ['bucket'],
        replaceReasons: ['bucket changed, and AWS cannot change it in place'],
        attributes: [{ path: 'bucket', before: { kind: 'value', value: 'lake-1' }, after: { kind: 'value', value: 'lake-2' }, forcesReplacement: true }],
      },
    ]);
    expect(resourceRisks(d.resources)).toEqual([
      { severity: 'high', category: 'data-loss', address: 'aws_s3_bucket.b', message: 'replaces an S3 bucket: the existing one is destroyed with every object in it' },
    ]);
  });

  test('create_before_destroy makes a create-first replacement', () => {
    const q = (name: string) => ({ name, lifecycle: { create_before_destroy: true } });
    expect(diffTerraform(tf({ aws_sqs_queue: { q: q('a') } }), tf({ aws_sqs_queue: { q: q('b') } })).resources[0].replaceOrder).toBe('create-first');
  });

  test('a force-new attribute that refers to a replaced resource replaces its holder too', () => {
    const ref = { bucket: '${aws_s3_bucket.b.id}' };
    const d = diffTerraform(
      tf({ aws_s3_bucket: { b: bucket('lake-1') }, aws_s3_bucket_versioning: { v: { ...ref, versioning_configuration: { status: 'Enabled' } } } }),
      tf({ aws_s3_bucket: { b: bucket('lake-2') }, aws_s3_bucket_versioning: { v: { ...ref, versioning_configuration: { status: 'Enabled' } } } }),
    );
    const v = d.resources.find((r) => r.address === 'aws_s3_bucket_versioning.v');
    expect(v).toMatchObject({ action: 'replace', replacePaths: ['bucket'], replaceReasons: ['bucket refers to aws_s3_bucket.b, which is replaced'] });
  });

  test('every resource type our constructs create has a force-new entry', () => {
    for (const type of ['aws_s3_bucket', 'aws_glue_catalog_table', 'aws_glue_catalog_database', 'aws_lambda_function', 'aws_iam_role', 'aws_secretsmanager_secret', 'aws_sqs_queue', 'aws_cloudwatch_log_group', 'aws_scheduler_schedule', 'aws_cloudwatch_event_rule', 'aws_lakeformation_lf_tag', 'aws_s3_object', 'aws_kms_key']) {
      expect(FORCE_NEW_ATTRIBUTES[type]).toBeDefined();
    }
    expect(forceNewAttribute('aws_glue_catalog_table', 'database_name')).toBe('database_name');
    expect(forceNewAttribute('aws_glue_catalog_table', 'storage_descriptor.columns[0].name')).toBeUndefined();
    expect(forceNewAttribute('aws_lakeformation_resource_lf_tags', 'table_with_columns[0].column_names')).toBe('table_with_columns');
    expect(forceNewAttribute('aws_kms_key', 'description')).toBeUndefined();
  });
});

describe('diffTerraform: construct ids that changed', () => {
  test('a delete and a create of the same bucket are flagged as a likely accidental rename', () => {
    const d = diffTerraform(tf({ aws_s3_bucket: { 'Bucket-lake_Bucket_0060EF80': bucket('acme-lake') } }), tf({ aws_s3_bucket: { 'Lake_Bucket_1A2B3C4D': bucket('acme-lake') } }));
    expect(d.resources.map((r) => [r.address, r.action, r.reason])).toEqual([
      ['aws_s3_bucket.Bucket-lake_Bucket_0060EF80', 'delete', 'its construct id changed: the same object is created again as aws_s3_bucket.Lake_Bucket_1A2B3C4D'],
      ['aws_s3_bucket.Lake_Bucket_1A2B3C4D', 'create', 'replaces aws_s3_bucket.Bucket-lake_Bucket_0060EF80 under a new construct id'],
    ]);
    expect(d.risks).toEqual([
      {
        severity: 'high',
        category: 'data-loss',
        address: 'aws_s3_bucket.Bucket-lake_Bucket_0060EF80',
        message:
          'construct id changed, likely an accidental rename: destroyed and created again as aws_s3_bucket.Lake_Bucket_1A2B3C4D (same bucket "acme-lake"), losing every object in it; keep the old construct id, or move the state (terraform state mv, or a moved block)',
      },
    ]);
  });

  test('resources without a name attribute pair when equal up to references', () => {
    const key = (alias: string) => ({ description: 'env key', enable_key_rotation: true, policy: `{"Resource":"\${${alias}}"}` });
    const d = diffTerraform(tf({ aws_kms_key: { Key_1: key('aws_iam_role.a.arn') } }), tf({ aws_kms_key: { EnvKey_2: key('aws_iam_role.b.arn') } }));
    expect(d.risks).toHaveLength(1);
    expect(d.risks[0].message).toMatch(/^construct id changed, likely an accidental rename: destroyed and created again as aws_kms_key.EnvKey_2, losing access to all data encrypted with it;/);
  });

  test('a real rename (another name) is a plain delete and create, not flagged as accidental', () => {
    const d = diffTerraform(tf({ aws_sqs_queue: { Old_Q: { name: 'old' } } }), tf({ aws_sqs_queue: { New_Q: { name: 'new' } } }));
    expect(d.risks).toEqual([]);
    expect(d.resources.map((r) => r.reason)).toEqual([undefined, undefined]);
  });
});

describe('diffTerraform: attributes', () => {
  test('lifecycle rules are matched by id, so a new rule is one added rule and a shorter one is a retention risk', () => {
    const rule = (id: string, days: number) => ({ id, status: 'Enabled', filter: [{ prefix: `${id}/` }], expiration: [{ days }] });
    const lc = (rules: unknown[]) => tf({ aws_s3_bucket_lifecycle_configuration: { lc: { bucket: '${aws_s3_bucket.b.id}', rule: rules } } });
    const d = diffTerraform(lc([rule('a', 30), rule('c', 90)]), lc([rule('a', 30), rule('b', 10), rule('c', 60)]));
    const [r] = d.resources;
    expect(r.action).toBe('update');
    expect(r.attributes.map((a) => `${a.path}: ${JSON.stringify(a.before)} -> ${JSON.stringify(a.after)}`)).toEqual([
      'rule["id=b"].expiration[0].days: {"kind":"value","value":null} -> {"kind":"value","value":10}',
      'rule["id=b"].filter[0].prefix: {"kind":"value","value":null} -> {"kind":"value","value":"b/"}',
      'rule["id=b"].id: {"kind":"value","value":null} -> {"kind":"value","value":"b"}',
      'rule["id=b"].status: {"kind":"value","value":null} -> {"kind":"value","value":"Enabled"}',
      'rule["id=c"].expiration[0].days: {"kind":"value","value":90} -> {"kind":"value","value":60}',
    ]);
    expect(resourceRisks(d.resources).map((x) => x.message)).toEqual([
      'shortens an S3 expiration (rule["id=c"].expiration[0].days) from 90 to 60 days: objects older than 60 days are deleted',
    ]);
  });

  test('JSON content (the runtime manifest) is compared key by key; policies stay whole for the IAM rules', () => {
    const base = tf({
      aws_s3_object: { m: { bucket: 'b', key: 'runtime/manifest.json', content: JSON.stringify({ datasets: { d: { afterDays: 90 } }, version: 1 }) } },
      aws_iam_role_policy: { p: { name: 'pipeline', role: 'r', policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/x/*'] }] }) } },
    });
    const head = tf({
      aws_s3_object: { m: { bucket: 'b', key: 'runtime/manifest.json', content: JSON.stringify({ datasets: { d: { afterDays: 30 } }, version: 1 }) } },
      aws_iam_role_policy: { p: { name: 'pipeline', role: 'r', policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:DeleteObject'], Resource: ['arn:aws:s3:::b/*'] }] }) } },
    });
    const d = diffTerraform(base, head);
    expect(d.resources.find((r) => r.type === 'aws_s3_object')?.attributes.map((a) => a.path)).toEqual(['content.datasets.d.afterDays']);
    expect(d.resources.find((r) => r.type === 'aws_iam_role_policy')?.attributes.map((a) => a.path)).toEqual(['policy']);
    expect(resourceRisks(d.resources)).toEqual([
      { severity: 'medium', category: 'iam', address: 'aws_iam_role_policy.p', message: 'changes an inline IAM role policy; policy newly allows actions s3:DeleteObject, resources arn:aws:s3:::b/*' },
    ]);
  });

  test('outputs, backend and provider changes', () => {
    const base = tf({}, { output: { a: { value: 'x' }, s: { value: 'old', sensitive: true } }, terraform: { backend: { s3: { bucket: 'st', key: 'k1' } } }, provider: { aws: [{ region: 'us-east-1' }] } });
    const head = tf({}, { output: { b: { value: 'y' }, s: { value: 'new', sensitive: true } }, terraform: { backend: { s3: { bucket: 'st', key: 'k2' } } }, provider: { aws: [{ region: 'eu-west-1' }] } });
    const d = diffTerraform(base, head, { addressPrefix: 'dev:' });
    expect(d.outputs).toEqual([
      { name: 'dev:a', action: 'delete', attributes: [{ path: 'dev:a', before: { kind: 'value', value: 'x' }, after: { kind: 'value', value: null }, forcesReplacement: false }] },
      { name: 'dev:b', action: 'create', attributes: [{ path: 'dev:b', before: { kind: 'value', value: null }, after: { kind: 'value', value: 'y' }, forcesReplacement: false }] },
      { name: 'dev:s', action: 'update', attributes: [{ path: 'dev:s', before: { kind: 'sensitive' }, after: { kind: 'sensitive' }, forcesReplacement: false }] },
    ]);
    expect(d.notes).toEqual([
      'The Terraform state backend changes (dev) (s3.key): run terraform init -migrate-state, or Terraform starts from an empty state and creates everything again.',
      'Provider settings change (dev) (aws[0].region): check the region and account before applying.',
    ]);
    expect(JSON.stringify(d)).not.toContain('"new"');
  });

  test('an address prefix names the stack in every address', () => {
    const d = diffTerraform(tf({}), tf({ aws_sqs_queue: { q: { name: 'q' } } }), { addressPrefix: 'prod:' });
    expect(d.resources[0].address).toBe('prod:aws_sqs_queue.q');
  });
});
