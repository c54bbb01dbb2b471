// Every semantic rule, in the order they run (the output is sorted by position anyway).
import { activationFields } from './activation-fields';
import { activationIdentity } from './activation-identity';
import { audienceRule } from './audience-rule';
import { danglingReference } from './dangling-reference';
import { duplicateCode } from './duplicate-code';
import { duplicateName } from './duplicate-name';
import { environmentOverrides } from './environment-overrides';
import { externalBucket } from './external-bucket';
import { fieldConstraints } from './field-constraints';
import { fieldNames } from './field-names';
import { labelTarget } from './label-target';
import { literalSecret } from './literal-secret';
import { nameTemplate } from './name-template';
import { policyViolation } from './policy-violation';
import { primaryIdentity } from './primary-identity';
import type { SemanticRule } from './rule';
import { schedule } from './schedule';
import { sftpFolders } from './sftp-folders';
import { sourceMapping } from './source-mapping';
import { thirdPartyLabel } from './third-party-label';
import { unknownLabel } from './unknown-label';
import { unknownMarketingAction } from './unknown-marketing-action';

export const SEMANTIC_RULES: readonly SemanticRule[] = [
  duplicateName,
  duplicateCode,
  danglingReference,
  unknownLabel,
  labelTarget,
  unknownMarketingAction,
  primaryIdentity,
  thirdPartyLabel,
  fieldConstraints,
  fieldNames,
  sourceMapping,
  externalBucket,
  sftpFolders,
  schedule,
  audienceRule,
  activationIdentity,
  activationFields,
  nameTemplate,
  policyViolation,
  literalSecret,
  environmentOverrides,
];
