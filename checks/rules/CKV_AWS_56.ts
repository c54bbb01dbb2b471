import { publicAccessFlagRule } from '../private/public-access-flag';

export const CKV_AWS_56 = publicAccessFlagRule('CKV_AWS_56', 'restrict_public_buckets', 'restrict access to a public bucket to AWS services and the owner account');
