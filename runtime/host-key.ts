// SSH host key fingerprints as `ssh-keygen -lf` prints them: SHA256:<base64 of the SHA-256 of
// the raw public key blob, without padding>.

import { createHash } from 'node:crypto';

export function hostKeyFingerprint(rawKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(rawKey).digest('base64').replace(/=+$/, '')}`;
}

/** Compares a declared fingerprint (with or without `SHA256:` and padding) to a key's. */
export function sameFingerprint(declared: string, actual: string): boolean {
  const norm = (f: string) => f.trim().replace(/^SHA256:/, '').replace(/=+$/, '');
  return norm(declared) === norm(actual);
}

export class HostKeyMismatchError extends Error {
  override readonly name = 'HostKeyMismatchError';
  constructor(
    readonly host: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `host key of ${host} is ${actual}, but hostKeyFingerprint is ${expected}: refusing to connect. If the partner rotated its key, confirm the new fingerprint with them and update spec.sftp.hostKeyFingerprint`,
    );
  }
}
