// The environment's KMS key: encrypts the data buckets, log groups, dead-letter queues and
// secrets. Rotation on. Its key policy gives the account root full control (so IAM decides who
// administers it), lets CloudWatch Logs use it for this environment's log groups, and lets the
// pipeline roles and partner writers use it only through S3, SQS and Secrets Manager.

import { Construct } from 'constructs';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KEY_ACCOUNT_ROOT_ACTIONS, KEY_ENCRYPT_ACTIONS, KEY_LOGS_SERVICE_ACTIONS } from './private/perms';
import { PolicyDocument } from './private/policy-document';

/** KMS key policies are limited to 32 KB. */
export const MAX_KEY_POLICY_CHARS = 32768;

export interface EnvironmentKeyProps {
  /** AWS account id (literal or reference). */
  readonly account: string;
  readonly region: string;
  /** Prefix of this environment's resource names; the alias is `alias/<prefix>`. */
  readonly namePrefix: string;
  /** Days before a scheduled deletion happens. @default 30 */
  readonly deletionWindowInDays?: number;
}

export class EnvironmentKey extends Construct {
  readonly key: KmsKey;
  readonly arn: string;
  private readonly policy = new PolicyDocument();
  private readonly props: EnvironmentKeyProps;

  constructor(scope: Construct, id: string, props: EnvironmentKeyProps) {
    super(scope, id);
    this.props = props;
    this.policy.add({
      sid: 'AccountRootAdministers',
      principal: { AWS: [`arn:aws:iam::${props.account}:root`] },
      actions: KEY_ACCOUNT_ROOT_ACTIONS,
      resources: ['*'],
    });
    this.policy.add({
      sid: 'CloudWatchLogsEncryptsLogGroups',
      principal: { Service: [`logs.${props.region}.amazonaws.com`] },
      actions: KEY_LOGS_SERVICE_ACTIONS,
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': [`arn:aws:logs:${props.region}:${props.account}:log-group:/aws/lambda/${props.namePrefix}-*`] } },
    });
    this.key = new KmsKey(this, 'Key', {
      description: `prospect-iac ${props.namePrefix}: data buckets, logs, queues and secrets`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      policy: this.policy.render({ maxChars: MAX_KEY_POLICY_CHARS, what: `the key policy of ${props.namePrefix}` }),
    });
    this.arn = this.key.arn;
    new KmsAlias(this, 'Alias', { name: `alias/${props.namePrefix}`, targetKeyId: this.key.keyId });
  }

  /** Lets a pipeline role use the key through S3, SQS and Secrets Manager (its IAM policy must grant it too). */
  allowServiceUse(roleArn: string): void {
    const r = this.props.region;
    this.policy.add({
      sid: 'PipelineRolesUseViaServices',
      principal: { AWS: [roleArn] },
      actions: KEY_ENCRYPT_ACTIONS,
      resources: ['*'],
      conditions: { StringEquals: { 'kms:ViaService': [`s3.${r}.amazonaws.com`, `secretsmanager.${r}.amazonaws.com`, `sqs.${r}.amazonaws.com`] } },
    });
  }

  /**
   * Lets a principal outside the account write SSE-KMS objects into one bucket (a partner
   * writing to its landing prefix). With S3 Bucket Keys the encryption context is the bucket ARN.
   */
  allowS3WritesBy(principal: string, bucketArn: string): void {
    this.policy.add({
      sid: 'PartnersWriteViaS3',
      principal: { AWS: [principal] },
      actions: KEY_ENCRYPT_ACTIONS,
      resources: ['*'],
      conditions: {
        StringEquals: { 'kms:ViaService': [`s3.${this.props.region}.amazonaws.com`] },
        ArnLike: { 'kms:EncryptionContext:aws:s3:arn': [bucketArn] },
      },
    });
  }
}
