import { checkRule } from '../../audience-rules/type-check';
import type { Diagnostic } from '../diagnostics';
import { allFields } from '../model';
import { docsOf, parsedRule, SemanticRule } from './rule';

/** Audience rules parse, name existing fields and compare like types; errors point inside the rule string. */
export const audienceRule: SemanticRule = {
  id: 'audience-rule',
  doc: "Audience rules parse, are attribute-only, name fields of the dataset's schema and compare like types.",
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const d of docsOf(ctx, 'Audience')) {
      if (d.spec.rule === '') continue; // the schema reports an empty rule
      const parsed = parsedRule(d);
      if (!parsed.ok) {
        out.push(ctx.at(d, ['spec', 'rule'], parsed.error.message, { code: parsed.error.code, valueOffset: parsed.error.offset, severity: parsed.error.severity }));
        continue;
      }
      const dataset = ctx.specs.byKind.Dataset.get(d.spec.dataset);
      const schema = dataset && ctx.specs.byKind.Schema.get(dataset.spec.schema);
      if (!schema) continue; // a dangling dataset or schema is reported by dangling-reference
      for (const p of checkRule(parsed.rule, allFields(schema.spec))) {
        out.push(ctx.at(d, ['spec', 'rule'], p.message, { code: p.code, valueOffset: p.offset, severity: p.severity }));
      }
    }
    return out;
  },
};
