// A Destination: the export function's narrowly scoped access to it. S3 without an external
// bucket: PutObject under the destination's prefix of the exports bucket. S3 with an external
// bucket: sts:AssumeRole on spec.s3.roleArn, or, without a role, PutObject under the external
// bucket's prefix only. SFTP: read access to the server's secret (created by name only).

import { Construct } from 'constructs';
import type { Doc } from '../specs/model';
import type { EnvironmentKey } from './environment-key';
import type { PipelineFunction } from './pipeline-function';
import { BUCKET_PUT_ACTIONS, ROLE_ASSUME_ACTIONS } from './private/perms';
import { destinationPrefix } from '../runtime/contract';
import { sidFromName } from './private/sid';
import type { SecureBucket } from './secure-bucket';
import { SftpSecret } from './sftp-secret';

export interface DestinationProps {
  readonly destination: Doc<'Destination'>;
  /** The environment's exports bucket. */
  readonly exports: SecureBucket;
  readonly key: EnvironmentKey;
  /** The export function. */
  readonly exportFunction: PipelineFunction;
}

export class Destination extends Construct {
  /** Prefix in the exports bucket, for s3 destinations without an external bucket. */
  readonly exportsPrefix?: string;
  readonly secret?: SftpSecret;

  constructor(scope: Construct, id: string, props: DestinationProps) {
    super(scope, id);
    const { destination, exportFunction } = props;
    const name = destination.metadata.name;
    const where = `Destination "${name}"`;
    if (destination.spec.type === 'sftp') {
      if (destination.spec.sftp === undefined) throw new Error(`${where} has type sftp but no sftp block`);
      this.secret = SftpSecret.forName(this, { secretName: destination.spec.sftp.auth.secretName, key: props.key });
      this.secret.grantRead(exportFunction);
      return;
    }
    const s3 = destination.spec.s3 ?? {};
    if (s3.bucket === undefined) {
      this.exportsPrefix = destinationPrefix(name, s3.prefix);
      props.exports.grantPut(exportFunction, this.exportsPrefix);
    } else if (s3.roleArn !== undefined) {
      exportFunction.addToRolePolicy({ sid: 'AssumeDestinationRoles', actions: ROLE_ASSUME_ACTIONS, resources: [s3.roleArn] });
    } else {
      exportFunction.addToRolePolicy({ sid: `PutExternal${sidFromName(name)}`, actions: BUCKET_PUT_ACTIONS, resources: [`arn:aws:s3:::${s3.bucket}/${s3.prefix ?? ''}*`] });
    }
  }
}
