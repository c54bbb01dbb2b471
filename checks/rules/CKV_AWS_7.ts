import type { Finding, SecurityRule } from '../types';
import { findingOn, resources, show } from '../private/terraform';

export const CKV_AWS_7: SecurityRule = {
  id: 'CKV_AWS_7',
  title: 'KMS key rotation is enabled',
  doc: 'Every symmetric aws_kms_key sets enable_key_rotation = true. Asymmetric and HMAC keys (customer_master_key_spec other than SYMMETRIC_DEFAULT) cannot rotate and are skipped.',
  check(tf) {
    const out: Finding[] = [];
    for (const key of resources(tf, 'aws_kms_key')) {
      const spec = key.attrs.customer_master_key_spec;
      if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT') continue;
      if (key.attrs.enable_key_rotation === true) continue;
      out.push(findingOn('CKV_AWS_7', key, `enable_key_rotation is ${show(key.attrs.enable_key_rotation)}; set enable_key_rotation = true so the key material rotates yearly`));
    }
    return out;
  },
};
