// %AUDIENCE_ID%: a stable UUID per environment and audience (RFC 4122 version 5, SHA-1 of
// "<environment>/<audience>" in a fixed namespace), as Adobe names audiences by UUID. The same
// audience keeps its id across runs and deploys; dev and prod ids differ.

import { createHash } from 'node:crypto';

/** Namespace UUID of prospect-iac audience ids. */
const NAMESPACE = Buffer.from('6f1c2b0e7a3d4c8e9b5a1d2e3f405162', 'hex');

export function audienceId(environment: string, audience: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(`${environment}/${audience}`, 'utf8').digest().subarray(0, 16);
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
