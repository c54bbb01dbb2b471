// The Athena workgroup segmentation and export run in when an Environment sets
// `segmentation.engine: athena`: engine version 3, its settings enforced on every query (a
// client cannot turn encryption off or send results elsewhere), results encrypted with the
// environment key (SSE_KMS) under the lake bucket's athena-results/ prefix and owned by this
// account, and a per-query cutoff on bytes scanned so a bad rule cannot run up a bill.

import { Construct } from 'constructs';
import { AthenaWorkgroup as AwsAthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup';
import type { EnvironmentKey } from './environment-key';
import type { IGrantable } from './grantable';
import { physicalName } from './private/names';
import { ATHENA_QUERY_ACTIONS, GLUE_TABLE_READ_ACTIONS, GLUE_TABLE_WRITE_ACTIONS } from './private/perms';
import type { SecureBucket } from './secure-bucket';

/** Prefix of query results in the lake bucket. */
export const ATHENA_RESULTS_PREFIX = 'athena-results/';

/** 10 GiB. */
export const DEFAULT_BYTES_SCANNED_CUTOFF = 10 * 1024 ** 3;
/** Athena's smallest allowed cutoff (10 MB). */
export const MIN_BYTES_SCANNED_CUTOFF = 10_485_760;

export interface AthenaWorkgroupProps {
  /** Prefix of physical names: the workgroup is `<namePrefix>-segmentation`. */
  readonly namePrefix: string;
  readonly account: string;
  readonly region: string;
  /** Query results go under athena-results/ in this bucket. */
  readonly lake: SecureBucket;
  /** Encrypts query results (SSE_KMS). */
  readonly key: EnvironmentKey;
  /** Glue database holding the dataset tables. */
  readonly glueDatabaseName: string;
  /** A query scanning more is cancelled. @default DEFAULT_BYTES_SCANNED_CUTOFF (10 GiB) */
  readonly bytesScannedCutoffPerQuery?: number;
}

export class AthenaWorkgroup extends Construct {
  readonly workgroup: AwsAthenaWorkgroup;
  readonly name: string;
  readonly arn: string;
  /** `s3://<lake>/athena-results/` */
  readonly resultsLocation: string;
  private readonly props: AthenaWorkgroupProps;

  constructor(scope: Construct, id: string, props: AthenaWorkgroupProps) {
    super(scope, id);
    this.props = props;
    const cutoff = props.bytesScannedCutoffPerQuery ?? DEFAULT_BYTES_SCANNED_CUTOFF;
    if (!Number.isSafeInteger(cutoff) || cutoff < MIN_BYTES_SCANNED_CUTOFF) {
      throw new Error(`Athena workgroup of ${props.namePrefix}: bytesScannedCutoffPerQuery must be a whole number of bytes >= ${MIN_BYTES_SCANNED_CUTOFF} (10 MB, Athena's minimum), got ${cutoff}`);
    }
    this.name = physicalName(`${props.namePrefix}-segmentation`, 128);
    this.resultsLocation = `s3://${props.lake.bucketName}/${ATHENA_RESULTS_PREFIX}`;
    this.workgroup = new AwsAthenaWorkgroup(this, 'Workgroup', {
      name: this.name,
      description: `prospect-iac ${props.namePrefix}: audience segmentation and export queries`,
      state: 'ENABLED',
      forceDestroy: false,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: cutoff,
        requesterPaysEnabled: false,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: this.resultsLocation,
          expectedBucketOwner: props.account,
          aclConfiguration: { s3AclOption: 'BUCKET_OWNER_FULL_CONTROL' },
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn: props.key.arn },
        },
      },
    });
    this.arn = this.workgroup.arn;
  }

  /**
   * What a function needs to run segmentation or export queries here: the workgroup, the Glue
   * catalog of the database (read; create and delete tables for CTAS), reading the datasets and
   * snapshots, and writing results and CTAS/UNLOAD output under `outputPrefixes` of the lake.
   */
  grantQuery(grantee: IGrantable, outputPrefixes: readonly string[]): void {
    const { region, account, glueDatabaseName, lake } = this.props;
    const glue = [`arn:aws:glue:${region}:${account}:catalog`, `arn:aws:glue:${region}:${account}:database/${glueDatabaseName}`, `arn:aws:glue:${region}:${account}:table/${glueDatabaseName}/*`];
    grantee.addToRolePolicy({ sid: 'RunAthenaQueries', actions: ATHENA_QUERY_ACTIONS, resources: [this.arn] });
    grantee.addToRolePolicy({ sid: 'ReadGlueTables', actions: GLUE_TABLE_READ_ACTIONS, resources: glue });
    grantee.addToRolePolicy({ sid: 'WriteGlueTables', actions: GLUE_TABLE_WRITE_ACTIONS, resources: glue });
    lake.grantRead(grantee, 'datasets/');
    lake.grantRead(grantee, ATHENA_RESULTS_PREFIX);
    lake.grantWrite(grantee, ATHENA_RESULTS_PREFIX);
    for (const prefix of outputPrefixes) lake.grantWrite(grantee, prefix);
  }
}
