import { publicAccessFlagRule } from '../private/public-access-flag';

export const CKV_AWS_54 = publicAccessFlagRule('CKV_AWS_54', 'block_public_policy', 'reject bucket policies that grant public access');
