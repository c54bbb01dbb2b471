// Attributes whose change makes Terraform replace a resource (the AWS provider marks them
// ForceNew: the API cannot change them in place), for the resource types our stacks create,
// from the AWS provider 5.x/6.x schemas. A synthesized diff has no plan to ask, so this table
// stands in for `replace_paths`. A type missing here is updated in place: keep it complete for
// every type in constructs/, and re-check it when the provider is upgraded.

export const FORCE_NEW_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_s3_bucket: ['bucket', 'bucket_prefix', 'object_lock_enabled'],
  // Every bucket sub-resource is tied to its bucket.
  aws_s3_bucket_lifecycle_configuration: ['bucket', 'expected_bucket_owner'],
  aws_s3_bucket_logging: ['bucket', 'expected_bucket_owner'],
  aws_s3_bucket_notification: ['bucket'],
  aws_s3_bucket_ownership_controls: ['bucket'],
  aws_s3_bucket_policy: ['bucket'],
  aws_s3_bucket_public_access_block: ['bucket'],
  aws_s3_bucket_server_side_encryption_configuration: ['bucket', 'expected_bucket_owner'],
  aws_s3_bucket_versioning: ['bucket', 'expected_bucket_owner'],
  aws_s3_object: ['bucket', 'key'],
  aws_glue_catalog_database: ['name', 'catalog_id'],
  aws_glue_catalog_table: ['name', 'database_name', 'catalog_id'],
  aws_lakeformation_lf_tag: ['key', 'catalog_id'],
  // Tag assignments cannot be edited: any change is a new assignment.
  aws_lakeformation_resource_lf_tags: ['catalog_id', 'database', 'lf_tag', 'table', 'table_with_columns'],
  aws_lambda_function: ['function_name'],
  // Layer versions are immutable: new content is a new version.
  aws_lambda_layer_version: [
    'layer_name',
    'filename',
    's3_bucket',
    's3_key',
    's3_object_version',
    'source_code_hash',
    'compatible_runtimes',
    'compatible_architectures',
    'description',
    'license_info',
  ],
  aws_lambda_permission: ['action', 'event_source_token', 'function_name', 'function_url_auth_type', 'principal', 'principal_org_id', 'qualifier', 'source_account', 'source_arn', 'statement_id', 'statement_id_prefix'],
  aws_iam_role: ['name', 'name_prefix', 'path'],
  aws_iam_role_policy: ['name', 'name_prefix', 'role'],
  aws_iam_role_policy_attachment: ['role', 'policy_arn'],
  aws_iam_policy: ['name', 'name_prefix', 'path'],
  // A KMS key has no ForceNew name; its key material and usage are fixed at creation.
  aws_kms_key: ['customer_master_key_spec', 'key_usage', 'multi_region', 'custom_key_store_id', 'xks_key_id'],
  aws_kms_alias: ['name', 'name_prefix'],
  aws_secretsmanager_secret: ['name', 'name_prefix'],
  aws_sqs_queue: ['name', 'name_prefix', 'fifo_queue'],
  aws_cloudwatch_log_group: ['name', 'name_prefix'],
  aws_scheduler_schedule: ['name', 'name_prefix', 'group_name'],
  aws_scheduler_schedule_group: ['name', 'name_prefix'],
  aws_cloudwatch_event_rule: ['name', 'name_prefix', 'event_bus_name'],
  aws_cloudwatch_event_target: ['rule', 'target_id', 'event_bus_name'],
  aws_athena_workgroup: ['name'],
};

/** The force-new attribute that a path (`bucket`, `table_with_columns[0].name`) lies under, if any. */
export function forceNewAttribute(type: string, path: string): string | undefined {
  const attrs = FORCE_NEW_ATTRIBUTES[type];
  if (!attrs) return undefined;
  const top = /^[A-Za-z0-9_-]+/.exec(path)?.[0];
  return top !== undefined && attrs.includes(top) ? top : undefined;
}

/** Attributes that name the object in AWS: equal values on a deleted and a created resource mean the same object. */
export function identityAttributes(type: string): readonly string[] {
  return (FORCE_NEW_ATTRIBUTES[type] ?? []).filter((a) => a === 'name' || a === 'bucket' || a === 'key' || a === 'function_name' || a === 'layer_name' || a === 'rule' || a === 'database_name' || a === 'statement_id');
}
