// Secrets from AWS Secrets Manager.

import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretNotFoundError, SecretStore } from './secret-store';

export class AwsSecretStore implements SecretStore {
  constructor(readonly client: SecretsManagerClient = new SecretsManagerClient({})) {}

  async get(name: string): Promise<string> {
    try {
      const out = await this.client.send(new GetSecretValueCommand({ SecretId: name }));
      if (out.SecretString !== undefined) return out.SecretString;
      if (out.SecretBinary !== undefined) return Buffer.from(out.SecretBinary).toString('utf8');
      throw new SecretNotFoundError(name, 'Secrets Manager (it has no value)');
    } catch (e) {
      if ((e as { name?: string }).name === 'ResourceNotFoundException') throw new SecretNotFoundError(name, 'Secrets Manager');
      throw e;
    }
  }
}
