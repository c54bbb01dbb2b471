// One pipeline Lambda function (ingest, sftp-poll, segment or export) and what it needs to run
// safely: code bundled from handlers/<name>.ts during synth, its own IAM role whose policy only
// grows through grants, an encrypted log group with retention, an encrypted dead-letter queue,
// X-Ray tracing and reserved concurrency. Environment variables carry names, never secrets.

import { Construct } from 'constructs';
import { AssetType, TerraformAsset } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { LAYER_ARCHITECTURE, LAYER_RUNTIME, type DuckdbLayer } from './duckdb-layer';
import type { EnvironmentKey } from './environment-key';
import type { IGrantable } from './grantable';
import { bundleHandler } from './private/handler-bundle';
import { physicalName } from './private/names';
import { FUNCTION_INVOKE_ACTIONS, KEY_ENCRYPT_ACTIONS, LOG_WRITE_ACTIONS, QUEUE_SEND_ACTIONS, TRACE_WRITE_ACTIONS } from './private/perms';
import { PolicyDocument, PolicyStatement } from './private/policy-document';

export type PipelineHandler = 'ingest' | 'sftp-poll' | 'segment' | 'export';
export const PIPELINE_HANDLERS: readonly PipelineHandler[] = ['ingest', 'sftp-poll', 'segment', 'export'];

/** Lambda's limit on a function's code plus all its layers, unzipped. */
export const MAX_UNZIPPED_BYTES = 250 * 1024 * 1024;
/** Lambda's limit on a zip uploaded directly (not through S3). */
export const MAX_DIRECT_UPLOAD_BYTES = 50 * 1024 * 1024;
/** An IAM role's inline policies may total this many characters. */
export const MAX_INLINE_POLICY_CHARS = 10240;

export interface PipelineFunctionProps {
  /** Which handler: the code is handlers/<handler>.ts. */
  readonly handler: PipelineHandler;
  /** Prefix of physical names: the function is `<namePrefix>-<handler>`. */
  readonly namePrefix: string;
  readonly account: string;
  readonly region: string;
  /** Encrypts the log group, the dead-letter queue and the environment variables. */
  readonly key: EnvironmentKey;
  /** Names only (buckets, keys): validated to hold no secret-looking values. */
  readonly environment: Readonly<Record<string, string>>;
  /** @default 365 */
  readonly logRetentionDays?: number;
  /** Concurrent executions reserved for (and capping) the function. */
  readonly reservedConcurrency: number;
  /** @default 1024 */
  readonly memorySize?: number;
  /** Seconds. @default 900 */
  readonly timeout?: number;
  /** @default - none */
  readonly layers?: readonly DuckdbLayer[];
}

export class PipelineFunction extends Construct implements IGrantable {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly roleArn: string;
  readonly arn: string;
  readonly functionName: string;
  readonly deadLetterQueue: SqsQueue;
  readonly logGroup: CloudwatchLogGroup;
  private readonly policy = new PolicyDocument();
  private readonly props: PipelineFunctionProps;
  private schedulerRoleArnValue?: string;
  private readonly eventRulePermissions = new Set<string>();

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    this.props = props;
    this.functionName = physicalName(`${props.namePrefix}-${props.handler}`, 64);
    checkEnvironment(this.functionName, props.environment);
    const bundle = bundleHandler(props.handler);
    const layers = props.layers ?? [];
    const unzipped = bundle.unzippedBytes + layers.reduce((n, l) => n + l.unzippedBytes, 0);
    if (unzipped > MAX_UNZIPPED_BYTES) {
      throw new Error(
        `function ${this.functionName}: code (${mb(bundle.unzippedBytes)}) plus layers (${mb(unzipped - bundle.unzippedBytes)}) is ${mb(unzipped)} unzipped, ` +
          `over Lambda's ${mb(MAX_UNZIPPED_BYTES)} limit; mark large dependencies external and move them to a layer, or use a container image`,
      );
    }
    if (bundle.zippedBytes > MAX_DIRECT_UPLOAD_BYTES) {
      throw new Error(`function ${this.functionName}: the code zip is ${mb(bundle.zippedBytes)}, over Lambda's ${mb(MAX_DIRECT_UPLOAD_BYTES)} direct-upload limit; move dependencies to a layer`);
    }

    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      name: `/aws/lambda/${this.functionName}`,
      retentionInDays: props.logRetentionDays ?? 365,
      kmsKeyId: props.key.arn,
    });
    this.deadLetterQueue = new SqsQueue(this, 'DeadLetterQueue', {
      name: physicalName(`${props.namePrefix}-${props.handler}-dlq`, 80),
      kmsMasterKeyId: props.key.arn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: 14 * 24 * 3600,
    });
    this.role = new IamRole(this, 'Role', {
      name: physicalName(`${props.namePrefix}-${props.handler}`, 64),
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': props.account } } }],
      }),
    });
    this.roleArn = this.role.arn;
    this.addToRolePolicy({ sid: 'WriteOwnLogs', actions: LOG_WRITE_ACTIONS, resources: [`${this.logGroup.arn}:*`] });
    this.addToRolePolicy({ sid: 'SendToOwnDeadLetterQueue', actions: QUEUE_SEND_ACTIONS, resources: [this.deadLetterQueue.arn] });
    this.addToRolePolicy({ sid: 'WriteTraces', actions: TRACE_WRITE_ACTIONS, resources: ['*'] });
    this.addToRolePolicy({ sid: 'EncryptWithEnvironmentKey', actions: KEY_ENCRYPT_ACTIONS, resources: [props.key.arn] });
    props.key.allowServiceUse(this.roleArn);
    const policy = new IamRolePolicy(this, 'Policy', { name: 'pipeline', role: this.role.id, policy: this.policy.render({ maxChars: MAX_INLINE_POLICY_CHARS, what: `the policy of role ${this.functionName}` }) });

    const code = new TerraformAsset(this, 'Code', { path: bundle.zipFile, type: AssetType.FILE, assetHash: Buffer.from(bundle.sha256, 'base64').toString('hex').slice(0, 32) });
    this.function = new LambdaFunction(this, 'Function', {
      functionName: this.functionName,
      description: `prospect-iac ${props.handler} (handlers/${props.handler}.ts)`,
      runtime: LAYER_RUNTIME,
      architectures: [LAYER_ARCHITECTURE],
      handler: 'index.handler',
      filename: code.path,
      sourceCodeHash: bundle.sha256,
      role: this.role.arn,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? 900,
      reservedConcurrentExecutions: props.reservedConcurrency,
      layers: layers.map((l) => l.arn),
      kmsKeyArn: props.key.arn,
      environment: { variables: sortedRecord(props.environment) },
      deadLetterConfig: { targetArn: this.deadLetterQueue.arn },
      tracingConfig: { mode: 'Active' },
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      // The role's policy must exist before the function can log, trace or use its queue.
      dependsOn: [policy, this.logGroup],
    });
    this.arn = this.function.arn;
  }

  addToRolePolicy(statement: PolicyStatement): void {
    this.policy.add(statement);
  }

  /**
   * ARN of a role EventBridge Scheduler assumes to invoke this function (created on first use):
   * trusted by scheduler.amazonaws.com for this account only, allowed lambda:InvokeFunction on
   * this function alone.
   */
  get schedulerRoleArn(): string {
    if (this.schedulerRoleArnValue !== undefined) return this.schedulerRoleArnValue;
    const policy = new PolicyDocument();
    policy.add({ sid: 'InvokePipelineFunction', actions: FUNCTION_INVOKE_ACTIONS, resources: [this.arn] });
    const role = new IamRole(this, 'SchedulerRole', {
      name: physicalName(`${this.props.namePrefix}-${this.props.handler}-scheduler`, 64),
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': this.props.account } } },
        ],
      }),
    });
    new IamRolePolicy(this, 'SchedulerPolicy', { name: 'invoke', role: role.id, policy: policy.render() });
    // Read once: every attribute read makes a new token, and many schedules share this role.
    this.schedulerRoleArnValue = role.arn;
    return this.schedulerRoleArnValue;
  }

  /**
   * Lets EventBridge rules whose names start with `rulePrefix` invoke the function: one
   * permission per prefix (not per rule) keeps the function policy under its 20 KB limit.
   */
  allowEventRules(rulePrefix: string, id: string): void {
    if (this.eventRulePermissions.has(rulePrefix)) return;
    this.eventRulePermissions.add(rulePrefix);
    new LambdaPermission(this, id, {
      functionName: this.function.functionName,
      action: FUNCTION_INVOKE_ACTIONS[0],
      principal: 'events.amazonaws.com',
      sourceAccount: this.props.account,
      sourceArn: `arn:aws:events:${this.props.region}:${this.props.account}:rule/${rulePrefix}*`,
      statementId: `AllowEventRules${id}`,
    });
  }
}

const SECRET_NAME = /PASSWORD|SECRET|TOKEN|API_KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL/i;

function checkEnvironment(fn: string, env: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(env)) {
    if (SECRET_NAME.test(name) && !/_(ARN|NAME|ID)$/.test(name)) {
      throw new Error(`function ${fn}: environment variable ${name} looks like a secret; pass a secret name or ARN and read the value at run time`);
    }
    if (/AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) {
      throw new Error(`function ${fn}: environment variable ${name} holds a credential; never put secrets in environment variables`);
    }
  }
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]]));
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
