import type { Diagnostic, PathSegment } from '../diagnostics';
import { isPlainObject } from '../overrides';
import type { SemanticRule } from './rule';

/** Secret words anywhere in a key, across camelCase, snake_case and kebab-case (dbPassword, api_token, sftp-password). */
const SECRET_WORD = /(^|[^a-z])(pass(word|wd|phrase)?|pwd|secret|token|api[-_ ]?key|private[-_ ]?key|access[-_ ]?key|credentials?)([^a-z]|$)/i;
/** Keys that name a secret without holding one. */
const SECRET_REFERENCE = /(secret|key|token)[-_ ]?(name|arn|id)$/i;

function isSecretKey(key: string): boolean {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return SECRET_WORD.test(words) && !SECRET_REFERENCE.test(key);
}
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
        if (key !== undefined && isSecretKey(key)) {
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
