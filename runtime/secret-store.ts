// Secrets by name: Secrets Manager on AWS, an environment variable or a JSON file on a laptop.
// Specs only ever hold names (SPEC-FORMAT: a literal password in a spec is an error).

export interface SecretStore {
  /** The secret's string value. Throws SecretNotFoundError. */
  get(name: string): Promise<string>;
}

export class SecretNotFoundError extends Error {
  override readonly name = 'SecretNotFoundError';
  constructor(
    readonly secretName: string,
    where: string,
  ) {
    super(`secret ${secretName} not found in ${where}: create it, or fix auth.secretName`);
  }
}

/** Credentials of an SFTP server, read from a secret's value. */
export interface SftpCredentials {
  readonly password?: string;
  readonly privateKey?: string;
  readonly passphrase?: string;
}

/**
 * A secret holds either the bare value (the password, or the PEM/OpenSSH private key) or JSON
 * `{"password": ...}` / `{"privateKey": ..., "passphrase": ...}`.
 */
export function sftpCredentials(authType: 'password' | 'ssh-key', secretName: string, value: string): SftpCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  const obj = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  if (authType === 'password') {
    const password = obj ? obj.password : value;
    if (typeof password !== 'string' || password === '') throw new Error(`secret ${secretName} has no password: store the password, or JSON {"password": "..."}`);
    return { password };
  }
  const privateKey = obj ? obj.privateKey : value;
  if (typeof privateKey !== 'string' || !privateKey.includes('PRIVATE KEY')) {
    throw new Error(`secret ${secretName} has no private key: store the key (-----BEGIN ... PRIVATE KEY-----), or JSON {"privateKey": "...", "passphrase": "..."}`);
  }
  return { privateKey, passphrase: obj && typeof obj.passphrase === 'string' ? obj.passphrase : undefined };
}
