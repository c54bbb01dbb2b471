// The sink of an activation's destination:
// - s3 without `bucket`: the environment's exports bucket, under `prefix` or destinations/<name>/
//   (constructs/private/runtime-contract.ts destinationPrefix, which the stack grants);
// - s3 with `bucket`: that bucket under `prefix` (default: the bucket's root);
// - sftp on AWS: the server, after its host key matched, with credentials from the secret;
// - sftp on `runtime: local`: the folder <localRoot>/sftp/<name>/ (SPEC-FORMAT.md, Environment).
// On `runtime: local` every bucket is a folder below localRoot (the store passed in).

import { destinationPrefix } from '../contract';
import type { RuntimeManifest } from '../manifest';
import { localSftpFolder } from '../layout';
import type { ObjectStore } from '../object-store';
import { connectSftp, type SftpConnectOptions, type SftpSession } from '../sftp-client';
import { ExportConfigError } from './errors';
import type { ActivationPlan } from './export-plan';
import type { FileSink } from './file-sink';
import { ObjectStoreSink } from './object-store-sink';
import { SftpSink } from './sftp-sink';
import { sftpCredentials, type SecretStore } from '../secret-store';

export interface SinkDeps {
  readonly manifest: RuntimeManifest;
  /** The environment's object store (S3, or the local folders). */
  readonly store: ObjectStore;
  /** Needed for sftp destinations on AWS (runtime/aws-secret-store.ts). */
  readonly secrets?: SecretStore;
  /** @default connectSftp */
  readonly connect?: (o: SftpConnectOptions) => Promise<SftpSession>;
}

/** '' or `a/b/`: no leading slash, one trailing slash, no empty, `.` or `..` segments. */
export function normalizePrefix(prefix: string | undefined, where: string): string {
  const p = (prefix ?? '').replace(/^\/+/, '');
  if (p === '') return '';
  const withSlash = p.endsWith('/') ? p : `${p}/`;
  if (withSlash.slice(0, -1).split('/').some((s) => s === '' || s === '.' || s === '..')) throw new ExportConfigError(`${where}: prefix ${JSON.stringify(prefix)} has an empty, "." or ".." segment`);
  return withSlash;
}

export async function openDestinationSink(plan: ActivationPlan, deps: SinkDeps): Promise<FileSink> {
  const d = plan.destination;
  const where = `destination ${JSON.stringify(plan.destinationName)}`;
  const local = deps.manifest.environment.runtime === 'local';
  if (d.type === 's3') {
    const s3 = d.s3 ?? {};
    if (s3.bucket === undefined) return new ObjectStoreSink(deps.store, deps.manifest.buckets.exports, normalizePrefix(destinationPrefix(plan.destinationName, s3.prefix), where));
    if (s3.roleArn !== undefined && !local) {
      throw new ExportConfigError(`${where}: writing through roleArn ${s3.roleArn} is not supported by this runtime yet; grant the export function PutObject on s3://${s3.bucket}/${s3.prefix ?? ''} instead`);
    }
    return new ObjectStoreSink(deps.store, s3.bucket, normalizePrefix(s3.prefix, where));
  }
  const sftp = d.sftp;
  if (!sftp) throw new ExportConfigError(`${where} has type sftp but no sftp block`);
  if (local) {
    const folder = localSftpFolder(plan.destinationName); // sftp/<name>
    const [bucket, ...rest] = folder.split('/');
    const root = deps.manifest.environment.localRoot ?? '.';
    return new ObjectStoreSink(deps.store, bucket, `${rest.join('/')}/`, undefined, `file://${root.replace(/\/$/, '')}/${folder}/`);
  }
  if (!deps.secrets) throw new ExportConfigError(`${where}: no secret store to read ${JSON.stringify(sftp.auth.secretName)} from`);
  const credentials = sftpCredentials(sftp.auth.type, sftp.auth.secretName, await deps.secrets.get(sftp.auth.secretName));
  const session = await (deps.connect ?? connectSftp)({ host: sftp.host, port: sftp.port, username: sftp.username, hostKeyFingerprint: sftp.hostKeyFingerprint, ...credentials });
  return new SftpSink(session, sftp.path, sftp);
}
