// CKV_AWS_53 to CKV_AWS_56 are the same check on four flags of aws_s3_bucket_public_access_block.

import type { Finding, SecurityRule } from '../types';
import { findingOn, resources, show } from './terraform';

export function publicAccessFlagRule(id: string, flag: string, effect: string): SecurityRule {
  return {
    id,
    title: `S3 public access block sets ${flag}`,
    doc: `Every aws_s3_bucket_public_access_block sets ${flag} = true (${effect}); left out, Terraform uses false.`,
    check(tf) {
      const out: Finding[] = [];
      for (const block of resources(tf, 'aws_s3_bucket_public_access_block')) {
        const value = block.attrs[flag];
        if (value === true) continue;
        out.push(findingOn(id, block, `${flag} is ${show(value)}, so the bucket does not ${effect}; set ${flag} = true`));
      }
      return out;
    },
  };
}
