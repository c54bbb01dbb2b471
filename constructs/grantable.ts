// Something that can be granted permissions: a role with an identity policy. Grant methods
// (`bucket.grantRead(fn, prefix)`) add named actions to it and, where the resource is encrypted,
// the matching key permissions.

import type { PolicyStatement } from './private/policy-document';

export interface IGrantable {
  /** The role's ARN, for resource policies that name it. */
  readonly roleArn: string;
  /** Adds a statement to the role's policy (statements under one sid merge, see PolicyDocument.add). */
  addToRolePolicy(statement: PolicyStatement): void;
}
