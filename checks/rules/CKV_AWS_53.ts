import { publicAccessFlagRule } from '../private/public-access-flag';

export const CKV_AWS_53 = publicAccessFlagRule('CKV_AWS_53', 'block_public_acls', 'reject requests that add public ACLs');
