// A Source of type sftp: the server's credential as a Secrets Manager secret (name only), and a
// schedule from spec.schedule that runs the sftp-poll function with {source}. sftp-poll copies
// new files into the source's landing prefix, where, as for an s3 source, each file triggers
// ingest; landed files expire with the dataset's expiration.

import { Construct } from 'constructs';
import { sourceLandingPrefix } from '../runtime/layout';
import type { Doc } from '../specs/model';
import type { EnvironmentKey } from './environment-key';
import { FunctionSchedule } from './function-schedule';
import { LandingTrigger } from './landing-trigger';
import type { PipelineFunction } from './pipeline-function';
import { toEventBridgeCron } from '../specs/cron';
import type { SecureBucket } from './secure-bucket';
import { SftpSecret } from './sftp-secret';

export interface SftpSourceProps {
  readonly source: Doc<'Source'>;
  /** The source's dataset: its expiration also applies to landed files. */
  readonly dataset: Doc<'Dataset'>;
  readonly landing: SecureBucket;
  readonly key: EnvironmentKey;
  readonly sftpPoll: PipelineFunction;
  readonly ingest: PipelineFunction;
  readonly scheduleGroupName: string;
  /** Prefix of this environment's EventBridge rule names for sources. */
  readonly rulePrefix: string;
}

export class SftpSource extends Construct {
  readonly secret: SftpSecret;
  readonly landingPrefix: string;

  constructor(scope: Construct, id: string, props: SftpSourceProps) {
    super(scope, id);
    const { source } = props;
    const name = source.metadata.name;
    const where = `Source "${name}"`;
    if (source.spec.type !== 'sftp' || source.spec.sftp === undefined) throw new Error(`${where} is not an sftp source with an sftp block; use S3Source`);
    if (source.spec.schedule === undefined) throw new Error(`${where} needs a schedule (5-field cron, UTC) to poll ${source.spec.sftp.host}`);

    this.secret = SftpSecret.forName(this, { secretName: source.spec.sftp.auth.secretName, key: props.key });
    this.secret.grantRead(props.sftpPoll);
    this.landingPrefix = sourceLandingPrefix(source);
    const days = props.dataset.spec.expiration.afterDays;
    props.landing.addLifecycleRule({ id: `source-${name}`, prefix: this.landingPrefix, expirationDays: days, noncurrentExpirationDays: days });

    new FunctionSchedule(this, 'Schedule', {
      name: `source-${name}`,
      groupName: props.scheduleGroupName,
      expression: toEventBridgeCron(source.spec.schedule, `${where} schedule`),
      target: props.sftpPoll,
      input: { source: name },
      description: `Poll sftp://${source.spec.sftp.host}${source.spec.sftp.path} for source ${name}`,
    });
    new LandingTrigger(this, 'Trigger', { source: name, landing: props.landing, prefix: this.landingPrefix, ingest: props.ingest, rulePrefix: props.rulePrefix });
  }
}
