import type { Diagnostic } from '../diagnostics';
import { docsOf, SemanticRule } from './rule';

/** Field constraints fit the field's type and are consistent; patterns are regular expressions both JavaScript and DuckDB (RE2) accept. */
export const fieldConstraints: SemanticRule = {
  id: 'field-constraints',
  doc: 'Schema field constraints fit the type (lengths and patterns on strings, bounds on numbers), min <= max, enum values match the type, patterns compile in RE2 syntax.',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const s of docsOf(ctx, 'Schema')) {
      for (const [name, f] of Object.entries(s.spec.fields)) {
        const at = (key: string, msg: string): void => void out.push(ctx.at(s, ['spec', 'fields', name, key], `field "${name}": ${msg}`, { key: true }));
        const numeric = f.type === 'integer' || f.type === 'number';
        if (f.type !== 'string') {
          for (const k of ['minLength', 'maxLength', 'pattern'] as const) if (f[k] !== undefined) at(k, `${k} applies to strings only, and the field is ${f.type}: remove it or change the type`);
        }
        if (!numeric) {
          for (const k of ['minimum', 'maximum'] as const) if (f[k] !== undefined) at(k, `${k} applies to integer and number fields only, and the field is ${f.type}: remove it`);
        }
        if (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength) at('maxLength', `maxLength ${f.maxLength} is below minLength ${f.minLength}`);
        if (f.minimum !== undefined && f.maximum !== undefined && f.minimum > f.maximum) at('maximum', `maximum ${f.maximum} is below minimum ${f.minimum}`);
        if (f.enum) {
          if (f.type === 'boolean' || f.type === 'date' || f.type === 'datetime') at('enum', `enum is not supported on ${f.type} fields`);
          const bad = f.enum.find((v) => (f.type === 'string' ? typeof v !== 'string' : numeric ? typeof v !== 'number' || (f.type === 'integer' && !Number.isInteger(v)) : false));
          if (bad !== undefined) at('enum', `enum value ${JSON.stringify(bad)} is not ${f.type === 'integer' ? 'an integer' : `a ${f.type}`}`);
        }
        if (f.pattern !== undefined) {
          const problem = patternProblem(f.pattern);
          if (problem) at('pattern', `pattern ${JSON.stringify(f.pattern)} ${problem}`);
        }
      }
    }
    return out;
  },
};

/** Why a pattern cannot be used by both the JavaScript reference and DuckDB's RE2, if it cannot. */
export function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    return `is not a valid regular expression (${(e as Error).message.replace(/^Invalid regular expression: /, '')})`;
  }
  if (/\(\?[=!<]/.test(pattern)) return 'uses lookaround, which RE2 (DuckDB, Athena) does not support: rewrite it without (?=, (?! or (?<';
  if (/\\[1-9]/.test(pattern)) return 'uses a backreference, which RE2 (DuckDB, Athena) does not support';
  return undefined;
}
