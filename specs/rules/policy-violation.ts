import { fieldsUsed } from '../../audience-rules/fields';
import type { Diagnostic, PathSegment } from '../diagnostics';
import { Doc, LabelExpression, labelsOfField } from '../model';
import { docsOf, parsedRule, SemanticRule } from './rule';

/**
 * Policy enforcement before deploy: the labels on the fields an activation's audiences use or
 * it exports must not be denied, by an enabled policy, for a marketing action of its destination.
 */
export const policyViolation: SemanticRule = {
  id: 'policy-violation',
  doc: 'An Activation may not use or export fields whose labels an enabled Policy denies for a marketing action of its Destination.',
  check(ctx) {
    const out: Diagnostic[] = [];
    const policies = docsOf(ctx, 'Policy').filter((p) => p.spec.enabled !== false);
    for (const a of docsOf(ctx, 'Activation')) {
      const dest = ctx.specs.byKind.Destination.get(a.spec.destination);
      if (!dest) continue;
      // field -> where the activation touches it
      const touched = new Map<string, PathSegment[]>();
      let schema: Doc<'Schema'> | undefined;
      a.spec.audiences.forEach((name, i) => {
        const aud = ctx.specs.byKind.Audience.get(name);
        const ds = aud && ctx.specs.byKind.Dataset.get(aud.spec.dataset);
        schema = schema ?? (ds && ctx.specs.byKind.Schema.get(ds.spec.schema));
        const parsed = aud && parsedRule(aud);
        if (parsed && parsed.ok) for (const f of fieldsUsed(parsed.rule)) if (!touched.has(f)) touched.set(f, ['spec', 'audiences', i]);
      });
      if (!schema) continue;
      a.spec.attributes.forEach((f, i) => touched.set(f, ['spec', 'attributes', i]));
      if (schema.spec.primaryIdentity.namespace === a.spec.identity && !touched.has(schema.spec.primaryIdentity.field)) {
        touched.set(schema.spec.primaryIdentity.field, ['spec', 'identity']);
      }
      const labelsOf = new Map<string, string[]>();
      for (const f of touched.keys()) labelsOf.set(f, labelsOfField(schema.spec, f));
      const present = new Set([...labelsOf.values()].flat());
      for (const p of policies) {
        const actions = p.spec.marketingActions.filter((x) => dest.spec.marketingActions.includes(x));
        if (actions.length === 0) continue;
        const matched = matchedLabels(p.spec.deny, present);
        if (!matched) continue;
        const culprits = [...touched.keys()].filter((f) => labelsOf.get(f)!.some((l) => matched.includes(l))).sort();
        // Name the field that brings the rarest matched label: with allOf [THIRD_PARTY, I1] that is
        // the I1 field, not the first of many THIRD_PARTY fields.
        const carriers = (l: string) => culprits.filter((f) => labelsOf.get(f)!.includes(l));
        const rarest = [...matched].sort((x, y) => carriers(x).length - carriers(y).length || (x < y ? -1 : 1))[0];
        const first = carriers(rarest)[0];
        culprits.splice(culprits.indexOf(first), 1);
        culprits.unshift(first);
        const more = culprits.length > 1 ? ` (and ${culprits.length - 1} more: ${culprits.slice(1, 4).join(', ')}${culprits.length > 4 ? ', ...' : ''})` : '';
        const fieldLabels = labelsOf.get(first)!.filter((l) => matched.includes(l));
        out.push(
          ctx.at(
            a,
            touched.get(first)!,
            `policy "${p.metadata.name}" denies label ${fieldLabels.join(', ')} on field "${first}"${more} for marketing action "${actions[0]}"${actions.length > 1 ? ` (also ${actions.slice(1).join(', ')})` : ''} of destination "${dest.metadata.name}": remove the field from the activation or its audiences, or send to a destination without that action`,
          ),
        );
      }
    }
    return out;
  },
};

/** The labels that make `e` true over `present`, or undefined when it is false. */
export function matchedLabels(e: LabelExpression, present: ReadonlySet<string>): string[] | undefined {
  if (typeof e === 'string') return present.has(e) ? [e] : undefined;
  if ('anyOf' in e) {
    const hits = e.anyOf.map((x) => matchedLabels(x, present)).filter((x): x is string[] => x !== undefined);
    return hits.length ? [...new Set(hits.flat())] : undefined;
  }
  const all = e.allOf.map((x) => matchedLabels(x, present));
  return all.every((x) => x !== undefined) ? [...new Set((all as string[][]).flat())] : undefined;
}
