// Runs the ingest function for each file that lands under a source's landing prefix: the
// landing bucket sends its object events to EventBridge, and a rule matching "Object Created"
// under the prefix invokes ingest with {source, bucket, key}.

import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { physicalName, terraformLiteral } from './private/names';
import type { PipelineFunction } from './pipeline-function';
import type { SecureBucket } from './secure-bucket';

export interface LandingTriggerProps {
  /** The source's name, passed to ingest as `source`. */
  readonly source: string;
  readonly landing: SecureBucket;
  /** Key prefix the source's files land under. */
  readonly prefix: string;
  readonly ingest: PipelineFunction;
  /** Prefix of rule names; ingest is allowed to be invoked by every rule under it. */
  readonly rulePrefix: string;
}

/** The event ingest receives for one landed file. */
export interface LandedFileEvent {
  readonly source: string;
  readonly bucket: string;
  /** As EventBridge delivers it (URL-encoded, as in S3 event notifications). */
  readonly key: string;
}

export class LandingTrigger extends Construct {
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: LandingTriggerProps) {
    super(scope, id);
    props.landing.enableEventBridgeNotifications();
    this.rule = new CloudwatchEventRule(this, 'Rule', {
      name: physicalName(`${props.rulePrefix}${props.source}`, 64),
      description: terraformLiteral(`Files landing under s3://${props.landing.bucketName}/${props.prefix} -> ingest (source ${props.source})`),
      eventPattern: terraformLiteral(
        JSON.stringify({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
          detail: { bucket: { name: [props.landing.bucketName] }, object: { key: [{ prefix: props.prefix }] } },
        }),
      ),
    });
    new CloudwatchEventTarget(this, 'Target', {
      rule: this.rule.name,
      arn: props.ingest.arn,
      inputTransformer: {
        inputPaths: { bucket: '$.detail.bucket.name', key: '$.detail.object.key' },
        inputTemplate: `{"source": ${JSON.stringify(props.source)}, "bucket": <bucket>, "key": <key>}`,
      },
      retryPolicy: { maximumRetryAttempts: 4, maximumEventAgeInSeconds: 3600 },
    });
    props.ingest.allowEventRules(props.rulePrefix, 'LandingRules');
  }
}
