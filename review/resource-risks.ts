// Risks of a set of resource changes: what destroys data, what changes permissions. Works on the
// report model only, so a terraform plan and a synthesized-stack diff get the same findings.

import { AttributeChange, ResourceChange, Risk, compareRisks, isChange } from './report';

/** Resource types whose destruction loses data: type -> [what it is, what is lost]. */
export const STATEFUL_TYPES: Readonly<Record<string, readonly [string, string]>> = {
  aws_s3_bucket: ['an S3 bucket', 'every object in it'],
  aws_s3_object: ['an S3 object', 'its content'],
  aws_s3_bucket_object: ['an S3 object', 'its content'],
  aws_glue_catalog_database: ['a Glue database', 'every table definition in it'],
  aws_glue_catalog_table: ['a Glue catalog table', 'its table definition and partitions'],
  aws_kms_key: ['a KMS key', 'access to all data encrypted with it'],
  aws_dynamodb_table: ['a DynamoDB table', 'every item in it'],
  aws_dynamodb_table_item: ['a DynamoDB item', 'the item'],
  aws_db_instance: ['an RDS database instance', 'its data unless a final snapshot is taken'],
  aws_rds_cluster: ['an RDS cluster', 'its data unless a final snapshot is taken'],
  aws_redshift_cluster: ['a Redshift cluster', 'its data unless a final snapshot is taken'],
  aws_secretsmanager_secret: ['a Secrets Manager secret', 'the secret value'],
  aws_ssm_parameter: ['an SSM parameter', 'its value'],
  aws_efs_file_system: ['an EFS file system', 'every file in it'],
  aws_ebs_volume: ['an EBS volume', 'its data'],
  aws_kinesis_stream: ['a Kinesis stream', 'records not yet read'],
  aws_sqs_queue: ['an SQS queue', 'messages waiting in it'],
  aws_cloudwatch_log_group: ['a CloudWatch log group', 'its logs'],
  aws_backup_vault: ['a Backup vault', 'its recovery points'],
  aws_ecr_repository: ['an ECR repository', 'its images'],
};

/** Resource types that grant or change permissions, beyond every `aws_iam_*` type. */
export const PERMISSION_TYPES: Readonly<Record<string, string>> = {
  aws_iam_role: 'an IAM role',
  aws_iam_policy: 'an IAM policy',
  aws_iam_role_policy: 'an inline IAM role policy',
  aws_iam_role_policy_attachment: 'a policy attachment of an IAM role',
  aws_iam_user_policy: 'an inline IAM user policy',
  aws_iam_user: 'an IAM user',
  aws_iam_access_key: 'an IAM access key',
  aws_s3_bucket_policy: 'an S3 bucket policy',
  aws_lambda_permission: 'a Lambda invoke permission',
  aws_kms_key_policy: 'a KMS key policy',
  aws_sns_topic_policy: 'an SNS topic policy',
  aws_sqs_queue_policy: 'an SQS queue policy',
  aws_secretsmanager_secret_policy: 'a Secrets Manager secret policy',
  aws_glue_resource_policy: 'a Glue resource policy',
  aws_lakeformation_permissions: 'Lake Formation permissions',
};

export function isPermissionType(type: string): boolean {
  return type.startsWith('aws_iam_') || type in PERMISSION_TYPES;
}

/** Every risk of these resource changes, high first, then by address. */
export function resourceRisks(resources: readonly ResourceChange[]): Risk[] {
  const risks: Risk[] = [];
  for (const r of resources) {
    if (!isChange(r) || r.action === 'read') continue;
    risks.push(...destroyRisks(r), ...permissionRisks(r), ...retentionRisks(r));
  }
  return risks.sort(compareRisks);
}

function destroyRisks(r: ResourceChange): Risk[] {
  if (r.action !== 'delete' && r.action !== 'replace') return [];
  const stateful = STATEFUL_TYPES[r.type];
  if (stateful && !r.deposed) {
    const [what, lost] = stateful;
    const message =
      r.action === 'delete' ? `destroys ${what} and ${lost}` : `replaces ${what}: the existing one is destroyed with ${lost}`;
    return [{ severity: 'high', category: 'data-loss', message, address: r.address }];
  }
  const message =
    r.action === 'replace'
      ? 'replaces this resource: the existing object is destroyed'
      : r.deposed
        ? 'destroys a deposed object left by an earlier failed replacement'
        : 'destroys this resource';
  return [{ severity: 'medium', category: 'destroy', message, address: r.address }];
}

const VERBS: Readonly<Record<string, string>> = {
  create: 'creates',
  update: 'changes',
  delete: 'deletes',
  replace: 'replaces',
};

function permissionRisks(r: ResourceChange): Risk[] {
  if (!isPermissionType(r.type)) return [];
  const what = PERMISSION_TYPES[r.type] ?? `permissions (${r.type})`;
  const verb = VERBS[r.action] ?? `changes (action ${r.action})`;
  let message = `${verb} ${what}`;
  let severity: Risk['severity'] = 'medium';
  if (r.action !== 'delete') {
    const widened = policyWidening(r.attributes);
    if (widened.text) message += `; ${widened.text}`;
    if (widened.wildcard) severity = 'high';
  }
  return [{ severity, category: 'iam', message, address: r.address }];
}

/** Policy documents: `policy`, `assume_role_policy`, `inline_policy[0].policy`, ... */
const POLICY_PATH = /(^|\.)(policy|assume_role_policy)$/;

interface Grants {
  readonly actions: Set<string>;
  readonly resources: Set<string>;
  readonly principals: Set<string>;
  /** An Allow statement with NotAction or NotResource: allows everything but a list. */
  readonly negated: boolean;
}

/** What the changed policy documents newly allow. Sensitive or unknown documents are not read. */
function policyWidening(attrs: readonly AttributeChange[]): { text: string; wildcard: boolean } {
  const parts: string[] = [];
  let wildcard = false;
  for (const a of attrs) {
    if (!POLICY_PATH.test(a.path) || a.after.kind !== 'value' || typeof a.after.value !== 'string') continue;
    const after = grantsOf(a.after.value);
    if (!after) continue;
    const before = a.before.kind === 'value' && typeof a.before.value === 'string' ? grantsOf(a.before.value) : undefined;
    const newActions = [...after.actions].filter((x) => !before?.actions.has(x)).sort();
    const newResources = [...after.resources].filter((x) => !before?.resources.has(x)).sort();
    const newPrincipals = [...after.principals].filter((x) => !before?.principals.has(x)).sort();
    const found: string[] = [];
    if (newActions.length) found.push(`actions ${list(newActions)}`);
    if (newResources.length) found.push(`resources ${list(newResources)}`);
    if (newPrincipals.length) found.push(`principals ${list(newPrincipals)}`);
    if (after.negated && !before?.negated) found.push('an Allow with NotAction or NotResource');
    if (found.length) parts.push(`${a.path} newly allows ${found.join(', ')}`);
    if (newActions.some((x) => x === '*' || x.endsWith(':*')) || newResources.includes('*') || newPrincipals.includes('*') || (after.negated && !before?.negated)) {
      wildcard = true;
    }
  }
  return { text: parts.join('; '), wildcard };
}

function list(xs: readonly string[]): string {
  const shown = xs.slice(0, 8).join(', ');
  return xs.length > 8 ? `${shown} and ${xs.length - 8} more` : shown;
}

function grantsOf(doc: string): Grants | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(doc);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const st = (parsed as { Statement?: unknown }).Statement;
  const statements = Array.isArray(st) ? st : st ? [st] : [];
  const g: Grants = { actions: new Set(), resources: new Set(), principals: new Set(), negated: false };
  let negated = false;
  for (const s of statements) {
    if (typeof s !== 'object' || s === null) continue;
    const o = s as Record<string, unknown>;
    if (o.Effect !== 'Allow') continue;
    for (const x of strings(o.Action)) g.actions.add(x);
    for (const x of strings(o.Resource)) g.resources.add(x);
    for (const x of principals(o.Principal)) g.principals.add(x);
    if (o.NotAction !== undefined || o.NotResource !== undefined) negated = true;
  }
  return { ...g, negated };
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function principals(v: unknown): string[] {
  if (v === '*') return ['*'];
  if (typeof v !== 'object' || v === null) return [];
  return Object.values(v as Record<string, unknown>).flatMap(strings);
}

/** Lifecycle expirations shortened: objects older than the new age are deleted. */
/** `rule[0]...` in a plan, `rule["id=..."]...` in a spec diff (blocks matched by id). */
const EXPIRATION_PATH = /^rule\[(\d+|"[^"]*")\]\.expiration\[\d+\]\.days$/;

function retentionRisks(r: ResourceChange): Risk[] {
  const risks: Risk[] = [];
  // Shortened expirations of one lifecycle configuration are one risk, grouped by before -> after.
  const shortened = new Map<string, string[]>();
  for (const a of r.attributes) {
    if (r.type === 'aws_s3_bucket_lifecycle_configuration' && EXPIRATION_PATH.test(a.path)) {
      const b = a.before.kind === 'value' ? a.before.value : null;
      const n = a.after.kind === 'value' ? a.after.value : null;
      if (typeof b === 'number' && typeof n === 'number' && n < b) {
        const key = `${b}\0${n}`;
        shortened.set(key, [...(shortened.get(key) ?? []), a.path]);
      }
    }
    if (r.type === 'aws_s3_bucket' && a.path === 'force_destroy' && a.after.kind === 'value' && a.after.value === true) {
      risks.push({
        severity: 'medium',
        category: 'data-loss',
        message: 'turns on force_destroy: destroying the bucket later also deletes every object in it',
        address: r.address,
      });
    }
  }
  for (const [key, paths] of shortened) {
    const [b, n] = key.split('\0');
    risks.push({
      severity: 'high',
      category: 'data-loss',
      message: `shortens ${paths.length === 1 ? 'an S3 expiration' : `${paths.length} S3 expirations`} (${paths.join(', ')}) from ${b} to ${n} days: objects older than ${n} days are deleted`,
      address: r.address,
    });
  }
  return risks;
}
