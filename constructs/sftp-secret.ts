// The Secrets Manager secret holding an SFTP password or private key. Terraform creates the
// secret by name only, encrypted with the environment key; its value is set outside Terraform
// (console, CLI, a vault sync) and never appears in specs, state or plans. A source and a
// destination on the same server share one secret: it is created once per name.

import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import type { EnvironmentKey } from './environment-key';
import type { IGrantable } from './grantable';
import { idFromName } from './private/names';
import { KEY_DECRYPT_ACTIONS, SECRET_READ_ACTIONS } from './private/perms';

export interface SftpSecretProps {
  /** Secret name, from `sftp.auth.secretName`. */
  readonly secretName: string;
  readonly key: EnvironmentKey;
}

export class SftpSecret extends Construct {
  readonly secret: SecretsmanagerSecret;
  readonly arn: string;
  private readonly key: EnvironmentKey;

  /** The stack's secret of that name, created on first use (id `SftpSecret-<name>`). */
  static forName(scope: Construct, props: SftpSecretProps): SftpSecret {
    const stack = TerraformStack.of(scope);
    const id = `SftpSecret-${idFromName(props.secretName)}`;
    const existing = stack.node.tryFindChild(id);
    if (existing instanceof SftpSecret) return existing;
    return new SftpSecret(stack, id, props);
  }

  constructor(scope: Construct, id: string, props: SftpSecretProps) {
    super(scope, id);
    this.key = props.key;
    this.secret = new SecretsmanagerSecret(this, 'Secret', {
      name: props.secretName,
      description: 'SFTP credential for prospect-iac; the value is set outside Terraform',
      kmsKeyId: props.key.arn,
      recoveryWindowInDays: 30,
    });
    this.arn = this.secret.arn;
  }

  /** Read the secret's value (and decrypt it with the environment key). */
  grantRead(grantee: IGrantable): void {
    grantee.addToRolePolicy({ sid: 'ReadSftpSecrets', actions: SECRET_READ_ACTIONS, resources: [this.arn] });
    grantee.addToRolePolicy({ sid: 'DecryptWithEnvironmentKey', actions: KEY_DECRYPT_ACTIONS, resources: [this.key.arn] });
    this.key.allowServiceUse(grantee.roleArn);
  }
}
