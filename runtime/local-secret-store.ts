// Secrets for `runtime: local`: the environment variable PROSPECT_SECRET_<NAME> (name upper-cased,
// every character other than A-Z and 0-9 replaced by _), else the key <name> of a JSON file
// (by default <localRoot>/secrets.json, which should stay out of version control).

import * as fs from 'node:fs';
import { SecretNotFoundError, SecretStore } from './secret-store';

export function secretEnvName(name: string): string {
  return `PROSPECT_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export class LocalSecretStore implements SecretStore {
  constructor(
    readonly file?: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async get(name: string): Promise<string> {
    const fromEnv = this.env[secretEnvName(name)];
    if (fromEnv !== undefined) return fromEnv;
    if (this.file && fs.existsSync(this.file)) {
      let secrets: unknown;
      try {
        secrets = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      } catch (e) {
        throw new Error(`${this.file} is not valid JSON (${(e as Error).message}): it must be an object of secret name to value`);
      }
      const value = (secrets as Record<string, unknown>)[name];
      if (typeof value === 'string') return value;
      if (value !== undefined) return JSON.stringify(value);
    }
    throw new SecretNotFoundError(name, `${secretEnvName(name)} or ${this.file ?? '(no secrets file)'}`);
  }
}
