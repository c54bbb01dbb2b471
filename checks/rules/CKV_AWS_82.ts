import type { Finding, SecurityRule } from '../types';
import { block, findingOn, isSet, resources } from '../private/terraform';

export const CKV_AWS_82: SecurityRule = {
  id: 'CKV_AWS_82',
  title: 'Athena workgroup enforces encrypted query results',
  doc:
    'Every aws_athena_workgroup has configuration.result_configuration.encryption_configuration.encryption_option and does not set ' +
    'enforce_workgroup_configuration = false (Terraform\'s default is true), so clients cannot write unencrypted results.',
  check(tf) {
    const out: Finding[] = [];
    for (const wg of resources(tf, 'aws_athena_workgroup')) {
      const config = block(wg.attrs.configuration);
      if (config?.enforce_workgroup_configuration === false) {
        out.push(findingOn('CKV_AWS_82', wg, 'enforce_workgroup_configuration is false, so clients may override result encryption; remove it or set it to true'));
      }
      const encryption = block(block(config?.result_configuration)?.encryption_configuration);
      if (!isSet(encryption?.encryption_option)) {
        out.push(
          findingOn('CKV_AWS_82', wg, 'query results are not encrypted; set configuration.result_configuration.encryption_configuration { encryption_option = "SSE_KMS", kms_key_arn = <the environment key> }'),
        );
      }
    }
    return out;
  },
};
