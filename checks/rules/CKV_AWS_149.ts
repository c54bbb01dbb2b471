import type { Finding, SecurityRule } from '../types';
import { findingOn, isSet, resources } from '../private/terraform';

export const CKV_AWS_149: SecurityRule = {
  id: 'CKV_AWS_149',
  title: 'Secrets Manager secret uses a KMS customer managed key',
  doc: 'Every aws_secretsmanager_secret sets kms_key_id, and not to the AWS managed alias/aws/secretsmanager.',
  check(tf) {
    const out: Finding[] = [];
    for (const secret of resources(tf, 'aws_secretsmanager_secret')) {
      const key = secret.attrs.kms_key_id;
      if (isSet(key) && !(typeof key === 'string' && key.endsWith('alias/aws/secretsmanager'))) continue;
      const what = isSet(key) ? 'secret uses the AWS managed key alias/aws/secretsmanager' : 'secret has no kms_key_id, so it uses the AWS managed key';
      out.push(findingOn('CKV_AWS_149', secret, `${what}; set kms_key_id to the environment's KMS key ARN`));
    }
    return out;
  },
};
