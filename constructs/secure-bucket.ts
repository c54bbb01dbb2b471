// An S3 bucket with the environment's secure defaults (private/s3-bucket-defaults.ts): encrypted,
// versioned, public access blocked, ACLs disabled, TLS-only policy, access logging, incomplete
// multipart uploads aborted. Lifecycle rules and policy statements are added by the constructs
// that own the data (a Dataset expires its prefix) and rendered sorted at synth time.

import { Construct } from 'constructs';
import { Lazy } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
  s3BucketLifecycleConfigurationRuleToTerraform,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { EnvironmentKey } from './environment-key';
import type { IGrantable } from './grantable';
import { BUCKET_LIST_ACTIONS, BUCKET_PUT_ACTIONS, BUCKET_READ_ACTIONS, BUCKET_WRITE_ACTIONS, KEY_DECRYPT_ACTIONS, KEY_ENCRYPT_ACTIONS } from './private/perms';
import { PolicyDocument, PolicyStatement } from './private/policy-document';
import {
  ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS,
  ACCESS_LOGS_ENCRYPTION,
  denyInsecureTransport,
  KMS_ENCRYPTION,
  MAX_LIFECYCLE_RULES,
  OBJECT_OWNERSHIP,
  PUBLIC_ACCESS_BLOCK,
  VERSIONING_STATUS,
} from './private/s3-bucket-defaults';

/** S3 bucket policies are limited to 20 KB. */
export const MAX_BUCKET_POLICY_CHARS = 20480;

export interface SecureBucketProps {
  /** Globally unique bucket name (runtime/layout.ts `bucketName`). */
  readonly bucketName: string;
  /**
   * Encrypts the bucket with SSE-KMS. Required for every bucket except the access-logs sink.
   * @default - SSE-S3, allowed only with `accessLogSink` (S3 server access logging cannot write to SSE-KMS buckets)
   */
  readonly encryptionKey?: EnvironmentKey;
  /** Where this bucket's server access logs go. Required for every bucket except the access-logs sink. */
  readonly accessLogs?: SecureBucket;
  /**
   * Makes this the environment's access-logs sink: it receives other buckets' server access logs
   * (from this account only) and logs nowhere itself, since logging it anywhere would loop.
   * @default - a data bucket
   */
  readonly accessLogSink?: { readonly account: string };
}

/** A lifecycle rule on a prefix, as the constructs that own the data declare it. */
export interface PrefixLifecycleRule {
  /** Unique within the bucket; sorted to render. */
  readonly id: string;
  readonly prefix: string;
  /** Current versions expire (become noncurrent) this many days after creation. */
  readonly expirationDays: number;
  /** Noncurrent versions are deleted this many days after they became noncurrent. */
  readonly noncurrentExpirationDays: number;
}

export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  /** `arn:aws:s3:::<name>` (a reference). */
  readonly arn: string;
  readonly encryptionKey?: EnvironmentKey;
  private readonly policy = new PolicyDocument();
  private notification?: S3BucketNotification;
  private readonly sinkAccount?: string;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const sink = props.accessLogSink !== undefined;
    if (!sink && props.encryptionKey === undefined) throw new Error(`bucket ${props.bucketName}: a data bucket needs encryptionKey`);
    if (!sink && props.accessLogs === undefined) throw new Error(`bucket ${props.bucketName}: a data bucket needs accessLogs (the access-logs bucket)`);
    if (sink && props.accessLogs !== undefined) throw new Error(`bucket ${props.bucketName}: the access-logs sink cannot log to another bucket (log delivery would loop)`);
    if (sink && props.encryptionKey !== undefined) {
      throw new Error(`bucket ${props.bucketName}: the access-logs sink must use SSE-S3; S3 server access logging cannot deliver to SSE-KMS buckets`);
    }
    this.bucketName = props.bucketName;
    this.encryptionKey = props.encryptionKey;
    this.bucket = new S3Bucket(this, 'Bucket', { bucket: props.bucketName });
    this.arn = this.bucket.arn;
    const bucket = this.bucket.id;

    new S3BucketVersioningA(this, 'Versioning', { bucket, versioningConfiguration: { status: VERSIONING_STATUS } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket,
      rule: [
        props.encryptionKey
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: KMS_ENCRYPTION.sseAlgorithm, kmsMasterKeyId: props.encryptionKey.arn }, bucketKeyEnabled: KMS_ENCRYPTION.bucketKeyEnabled }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: ACCESS_LOGS_ENCRYPTION.sseAlgorithm } },
      ],
    });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', { bucket, ...PUBLIC_ACCESS_BLOCK });
    new S3BucketOwnershipControls(this, 'Ownership', { bucket, rule: { objectOwnership: OBJECT_OWNERSHIP } });

    this.policy.add(denyInsecureTransport(this.arn));
    this.sinkAccount = props.accessLogSink?.account;
    // After the public access block, or S3 may reject the policy while the block is being set.
    new S3BucketPolicy(this, 'Policy', {
      bucket,
      policy: this.policy.render({ maxChars: MAX_BUCKET_POLICY_CHARS, what: `the bucket policy of ${props.bucketName}` }),
      dependsOn: [publicAccessBlock],
    });

    if (props.accessLogs) {
      props.accessLogs.allowAccessLogsFrom(this);
      new S3BucketLoggingA(this, 'Logging', { bucket, targetBucket: props.accessLogs.bucket.id, targetPrefix: `${props.bucketName}/` });
    }

    this.addLifecycleRuleRaw({
      id: 'abort-incomplete-multipart-uploads',
      status: 'Enabled',
      filter: [{ prefix: '' }],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS }],
      // Delete markers left once every version of an object has expired.
      expiration: [{ expiredObjectDeleteMarker: true }],
    });
    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket,
      rule: Lazy.anyValue({ produce: () => this.renderLifecycleRules() }) as never,
      dependsOn: [this.node.findChild('Versioning') as S3BucketVersioningA],
    });
  }

  /** Expires current and noncurrent versions under a prefix (e.g. a dataset's data). */
  addLifecycleRule(rule: PrefixLifecycleRule): void {
    for (const [name, days] of [['expirationDays', rule.expirationDays], ['noncurrentExpirationDays', rule.noncurrentExpirationDays]] as const) {
      if (!Number.isInteger(days) || days < 1) throw new Error(`bucket ${this.bucketName} lifecycle rule ${rule.id}: ${name} must be a whole number of days >= 1, got ${days}`);
    }
    this.addLifecycleRuleRaw({
      id: rule.id,
      status: 'Enabled',
      filter: [{ prefix: rule.prefix }],
      expiration: [{ days: rule.expirationDays }],
      noncurrentVersionExpiration: [{ noncurrentDays: rule.noncurrentExpirationDays }],
    });
  }

  private readonly rawRules = new Map<string, S3BucketLifecycleConfigurationRule>();
  private addLifecycleRuleRaw(rule: S3BucketLifecycleConfigurationRule): void {
    if (this.rawRules.has(rule.id)) throw new Error(`bucket ${this.bucketName} already has a lifecycle rule "${rule.id}"`);
    if (this.rawRules.size >= MAX_LIFECYCLE_RULES) {
      throw new Error(`bucket ${this.bucketName} would have more than ${MAX_LIFECYCLE_RULES} lifecycle rules (S3's limit); adding "${rule.id}"`);
    }
    this.rawRules.set(rule.id, rule);
  }

  private renderLifecycleRules(): unknown[] {
    return [...this.rawRules.keys()].sort().map((id) => s3BucketLifecycleConfigurationRuleToTerraform(this.rawRules.get(id)));
  }

  /** Lets S3 server access logging of `source` (same account) write into this sink. */
  private allowAccessLogsFrom(source: SecureBucket): void {
    if (this.sinkAccount === undefined) throw new Error(`bucket ${this.bucketName} is not an access-logs sink; ${source.bucketName} cannot log to it`);
    this.policy.add({
      sid: 'S3ServerAccessLogDelivery',
      principal: { Service: ['logging.s3.amazonaws.com'] },
      actions: BUCKET_PUT_ACTIONS,
      resources: [`${this.arn}/*`],
      conditions: { StringEquals: { 'aws:SourceAccount': [this.sinkAccount] }, ArnLike: { 'aws:SourceArn': [source.arn] } },
    });
  }

  /** Adds a statement to the bucket policy. */
  addToResourcePolicy(statement: PolicyStatement): void {
    this.policy.add(statement);
  }

  /** Sends this bucket's object events to EventBridge (idempotent). */
  enableEventBridgeNotifications(): void {
    this.notification ??= new S3BucketNotification(this, 'Notification', { bucket: this.bucket.id, eventbridge: true });
  }

  /** `arn:aws:s3:::<bucket>/<prefix>*`. */
  objectsArn(prefix = ''): string {
    return `${this.arn}/${prefix}*`;
  }

  /** Get and list objects under `prefix` (the whole bucket when empty), and decrypt them. */
  grantRead(grantee: IGrantable, prefix = ''): void {
    const role = this.sidPart();
    grantee.addToRolePolicy({ sid: `Read${role}Objects`, actions: BUCKET_READ_ACTIONS, resources: [this.objectsArn(prefix)] });
    grantee.addToRolePolicy(
      prefix === ''
        ? { sid: `List${role}All`, actions: BUCKET_LIST_ACTIONS, resources: [this.arn] }
        : { sid: `List${role}`, actions: BUCKET_LIST_ACTIONS, resources: [this.arn], conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } } },
    );
    this.grantKey(grantee, KEY_DECRYPT_ACTIONS);
  }

  /** Create and overwrite objects under `prefix`, and encrypt them. */
  grantPut(grantee: IGrantable, prefix = ''): void {
    grantee.addToRolePolicy({ sid: `Put${this.sidPart()}Objects`, actions: BUCKET_PUT_ACTIONS, resources: [this.objectsArn(prefix)] });
    this.grantKey(grantee, KEY_ENCRYPT_ACTIONS);
  }

  /** Create, overwrite and delete objects under `prefix`, and encrypt them. */
  grantWrite(grantee: IGrantable, prefix = ''): void {
    grantee.addToRolePolicy({ sid: `Write${this.sidPart()}Objects`, actions: BUCKET_WRITE_ACTIONS, resources: [this.objectsArn(prefix)] });
    this.grantKey(grantee, KEY_ENCRYPT_ACTIONS);
  }

  /**
   * Lets a principal (another account, a partner's role) only PutObject under `prefix`, through
   * the bucket policy, and encrypt with the key through S3.
   */
  grantPrincipalPut(principal: string, prefix: string, sid: string): void {
    this.policy.add({ sid, principal: { AWS: [principal] }, actions: BUCKET_PUT_ACTIONS, resources: [this.objectsArn(prefix)] });
    this.encryptionKey?.allowS3WritesBy(principal, this.arn);
  }

  private grantKey(grantee: IGrantable, actions: readonly string[]): void {
    if (!this.encryptionKey) return;
    const sid = actions.includes('kms:GenerateDataKey') ? 'EncryptWithEnvironmentKey' : 'DecryptWithEnvironmentKey';
    grantee.addToRolePolicy({ sid, actions, resources: [this.encryptionKey.arn] });
    this.encryptionKey.allowServiceUse(grantee.roleArn);
  }

  /** The construct id, as a policy sid part (`Lake`, `Landing`...). */
  private sidPart(): string {
    return this.node.id.replace(/(^|[^A-Za-z0-9])([a-z])/g, (_, __, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');
  }
}
