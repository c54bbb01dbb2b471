import type { Diagnostic, PathSegment } from '../diagnostics';
import { isPlainObject } from '../overrides';
import type { SemanticRule } from './rule';

const SECRET_KEY = /^(password|passwd|pwd|passphrase|secret|secretKey|secretValue|clientSecret|token|accessToken|apiToken|apiKey|privateKey|private_key|accessKey|accessKeyId|secretAccessKey|sessionToken|credentials?)$/i;
const SECRET_VALUE: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i, 'a URL with a password'],
];

/** Secrets are referenced by name only: literal passwords, keys and tokens are errors. */
export const literalSecret: SemanticRule = {
  id: 'literal-secret',
  doc: 'Specs hold no literal passwords, keys or tokens; secrets are referenced by Secrets Manager name.',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const { doc, raw } of ctx.rawDocs) {
      walk(raw, [], (path, key, value) => {
        if (typeof value !== 'string' || value === '') return;
        if (key !== undefined && SECRET_KEY.test(key)) {
          out.push(ctx.at(doc, path, `"${key}" holds a literal secret: secrets are referenced by name only; store the value in AWS Secrets Manager and name it with auth.secretName`, { key: true }));
          return;
        }
        for (const [re, what] of SECRET_VALUE) {
          if (re.test(value)) {
            out.push(ctx.at(doc, path, `this value looks like ${what}: secrets are referenced by name only; store it in AWS Secrets Manager and reference it by name`));
            return;
          }
        }
      });
    }
    return out;
  },
};

function walk(v: unknown, path: PathSegment[], visit: (path: PathSegment[], key: string | undefined, value: unknown) => void): void {
  const key = path.length ? path[path.length - 1] : undefined;
  visit(path, typeof key === 'string' ? key : undefined, v);
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], visit));
  else if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k], visit);
}
