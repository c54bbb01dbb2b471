// A synthetic `terraform show -json` plan of any size, for size and speed tests: mixed actions,
// nested attributes, and sensitive values that must never appear in a report.

export interface SyntheticPlanOptions {
  /** Number of resource changes. */
  readonly resources: number;
  /**
   * `mixed`: every action, several resource types, many risks. `quiet`: Lambda updates (no risk)
   * with one S3 bucket destroyed every 100 resources. `bucket-deletes`: every resource an S3
   * bucket destroyed (a high data-loss risk each). @default 'mixed'
   */
  readonly shape?: 'mixed' | 'quiet' | 'bucket-deletes';
}

/** The secret planted in resource `i`: masked in the plan, so no output may contain it. */
export function secretOf(i: number): string {
  return `s3cr3t-${i}-do-not-print`;
}

const ACTIONS: readonly (readonly string[])[] = [
  ['create'], ['create'], ['create'], ['create'],
  ['update'], ['update'], ['update'],
  ['delete', 'create'], ['create', 'delete'],
  ['delete'],
  ['no-op'],
  ['read'],
];

/** A plan in format 1.2 with `resources` resource changes, deterministic for a given size. */
export function syntheticPlan(opts: SyntheticPlanOptions): Record<string, unknown> {
  const changes: unknown[] = [];
  for (let i = 0; i < opts.resources; i++) {
    const shape = opts.shape ?? 'mixed';
    if (shape === 'bucket-deletes' || (shape === 'quiet' && i % 100 === 0)) changes.push(bucketDelete(i));
    else if (shape === 'quiet') changes.push(lambdaUpdate(i));
    else changes.push(resourceChange(i));
  }
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: {} },
    resource_changes: changes,
    output_changes: {
      landing_bucket: { actions: ['update'], before: 'old-bucket', after: null, after_unknown: true, before_sensitive: false, after_sensitive: false },
      api_token: { actions: ['update'], before: 'tok-before-secret', after: 'tok-after-secret', after_unknown: false, before_sensitive: true, after_sensitive: true },
    },
    configuration: { root_module: {} },
  };
}

function bucketDelete(i: number): unknown {
  const name = `bucket_${String(i).padStart(5, '0')}`;
  return {
    address: `aws_s3_bucket.${name}`,
    mode: 'managed',
    type: 'aws_s3_bucket',
    name,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: {
      actions: ['delete'],
      before: { bucket: `acme-${name}`, force_destroy: false, tags: { team: 'growth' } },
      after: null,
      after_unknown: {},
      before_sensitive: { tags: {} },
      after_sensitive: false,
    },
    action_reason: 'delete_because_no_resource_config',
  };
}

function lambdaUpdate(i: number): unknown {
  const name = `fn_${String(i).padStart(5, '0')}`;
  const marks = sensitiveMarks('aws_lambda_function');
  return {
    address: `aws_lambda_function.${name}`,
    mode: 'managed',
    type: 'aws_lambda_function',
    name,
    change: {
      actions: ['update'],
      before: attributes('aws_lambda_function', i, 'v1'),
      after: attributes('aws_lambda_function', i, 'v2'),
      after_unknown: { last_modified: true },
      before_sensitive: marks,
      after_sensitive: marks,
    },
  };
}

function resourceChange(i: number): unknown {
  const actions = ACTIONS[i % ACTIONS.length];
  const kind = Math.floor(i / ACTIONS.length) % 4;
  const module = i % 3 === 0 ? `module.segment_${i % 7}` : undefined;
  const type = ['aws_glue_catalog_table', 'aws_lambda_function', 'aws_iam_role', 'aws_s3_bucket'][kind];
  const name = `r${String(i).padStart(5, '0')}`;
  const before = actions[0] === 'create' && actions.length === 1 ? null : attributes(type, i, 'v1');
  const after = actions[0] === 'delete' && actions.length === 1 ? null : attributes(type, i, actions[0] === 'no-op' ? 'v1' : 'v2');
  const marks = sensitiveMarks(type);
  return {
    address: `${module ? module + '.' : ''}${actions[0] === 'read' ? 'data.' : ''}${type}.${name}`,
    ...(module ? { module_address: module } : {}),
    mode: actions[0] === 'read' ? 'data' : 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: {
      actions,
      before,
      after,
      after_unknown: after ? { arn: true, id: before === null } : {},
      before_sensitive: before ? marks : false,
      after_sensitive: after ? marks : false,
      ...(actions.length === 2 ? { replace_paths: [['name']] } : {}),
    },
    ...(actions.length === 2 ? { action_reason: 'replace_because_cannot_update' } : {}),
  };
}

function attributes(type: string, i: number, version: string): Record<string, unknown> {
  const tags = { team: 'growth', env: `env-${i % 3}`, version };
  switch (type) {
    case 'aws_glue_catalog_table':
      return {
        name: `table_${i}_${version}`,
        database_name: 'prospects',
        storage_descriptor: [
          {
            location: `s3://acme-prospects/tables/${i}/`,
            columns: [
              { name: 'partner_id', type: 'string' },
              { name: 'age', type: version === 'v1' ? 'int' : 'bigint' },
              { name: 'state', type: 'string', comment: 'two-letter code' },
            ],
            ser_de_info: [{ parameters: { 'field.delim': ',', 'serialization.format': version } }],
          },
        ],
        parameters: { classification: 'csv', password: secretOf(i) },
      };
    case 'aws_lambda_function':
      return {
        function_name: `segment-${i}-${version}`,
        memory_size: version === 'v1' ? 512 : 1024,
        environment: [{ variables: { LOG_LEVEL: 'INFO', API_KEY: secretOf(i), STAGE: version } }],
        tags,
      };
    case 'aws_iam_role':
      return {
        name: `role-${i}-${version}`,
        assume_role_policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
        inline_policy: [
          {
            name: 'read-landing',
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: version === 'v1' ? ['s3:GetObject'] : ['s3:GetObject', 's3:ListBucket'], Resource: `arn:aws:s3:::acme-${i}/*` }],
            }),
          },
        ],
        tags,
      };
    default:
      return { bucket: `acme-${i}-${version}`, force_destroy: false, tags, replication_token: secretOf(i) };
  }
}

function sensitiveMarks(type: string): unknown {
  switch (type) {
    case 'aws_glue_catalog_table':
      return { parameters: { password: true }, storage_descriptor: [{ columns: [{}, {}, {}] }] };
    case 'aws_lambda_function':
      return { environment: [{ variables: { API_KEY: true } }] };
    case 'aws_iam_role':
      return { inline_policy: [{}] };
    default:
      return { replication_token: true };
  }
}
