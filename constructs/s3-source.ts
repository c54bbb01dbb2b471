// A Source of type s3. Without an external bucket the partner writes into a landing prefix of
// the environment's landing bucket: the bucket policy lets spec.s3.writerPrincipal only
// PutObject under that prefix, files expire with the dataset's expiration, and each new file
// triggers ingest through EventBridge. With an external bucket, a schedule runs ingest, which
// reads the bucket through spec.s3.roleArn (assumed) or, without a role, its own permissions.

import { Construct } from 'constructs';
import { sourceLandingPrefix } from '../runtime/layout';
import type { Doc } from '../specs/model';
import { FunctionSchedule } from './function-schedule';
import { LandingTrigger } from './landing-trigger';
import type { PipelineFunction } from './pipeline-function';
import { toEventBridgeCron } from '../specs/cron';
import { BUCKET_LIST_ACTIONS, BUCKET_READ_ACTIONS, ROLE_ASSUME_ACTIONS } from './private/perms';
import { sidFromName } from './private/sid';
import type { SecureBucket } from './secure-bucket';

export interface S3SourceProps {
  readonly source: Doc<'Source'>;
  /** The source's dataset: its expiration also applies to landed files. */
  readonly dataset: Doc<'Dataset'>;
  readonly landing: SecureBucket;
  readonly ingest: PipelineFunction;
  /** The environment's schedule group. */
  readonly scheduleGroupName: string;
  /** Prefix of this environment's EventBridge rule names for sources. */
  readonly rulePrefix: string;
}

export class S3Source extends Construct {
  /** Landing prefix in the landing bucket; undefined for an external bucket. */
  readonly landingPrefix?: string;

  constructor(scope: Construct, id: string, props: S3SourceProps) {
    super(scope, id);
    const { source, landing, ingest } = props;
    const name = source.metadata.name;
    const where = `Source "${name}"`;
    const s3 = source.spec.s3 ?? {};
    if (source.spec.type !== 's3') throw new Error(`${where} is of type ${source.spec.type}; use SftpSource`);

    if (s3.bucket === undefined) {
      const prefix = sourceLandingPrefix(source);
      this.landingPrefix = prefix;
      if (s3.writerPrincipal !== undefined) landing.grantPrincipalPut(s3.writerPrincipal, prefix, `PartnerWrites${sidFromName(name)}`);
      const days = props.dataset.spec.expiration.afterDays;
      landing.addLifecycleRule({ id: `source-${name}`, prefix, expirationDays: days, noncurrentExpirationDays: days });
      new LandingTrigger(this, 'Trigger', { source: name, landing, prefix, ingest, rulePrefix: props.rulePrefix });
      return;
    }

    if (source.spec.schedule === undefined) {
      throw new Error(`${where} reads the external bucket ${s3.bucket} and needs a schedule (5-field cron, UTC) to poll it`);
    }
    new FunctionSchedule(this, 'Schedule', {
      name: `source-${name}`,
      groupName: props.scheduleGroupName,
      expression: toEventBridgeCron(source.spec.schedule, `${where} schedule`),
      target: ingest,
      input: { source: name },
      description: `Poll s3://${s3.bucket}/${s3.prefix ?? ''} for source ${name}`,
    });
    if (s3.roleArn !== undefined) {
      ingest.addToRolePolicy({ sid: 'AssumePartnerReadRoles', actions: ROLE_ASSUME_ACTIONS, resources: [s3.roleArn] });
    } else {
      const prefix = s3.prefix ?? '';
      ingest.addToRolePolicy({ sid: `ReadExternal${sidFromName(name)}`, actions: BUCKET_READ_ACTIONS, resources: [`arn:aws:s3:::${s3.bucket}/${prefix}*`] });
      ingest.addToRolePolicy({
        sid: `ListExternal${sidFromName(name)}`,
        actions: BUCKET_LIST_ACTIONS,
        resources: [`arn:aws:s3:::${s3.bucket}`],
        conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
      });
    }
  }
}
