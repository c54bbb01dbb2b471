import type { Finding, SecurityRule } from '../types';
import { block, findingOn, isExpression, isObject, resources } from '../private/terraform';

// Names that say "this is a credential". A bare *KEY* is not on the list: it matches S3 object
// keys and KMS key ids, which are not secrets (and KMS_KEY_ARN-style names are pointers anyway).
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL/;
// Names that hold a pointer to a secret (Secrets Manager name or ARN), not the secret itself.
const POINTER_SUFFIX = /_(ARN|NAME|ID)$/;
// Values that are credentials whatever the variable is called.
const SECRET_VALUE = /\b(AKIA|ASIA)[A-Z0-9]{16}\b|-----BEGIN [A-Z ]*PRIVATE KEY-----/;

function problem(name: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '' || isExpression(value)) return undefined;
  if (SECRET_VALUE.test(value)) return `${name} holds a literal credential (an AWS access key id or a private key)`;
  const upper = name.toUpperCase();
  if (SECRET_NAME.test(upper) && !POINTER_SUFFIX.test(upper) && !value.startsWith('arn:')) return `${name} looks like a secret and has a literal value`;
  return undefined;
}

export const CKV_AWS_45: SecurityRule = {
  id: 'CKV_AWS_45',
  title: 'Lambda environment holds no hard-coded secrets',
  doc:
    'No aws_lambda_function environment variable named like *PASSWORD*, *SECRET*, *TOKEN*, *API_KEY*, *ACCESS_KEY*, *PRIVATE_KEY*, *CREDENTIAL* ' +
    'has a literal value (names ending _ARN, _NAME, _ID and ARN values are pointers and pass), and no value looks like an AWS access key or a private key.',
  check(tf) {
    const out: Finding[] = [];
    for (const fn of resources(tf, 'aws_lambda_function')) {
      const vars = block(fn.attrs.environment)?.variables;
      if (!isObject(vars)) continue;
      for (const [name, value] of Object.entries(vars).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const what = problem(name, value);
        if (what === undefined) continue;
        out.push(findingOn('CKV_AWS_45', fn, `environment variable ${what}; store it in Secrets Manager and pass the secret's name or ARN (e.g. ${name}_ARN) instead`));
      }
    }
    return out;
  },
};
