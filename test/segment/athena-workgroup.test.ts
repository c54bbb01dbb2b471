// constructs/athena-workgroup.ts, synthesized: what Terraform will see.

import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { AthenaWorkgroup, DEFAULT_BYTES_SCANNED_CUTOFF } from '../../constructs/athena-workgroup';
import { ACCOUNT, functionPolicy, platform, REGION, resources, statement } from '../constructs/harness';

function synth(props: { cutoff?: number } = {}): string {
  return Testing.synthScope((scope) => {
    const p = platform(scope);
    const wg = new AthenaWorkgroup(scope, 'AthenaWorkgroup', {
      namePrefix: 'acme-dev',
      account: ACCOUNT,
      region: REGION,
      lake: p.lake,
      key: p.key,
      glueDatabaseName: 'acme_dev',
      bytesScannedCutoffPerQuery: props.cutoff,
    });
    wg.grantQuery(p.fn('segment'), ['audiences/']);
  });
}

describe('AthenaWorkgroup', () => {
  const json = synth();

  it('enforces SSE_KMS-encrypted results with the environment key under the lake bucket\'s athena-results/ prefix', () => {
    const [wg] = Object.values(resources(json, 'aws_athena_workgroup'));
    expect(wg.name).toBe('acme-dev-segmentation');
    expect(wg.state).toBe('ENABLED');
    expect(wg.force_destroy).toBe(false);
    const c = wg.configuration;
    expect(c.enforce_workgroup_configuration).toBe(true);
    expect(c.publish_cloudwatch_metrics_enabled).toBe(true);
    expect(c.requester_pays_enabled).toBe(false);
    expect(c.bytes_scanned_cutoff_per_query).toBe(DEFAULT_BYTES_SCANNED_CUTOFF);
    expect(c.engine_version.selected_engine_version).toBe('Athena engine version 3');
    expect(c.result_configuration.output_location).toBe('s3://acme-dev-lake/athena-results/');
    expect(c.result_configuration.expected_bucket_owner).toBe(ACCOUNT);
    expect(c.result_configuration.acl_configuration.s3_acl_option).toBe('BUCKET_OWNER_FULL_CONTROL');
    expect(c.result_configuration.encryption_configuration.encryption_option).toBe('SSE_KMS');
    expect(c.result_configuration.encryption_configuration.kms_key_arn).toMatch(/^\$\{aws_kms_key\..*\.arn\}$/);
  });

  it('takes a bytes scanned cutoff and refuses one below Athena\'s 10 MB minimum', () => {
    const [wg] = Object.values(resources(synth({ cutoff: 50 * 1024 ** 3 }), 'aws_athena_workgroup'));
    expect(wg.configuration.bytes_scanned_cutoff_per_query).toBe(50 * 1024 ** 3);
    expect(() => synth({ cutoff: 1000 })).toThrow(/bytesScannedCutoffPerQuery must be a whole number of bytes >= 10485760/);
  });

  it('grants a function queries in this workgroup only, Glue on its database, and lake prefixes it reads and writes', () => {
    const policy = functionPolicy(json, 'segment');
    const run = statement(policy, 'RunAthenaQueries');
    expect(run.Action).toEqual(['athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:GetWorkGroup', 'athena:StartQueryExecution', 'athena:StopQueryExecution']);
    expect(run.Resource).toEqual([expect.stringMatching(/^\$\{aws_athena_workgroup\..*\.arn\}$/)]);
    expect(statement(policy, 'ReadGlueTables').Resource).toEqual([
      `arn:aws:glue:${REGION}:${ACCOUNT}:catalog`,
      `arn:aws:glue:${REGION}:${ACCOUNT}:database/acme_dev`,
      `arn:aws:glue:${REGION}:${ACCOUNT}:table/acme_dev/*`,
    ]);
    expect(statement(policy, 'WriteGlueTables').Action).toEqual(['glue:CreateTable', 'glue:DeleteTable']);
    const writes = policy.filter((s) => s.Action.includes('s3:PutObject')).flatMap((s) => s.Resource);
    expect(writes.sort()).toEqual([expect.stringMatching(/\/athena-results\/\*$/), expect.stringMatching(/\/audiences\/\*$/)].sort());
    expect(policy.flatMap((s) => s.Action).some((a) => a.endsWith('*'))).toBe(false);
  });
});
