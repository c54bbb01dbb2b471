// A stack scope with the environment-wide constructs the per-kind constructs need: key, buckets,
// schedule group name and the four functions, as EnvironmentStack creates them.

import { Construct } from 'constructs';
import { Testing } from 'cdktf';
import { EnvironmentKey } from '../../constructs/environment-key';
import { PipelineFunction, PipelineHandler } from '../../constructs/pipeline-function';
import { SecureBucket } from '../../constructs/secure-bucket';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

export interface Platform {
  readonly scope: Construct;
  readonly key: EnvironmentKey;
  readonly landing: SecureBucket;
  readonly lake: SecureBucket;
  readonly exports: SecureBucket;
  readonly accessLogs: SecureBucket;
  readonly fn: (handler: PipelineHandler) => PipelineFunction;
}

export function platform(scope: Construct): Platform {
  const key = new EnvironmentKey(scope, 'Key', { account: ACCOUNT, region: REGION, namePrefix: 'acme-dev' });
  const accessLogs = new SecureBucket(scope, 'Bucket-access-logs', { bucketName: 'acme-dev-access-logs', accessLogSink: { account: ACCOUNT } });
  const bucket = (role: string) => new SecureBucket(scope, `Bucket-${role}`, { bucketName: `acme-dev-${role}`, encryptionKey: key, accessLogs });
  const landing = bucket('landing');
  const lake = bucket('lake');
  const exportsBucket = bucket('exports');
  const fns = new Map<PipelineHandler, PipelineFunction>();
  const fn = (handler: PipelineHandler) => {
    let f = fns.get(handler);
    if (!f) {
      f = new PipelineFunction(scope, `Function-${handler}`, { handler, namePrefix: 'acme-dev', account: ACCOUNT, region: REGION, key, environment: {}, reservedConcurrency: 2 });
      fns.set(handler, f);
    }
    return f;
  };
  return { scope, key, landing, lake, exports: exportsBucket, accessLogs, fn };
}

/** Synthesizes what `build` adds to a platform scope. */
export function synthWith(build: (p: Platform) => void): string {
  return Testing.synthScope((scope) => build(platform(scope)));
}

export interface Statement {
  Sid: string;
  Effect: string;
  Principal?: unknown;
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string[]>>;
}

export function resources(json: string, type: string): Record<string, Record<string, any>> {
  return (JSON.parse(json).resource ?? {})[type] ?? {};
}

/** The inline policy of a pipeline function's role (`Function-<handler>`). */
export function functionPolicy(json: string, handler: PipelineHandler): Statement[] {
  const policy = Object.entries(resources(json, 'aws_iam_role_policy')).find(([name]) => name.startsWith(`Function-${handler}_Policy_`));
  if (!policy) throw new Error(`no role policy for Function-${handler}`);
  return JSON.parse(policy[1].policy).Statement;
}

export function statement(statements: Statement[], sid: string): Statement {
  const s = statements.find((x) => x.Sid === sid);
  if (!s) throw new Error(`no statement ${sid}; have ${statements.map((x) => x.Sid).join(', ')}`);
  return s;
}

export function bucketPolicy(json: string, role: string): Statement[] {
  const policy = Object.entries(resources(json, 'aws_s3_bucket_policy')).find(([name]) => name.startsWith(`Bucket-${role}_Policy_`));
  if (!policy) throw new Error(`no bucket policy for Bucket-${role}`);
  return JSON.parse(policy[1].policy).Statement;
}

export function keyPolicy(json: string): Statement[] {
  return JSON.parse(Object.values(resources(json, 'aws_kms_key'))[0].policy).Statement;
}

/** Every action of every identity policy in the stack. */
export function allIdentityActions(json: string): string[] {
  return Object.values(resources(json, 'aws_iam_role_policy')).flatMap((p) => (JSON.parse(p.policy).Statement as Statement[]).flatMap((s) => s.Action));
}
