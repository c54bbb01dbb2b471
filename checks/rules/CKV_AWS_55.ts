import { publicAccessFlagRule } from '../private/public-access-flag';

export const CKV_AWS_55 = publicAccessFlagRule('CKV_AWS_55', 'ignore_public_acls', 'ignore public ACLs on the bucket and its objects');
